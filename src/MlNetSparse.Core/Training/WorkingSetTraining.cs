using System.Diagnostics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Sparsity;

namespace MlNetSparse.Core.Training;

/// <summary>
/// IHT on a working set of columns (docs/algorithms.md#working-set): γ = 1/L̂₂ₛ estimated on the full objective;
/// W = the features of supp(θ⁰) and the <see cref="InitialSizeFactor"/>·s largest |∇ⱼf(θ⁰)|; the usual training
/// (<see cref="IhtTraining.TrainFrom"/>: IHT with its stop rule, then the polish) on f_W, whose passes touch only
/// X's entries in W's columns; then ONE full gradient pass checks that the result is a fixed point of full IHT,
/// i.e. that no column outside W would enter H_s(θ − γ∇f(θ)). Violators, and the next s largest gradients, join W
/// and training goes on from θ; it ends when the check passes. The certificate is evaluated with the full gradient
/// at the final point, so the result carries the same guarantee as full IHT's.
/// </summary>
internal static class WorkingSetTraining
{
    /// <summary>|W₀| = min(p, this·s) features besides θ⁰'s support; each expansion adds the violators and s more.</summary>
    public const int InitialSizeFactor = 2;

    /// <summary>
    /// <see cref="WorkingSetMode.Auto"/> uses a working set when p ≥ this·|W₀|. A run costs 4 full passes more
    /// (∇f(θ⁰), curvature, X_W, the check) and 2 per extra round, and saves (1 − nnz(X_W)/nnz(X)) of every step;
    /// on the benchmark's Zipf-like rows (p = 24.8·|W₀|) W held 35 % of the entries and a default fit fell from
    /// 739 to 273 passes (docs/algorithms.md#working-set). Popular columns hold most entries, so near p = |W₀| the
    /// share approaches 1 and the extra passes would not pay: 8 keeps well clear of that.
    /// </summary>
    public const int AutoMinimumColumnRatio = 8;

    /// <summary>Whether <paramref name="options"/> ask for a working set on <paramref name="objective"/>, and it can have one.</summary>
    public static bool Applies(IDifferentiableObjective objective, IhtSolverOptions options)
    {
        if (options.WorkingSet == WorkingSetMode.Off || objective is not LinearModelObjective { SupportsColumnRestriction: true } linear)
            return false;
        if (options.WorkingSet == WorkingSetMode.On)
            return true;
        int p = linear.Layout.FeatureCount;
        return !options.CompareWithDenseOptimum && p >= (long)AutoMinimumColumnRatio * InitialSize(options.Sparsity, p);
    }

    /// <summary>Trains from <paramref name="start"/> as <see cref="IhtTraining.TrainFrom"/> does, on working sets of columns.</summary>
    public static IhtTrainingResult TrainFrom(LinearModelObjective objective, IParameterInitializer initializer, IhtSolverOptions options,
        ReadOnlySpan<float> start, IIhtObserver? observer, CancellationToken cancellationToken)
    {
        LinearModelLayout layout = objective.Layout;
        int n = layout.ParameterCount, p = layout.FeatureCount;
        IDifferentiableObjective minimised = RidgePenalty.Apply(objective, options.L2Regularization);

        // γ is estimated on the full objective: L₂ₛ of f bounds L₂ₛ of every f_W, so γ is valid on each working set too.
        long started = Stopwatch.GetTimestamp();
        var (stepSize, smoothness) = IhtTraining.ChooseStep(minimised, initializer, options, options.Sparsity, observer);
        var smoothnessCost = smoothness is null ? default : new PhaseCost(smoothness.Passes, Stopwatch.GetElapsedTime(started));

        // The working set's own passes over X: ∇f(θ⁰), the curvature bounds, each copy X_W and each full check.
        started = Stopwatch.GetTimestamp();
        float[] parameters = start.ToArray();
        float[] gradient = new float[n];
        double loss = minimised.ValueAndGradient(parameters, gradient);
        float[]? curvature = StationarityMeasure.CurvatureOf(minimised);
        int screeningPasses = curvature is null ? 1 : 2;
        var inSet = new bool[p];
        for (int i = 0; i < layout.WeightCount; i++)
            if (parameters[i] != 0f)
                inSet[i % p] = true;
        AddLargestGradients(gradient, layout, inSet, InitialSize(options.Sparsity, p));
        TimeSpan screeningTime = Stopwatch.GetElapsedTime(started);

        var rounds = new List<WorkingSetRound>();
        var history = new List<double>();
        double iterationsEquivalent = 0, polishEquivalent = 0;
        TimeSpan iterationsTime = TimeSpan.Zero, polishTime = TimeSpan.Zero;
        int iterations = 0, backtracks = 0;
        IhtTrainingResult inner;
        List<int> violators;
        bool reachedTarget;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            started = Stopwatch.GetTimestamp();
            int[] columns = Members(inSet);
            LinearModelObjective restricted = objective.RestrictedToColumns(columns);
            double fraction = restricted.StoredCount / (double)Math.Max(objective.StoredCount, 1);
            screeningTime += Stopwatch.GetElapsedTime(started);

            var roundOptions = options with
            {
                WorkingSet = WorkingSetMode.Off,
                SwapSearchWork = 0, // the thorough search runs once, on all columns, below
                StepSize = stepSize,
                CompareWithDenseOptimum = false,
                MaximumIterations = Math.Max(0, options.MaximumIterations - iterations),
            };
            IIhtObserver? roundObserver = observer is null ? null : new ContinuingObserver(observer, iterations, backtracks);
            inner = IhtTraining.TrainFrom(restricted, initializer, roundOptions, Gather(parameters, columns, layout), roundObserver, cancellationToken);
            iterationsEquivalent += inner.Phases.Iterations.Passes * fraction;
            polishEquivalent += inner.Phases.Polish.Passes * fraction;
            (iterationsTime, polishTime) = (iterationsTime + inner.Phases.Iterations.Time, polishTime + inner.Phases.Polish.Time);
            iterations += inner.Solution.Iterations;
            backtracks += inner.Solution.Backtracks;
            history.AddRange(history.Count == 0 ? inner.Solution.LossHistory : inner.Solution.LossHistory.Skip(1));

            // The full check: one gradient pass at θ; columns outside W that H_s would take are violators.
            started = Stopwatch.GetTimestamp();
            parameters = Scatter(inner.Solution.Parameters, columns, layout);
            loss = minimised.ValueAndGradient(parameters, gradient);
            screeningPasses += 2; // X_W's copy and the check
            violators = Violators(parameters, gradient, layout, inSet, options.Sparsity, inner.Solution.StepSize, curvature,
                options.StationarityTolerance);
            rounds.Add(new WorkingSetRound(columns.Length, restricted.StoredCount, inner.Solution.Iterations,
                inner.Phases.Iterations.Passes + inner.Phases.Polish.Passes, violators.Count));
            // A reached loss target ends the run as it ends full IHT (judged on f: the round's polish may have relabelled
            // its stop Converged, a fixed point on W only); so does the shared iteration cap.
            reachedTarget = options.LossTolerance > 0 && loss <= options.LossTolerance;
            if (violators.Count == 0 || reachedTarget || iterations >= options.MaximumIterations)
            {
                screeningTime += Stopwatch.GetElapsedTime(started);
                break;
            }
            foreach (int feature in violators)
                inSet[feature] = true;
            AddLargestGradients(gradient, layout, inSet, options.Sparsity);
            screeningTime += Stopwatch.GetElapsedTime(started);
        }

        // The loss of the run is f(θ) as the full pass computed it (f_W(θ_W) is the same sum over fewer zero terms).
        history[^1] = loss;
        // With violators left the point is no fixed point of full IHT, whatever the last round's own stop said.
        IhtStopReason stopReason = violators.Count == 0 ? inner.Solution.StopReason
            : reachedTarget ? IhtStopReason.LossToleranceReached
            : IhtStopReason.MaximumIterations;
        int iterationPasses = (int)Math.Ceiling(iterationsEquivalent);
        var solution = new IhtSolution(parameters, gradient, [.. history], iterations, stepSize, inner.Solution.StepSize, backtracks,
            stopReason, iterationPasses, curvature);
        SupportPolishReport? polish = inner.Polish;
        if (violators.Count == 0 && polish is { Outcome: SupportPolishOutcome.FixedPoint })
        {
            // A fixed point of full IHT: the thorough swap search, on all columns as after a fit without a working set
            // (docs/algorithms.md#support-polish); on data wide enough for a working set it rarely has the arithmetic to run.
            started = Stopwatch.GetTimestamp();
            int before = polish.Passes;
            (solution, polish) = SwapSearch.Thorough(minimised, solution, polish, options with { StepSize = solution.StepSize }, cancellationToken);
            polishEquivalent += polish.Passes - before;
            polishTime += Stopwatch.GetElapsedTime(started);
            (parameters, gradient) = (solution.Parameters, solution.Gradient);
        }
        var certificate = HtStabilityCertificate.Evaluate(parameters, gradient, options.Sparsity, solution.StepSize,
            options.StationarityTolerance, options.TieTolerance, curvature);

        started = Stopwatch.GetTimestamp();
        (DenseReference Reference, int Passes)? dense = options.CompareWithDenseOptimum
            ? IhtTraining.TrainDense(objective, initializer, options, observer, cancellationToken)
            : null;
        var denseCost = dense is null ? default : new PhaseCost(dense.Value.Passes, Stopwatch.GetElapsedTime(started));
        return new IhtTrainingResult(solution, smoothness, certificate, dense?.Reference)
        {
            Polish = polish,
            WorkingSet = new WorkingSetReport(p, objective.StoredCount, rounds, iterationsEquivalent + polishEquivalent),
            Phases = new TrainingPhases
            {
                Smoothness = smoothnessCost,
                Iterations = new PhaseCost(iterationPasses, iterationsTime),
                Polish = new PhaseCost((int)Math.Ceiling(polishEquivalent), polishTime),
                WorkingSet = new PhaseCost(screeningPasses, screeningTime),
                DenseReference = denseCost,
            },
        };
    }

    private static int InitialSize(int sparsity, int featureCount) => (int)Math.Min(featureCount, (long)InitialSizeFactor * sparsity);

    /// <summary>
    /// The features outside W of which some weight would enter H_s(θ − γ∇f): γ|∇f| above τ, the s-th largest
    /// |θᵢ − γ∇ᵢf| over W's parameters (biases included). Where W's parameters are fewer than s or that point has fewer
    /// than s nonzeros, τ = 0 and the budget does not bind: a feature then violates when its step (curvature-scaled,
    /// as the certificate measures it) exceeds the stationarity tolerance.
    /// </summary>
    private static List<int> Violators(float[] parameters, float[] gradient, LinearModelLayout layout, bool[] inSet, int sparsity,
        double stepSize, float[]? curvature, double stationarityTolerance)
    {
        int p = layout.FeatureCount, n = layout.ParameterCount;
        var step = new List<float>();
        for (int i = 0; i < n; i++)
            if (i >= layout.WeightCount || inSet[i % p])
                step.Add(Math.Abs((float)(parameters[i] - stepSize * gradient[i])));
        float threshold = step.Count >= sparsity ? Selection.Select(step.ToArray(), step.Count - sparsity) : 0f;
        double scale = StationarityMeasure.Scale(parameters);
        var violators = new List<int>();
        for (int j = 0; j < p; j++)
        {
            if (inSet[j])
                continue;
            for (int c = 0; c < layout.OutputCount; c++)
            {
                int i = layout.WeightIndex(c, j);
                double slope = Math.Abs(gradient[i]);
                bool enters = threshold > 0
                    ? stepSize * slope > threshold
                    : slope > 0 && (curvature is null ? stepSize * slope : slope / curvature[i]) > stationarityTolerance * scale;
                if (enters)
                {
                    violators.Add(j);
                    break;
                }
            }
        }
        return violators;
    }

    /// <summary>Adds to W the <paramref name="count"/> features outside it with the largest maxₖ|∇f| (smaller index first at a tie).</summary>
    private static void AddLargestGradients(float[] gradient, LinearModelLayout layout, bool[] inSet, int count)
    {
        int p = layout.FeatureCount;
        var score = new float[p];
        var outside = new List<float>();
        for (int j = 0; j < p; j++)
        {
            if (inSet[j])
                continue;
            for (int c = 0; c < layout.OutputCount; c++)
                score[j] = Math.Max(score[j], Math.Abs(gradient[layout.WeightIndex(c, j)]));
            outside.Add(score[j]);
        }
        if (outside.Count == 0 || count <= 0)
            return;
        if (count >= outside.Count)
        {
            Array.Fill(inSet, true);
            return;
        }
        float threshold = Selection.Select(outside.ToArray(), outside.Count - count);
        int added = 0;
        for (int j = 0; j < p && added < count; j++)
            if (!inSet[j] && score[j] > threshold)
                (inSet[j], added) = (true, added + 1);
        for (int j = 0; j < p && added < count; j++)
            if (!inSet[j] && score[j] == threshold)
                (inSet[j], added) = (true, added + 1);
    }

    private static int[] Members(bool[] inSet)
    {
        var members = new List<int>();
        for (int j = 0; j < inSet.Length; j++)
            if (inSet[j])
                members.Add(j);
        return [.. members];
    }

    /// <summary>θ_W: the weights of W's features, class by class, then the biases (the layout of f_W).</summary>
    private static float[] Gather(float[] parameters, int[] columns, LinearModelLayout layout)
    {
        var restricted = new LinearModelLayout(layout.OutputCount, columns.Length);
        var gathered = new float[restricted.ParameterCount];
        for (int c = 0; c < layout.OutputCount; c++)
        {
            for (int t = 0; t < columns.Length; t++)
                gathered[restricted.WeightIndex(c, t)] = parameters[layout.WeightIndex(c, columns[t])];
            gathered[restricted.BiasIndex(c)] = parameters[layout.BiasIndex(c)];
        }
        return gathered;
    }

    /// <summary>θ from θ_W: zero outside W.</summary>
    private static float[] Scatter(float[] restrictedParameters, int[] columns, LinearModelLayout layout)
    {
        var restricted = new LinearModelLayout(layout.OutputCount, columns.Length);
        var parameters = new float[layout.ParameterCount];
        for (int c = 0; c < layout.OutputCount; c++)
        {
            for (int t = 0; t < columns.Length; t++)
                parameters[layout.WeightIndex(c, columns[t])] = restrictedParameters[restricted.WeightIndex(c, t)];
            parameters[layout.BiasIndex(c)] = restrictedParameters[restricted.BiasIndex(c)];
        }
        return parameters;
    }

    /// <summary>Reports each round's steps as steps of one run: numbered on from the rounds before.</summary>
    private sealed class ContinuingObserver(IIhtObserver inner, int iterations, int backtracks) : IIhtObserver
    {
        public void OnIteration(in IhtIteration iteration)
            => inner.OnIteration(iteration with { Iteration = iteration.Iteration + iterations, Backtracks = iteration.Backtracks + backtracks });

        public void OnCheckpoint() => inner.OnCheckpoint();
    }
}
