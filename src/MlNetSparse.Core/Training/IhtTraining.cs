using System.Diagnostics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;

namespace MlNetSparse.Core.Training;

/// <summary>
/// One training run, end to end: θ⁰ → γ = 1/L̂₂ₛ → IHT → the support polish → the certificate → the dense
/// reference (when asked for). The numerics behind the ML.NET trainers and the experiment runner. Each phase's
/// passes over the data and time are in <see cref="IhtTrainingResult.Phases"/>.
/// </summary>
public static class IhtTraining
{
    /// <summary>Trains a model with at most s nonzero parameters.</summary>
    /// <param name="objective">f, the training loss (without the ridge term: <see cref="IhtSolverOptions.L2Regularization"/> adds it).</param>
    /// <param name="initializer">The model's usual random initialisation (random start and L̂₂ₛ samples).</param>
    /// <param name="options">Budget, start, stopping rules, seeds.</param>
    /// <param name="observer">Progress and cancellation; may be null.</param>
    /// <param name="cancellationToken">Cancels between steps.</param>
    public static IhtTrainingResult Train(IDifferentiableObjective objective, IParameterInitializer initializer,
        IhtSolverOptions options, IIhtObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(initializer);
        ArgumentNullException.ThrowIfNull(options);
        int n = objective.ParameterCount;
        options.Validate(n);

        float[] start = StartOf(options, n, initializer);
        return TrainFrom(objective, initializer, options, start, observer, cancellationToken);
    }

    /// <summary>
    /// Trains from a given θ⁰ instead of <see cref="IhtSolverOptions.Start"/>: a warm start, such as
    /// the solution at a smaller s on a sparsity path or on fewer rows.
    /// </summary>
    /// <param name="objective">f, the training loss.</param>
    /// <param name="initializer">The model's usual random initialisation (L̂₂ₛ samples).</param>
    /// <param name="options">Budget, stopping rules, seeds; <see cref="IhtSolverOptions.Start"/> is not used.</param>
    /// <param name="start">θ⁰: at most s nonzero, finite entries.</param>
    /// <param name="observer">Progress and cancellation; may be null.</param>
    /// <param name="cancellationToken">Cancels between steps.</param>
    public static IhtTrainingResult TrainFrom(IDifferentiableObjective objective, IParameterInitializer initializer,
        IhtSolverOptions options, ReadOnlySpan<float> start, IIhtObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(initializer);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(objective.ParameterCount);
        if (WorkingSetTraining.Applies(objective, options)) // docs/algorithms.md#working-set
            return WorkingSetTraining.TrainFrom((LinearModelObjective)objective, initializer, options, start, observer, cancellationToken);

        // L̂₂ₛ and the certificate judge the objective IHT minimises, ridge term included; the solver adds the term itself.
        IDifferentiableObjective minimised = RidgePenalty.Apply(objective, options.L2Regularization);
        long started = Stopwatch.GetTimestamp();
        var (stepSize, smoothness) = ChooseStep(minimised, initializer, options, options.Sparsity, observer);
        var smoothnessCost = smoothness is null ? default : new PhaseCost(smoothness.Passes, Stopwatch.GetElapsedTime(started));

        // IHT and the polish, which minimises the same objective, ridge term included, and may take over from IHT.
        var (solution, polish, iterationsCost, polishCost) = PolishedIht.Run(objective, minimised, start,
            SolverOptions(options, options.Sparsity, stepSize), observer, cancellationToken);

        // The certificate reuses the curvature bounds the stationarity test computed; else they cost a pass.
        float[]? curvature = solution.Curvature ?? StationarityMeasure.CurvatureOf(minimised);
        int certificatePasses = solution.Curvature is null && curvature is not null ? 1 : 0;
        var certificate = HtStabilityCertificate.Evaluate(solution.Parameters, solution.Gradient, options.Sparsity,
            solution.StepSize, options.StationarityTolerance, options.TieTolerance, curvature);
        iterationsCost += new PhaseCost(certificatePasses, TimeSpan.Zero);

        started = Stopwatch.GetTimestamp();
        (DenseReference Reference, int Passes)? dense = options.CompareWithDenseOptimum
            ? TrainDense(objective, initializer, options, observer, cancellationToken)
            : null;
        var denseCost = dense is null ? default : new PhaseCost(dense.Value.Passes, Stopwatch.GetElapsedTime(started));
        return new IhtTrainingResult(solution, smoothness, certificate, dense?.Reference)
        {
            Polish = polish,
            Phases = new TrainingPhases { Smoothness = smoothnessCost, Iterations = iterationsCost, Polish = polishCost, DenseReference = denseCost },
        };
    }

    /// <summary>θ⁰ as the options ask: zero, or the paper's random sparse start.</summary>
    internal static float[] StartOf(IhtSolverOptions options, int n, IParameterInitializer initializer)
        => options.Start == SparseStartKind.RandomSparse
            ? SparseStart.Random(n, options.Sparsity, initializer, options.InitializationSeed, options.SupportSeed)
            : SparseStart.Zero(n);

    /// <summary>The fixed γ of the options, or γ = 1/L̂₂ₛ estimated on <paramref name="objective"/> at sparsity <paramref name="sparsity"/>.</summary>
    internal static (double StepSize, SmoothnessEstimate? Estimate) ChooseStep(IDifferentiableObjective objective,
        IParameterInitializer initializer, IhtSolverOptions options, int sparsity, IIhtObserver? observer)
    {
        if (options.StepSize is double fixedStep)
            return (fixedStep, null);
        var estimate = RestrictedSmoothnessEstimator.Estimate(objective, sparsity, initializer, options.MonteCarloSampleCount,
            options.MonteCarloSeed, observer is null ? null : observer.OnCheckpoint);
        return (estimate.StepSize, estimate);
    }

    /// <summary>The solver's settings for one run at <paramref name="sparsity"/> and <paramref name="stepSize"/>.</summary>
    internal static IhtSolverOptions SolverOptions(IhtSolverOptions options, int sparsity, double stepSize)
        => options with { Sparsity = sparsity, StepSize = stepSize };

    // IHT with s = n is gradient descent; from zero, with no loss tolerance so it goes as far as it can.
    // Its passes: its own L̂ estimate and its iterations.
    internal static (DenseReference Reference, int Passes) TrainDense(IDifferentiableObjective objective, IParameterInitializer initializer,
        IhtSolverOptions options, IIhtObserver? observer, CancellationToken cancellationToken)
    {
        int n = objective.ParameterCount;
        var (stepSize, smoothness) = ChooseStep(RidgePenalty.Apply(objective, options.L2Regularization), initializer, options, n, observer);
        var denseOptions = SolverOptions(options, n, stepSize) with { LossTolerance = 0 };
        IhtSolution dense = IhtSolver.Solve(objective, SparseStart.Zero(n), denseOptions, observer, cancellationToken);
        return (new DenseReference(dense.Loss, dense.Iterations, dense.StopReason), (smoothness?.Passes ?? 0) + dense.Passes);
    }
}
