using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Training;

namespace MlNetSparse.Core.Stochastic;

/// <summary>
/// One mini-batch training run, end to end: θ⁰ → γ = 1/L̂₂ₛ estimated on the first mini-batch →
/// stochastic IHT → f, ∇f and the certificate on ALL rows → the dense reference, trained by the same
/// rules. The mini-batch counterpart of <see cref="IhtTraining"/>.
/// </summary>
public static class StochasticIhtTraining
{
    /// <summary>Trains a model with at most s nonzero parameters on mini-batches of <paramref name="source"/>.</summary>
    /// <param name="source">The rows, batch by batch; restarted at the start of each run.</param>
    /// <param name="loss">ℓ, the per-example loss.</param>
    /// <param name="fullData">f over all rows of the source: evaluated for the final report (one pass) and for steps once the batches cover the data.</param>
    /// <param name="initializer">The model's usual random initialisation (random start and L̂₂ₛ samples).</param>
    /// <param name="options">Budget, start, stopping rules, seeds (as for <see cref="IhtTraining"/>).</param>
    /// <param name="batches">The mini-batch schedule.</param>
    /// <param name="observer">Progress and cancellation; may be null.</param>
    /// <param name="cancellationToken">Cancels between steps.</param>
    public static StochasticIhtTrainingResult Train(IMiniBatchSource source, IMarginLoss loss, IDifferentiableObjective fullData,
        IParameterInitializer initializer, IhtSolverOptions options, MiniBatchOptions batches,
        IIhtObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(fullData);
        ArgumentNullException.ThrowIfNull(initializer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(batches);
        int n = fullData.ParameterCount;
        options.Validate(n);
        batches.Validate();

        float[] start = IhtTraining.StartOf(options, n, initializer);
        var (solution, smoothness) = Run(source, loss, fullData, initializer, options, batches, options.Sparsity, start, observer, cancellationToken);
        // The report judges the objective the run minimised, ridge term included; the solver adds the term itself.
        IDifferentiableObjective minimised = RidgePenalty.Apply(fullData, options.L2Regularization);
        var (finalLoss, gradient) = OnAllRows(minimised, solution);
        var certificate = HtStabilityCertificate.Evaluate(solution.Iht.Parameters, gradient, options.Sparsity, solution.Iht.StepSize,
            options.StationarityTolerance, options.TieTolerance, StationarityMeasure.CurvatureOf(minimised));
        DenseReference? dense = null;
        if (options.CompareWithDenseOptimum)
        {
            // Mini-batch IHT with s = n from zero, on the same batches, with no loss tolerance.
            var denseOptions = options with { LossTolerance = 0 };
            var (denseRun, _) = Run(source, loss, fullData, initializer, denseOptions, batches, n, new float[n], observer, cancellationToken);
            dense = new DenseReference(OnAllRows(minimised, denseRun).Loss, denseRun.Iht.Iterations, denseRun.Iht.StopReason);
        }
        return new StochasticIhtTrainingResult(solution, smoothness, finalLoss, gradient, certificate, dense);
    }

    private static (StochasticIhtSolution Solution, SmoothnessEstimate? Smoothness) Run(IMiniBatchSource source, IMarginLoss loss,
        IDifferentiableObjective fullData, IParameterInitializer initializer, IhtSolverOptions options, MiniBatchOptions batches,
        int sparsity, float[] start, IIhtObserver? observer, CancellationToken cancellationToken)
    {
        IDifferentiableObjective firstBatch = RidgePenalty.Apply(FirstBatch(source, loss, fullData, batches), options.L2Regularization);
        var (stepSize, smoothness) = IhtTraining.ChooseStep(firstBatch, initializer, options, sparsity, observer);
        var solverOptions = IhtTraining.SolverOptions(options, sparsity, stepSize);
        var solution = StochasticIhtSolver.Solve(source, loss, fullData, start, solverOptions, batches, observer, cancellationToken);
        return (solution, smoothness);
    }

    // The function L̂₂ₛ is estimated on: the first mini-batch, or all rows when it covers them
    // (then the estimate, and so the whole run, is full-batch IHT's).
    private static IDifferentiableObjective FirstBatch(IMiniBatchSource source, IMarginLoss loss, IDifferentiableObjective fullData, MiniBatchOptions batches)
    {
        if (new MiniBatchSchedule(batches, source.RowsPerEpoch).CoversAllRows)
            return fullData;
        var batch = new MiniBatch(source.FeatureCount, source.PreferredStorage);
        source.Restart();
        source.Fill(batches.InitialSize, batch);
        return new MiniBatchObjective(batch, loss);
    }

    // f(θ) and ∇f(θ) on all rows: known already when the run ended on full batches, else one pass.
    private static (double Loss, float[] Gradient) OnAllRows(IDifferentiableObjective fullData, StochasticIhtSolution solution)
    {
        if (solution.EndedOnFullData)
            return (solution.Iht.Loss, solution.Iht.Gradient);
        var gradient = new float[fullData.ParameterCount];
        double value = fullData.ValueAndGradient(solution.Iht.Parameters, gradient);
        if (!double.IsFinite(value) || Numerics.VectorChecks.ContainsNonFinite(gradient))
            throw new NonFiniteLossException(solution.Iht.Iterations, $"f = {value} on all rows at the trained point");
        return (value, gradient);
    }
}

/// <summary>A model trained by mini-batch IHT, judged on all rows.</summary>
/// <param name="Run">The mini-batch run: parameters, batch-loss trace, steps, γ, stop reason, data used.</param>
/// <param name="Smoothness">The Monte-Carlo L̂₂ₛ of the first mini-batch behind γ; null when a fixed step was given.</param>
/// <param name="Loss">f(θ) over all rows.</param>
/// <param name="Gradient">∇f(θ) over all rows.</param>
/// <param name="Certificate">The HT-stability certificate on all rows, at the run's final γ.</param>
/// <param name="DenseReference">Mini-batch IHT with s = n on the same batches, its loss on all rows; null when not asked for.</param>
public sealed record StochasticIhtTrainingResult(
    StochasticIhtSolution Run,
    SmoothnessEstimate? Smoothness,
    double Loss,
    float[] Gradient,
    HtStabilityCertificate Certificate,
    DenseReference? DenseReference)
{
    /// <summary>f(θ*ₛ) − f(θ*dense) on all rows; null without a dense reference.</summary>
    public double? OptimalityGap => DenseReference is null ? null : Loss - DenseReference.Loss;
}
