using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Stochastic;
using MlNetSparse.Core.Training;
using MlNetSparse.Data;

namespace MlNetSparse.Trainers;

/// <summary>
/// A training run as the trainer reports it, whichever way it ran (full-batch or mini-batch,
/// cached or streamed): the final loss, gradient and certificate are always those of all rows.
/// </summary>
internal sealed record TrainingOutcome(
    IhtSolution Solution,
    SmoothnessEstimate? Smoothness,
    HtStabilityCertificate Certificate,
    DenseReference? DenseReference,
    double FinalLoss,
    TrainingRowCounts Rows,
    SparseIhtDataCaching Caching,
    SparseIhtMiniBatchSummary? MiniBatch,
    long RowsHeldInMemory,
    TrainingPhases? Phases)
{
    /// <summary>f(θ*ₛ) − f(θ*dense) on all rows; null without a dense reference.</summary>
    public double? OptimalityGap => DenseReference is null ? null : FinalLoss - DenseReference.Loss;

    /// <summary>What the support polish did; null when it did not run (off, or mini-batch training).</summary>
    public SupportPolishReport? Polish { get; init; }

    /// <summary>What the working set did; null when the fit ran on all columns (docs/algorithms.md#working-set).</summary>
    public WorkingSetReport? WorkingSet { get; init; }

    public static TrainingOutcome FullBatch(IhtTrainingResult result, TrainingRowCounts rows, SparseIhtDataCaching caching, long rowsHeld)
        => new(result.Solution, result.Smoothness, result.Certificate, result.DenseReference, result.Solution.Loss, rows, caching, null, rowsHeld, result.Phases)
        {
            Polish = result.Polish,
            WorkingSet = result.WorkingSet,
        };

    public static TrainingOutcome MiniBatches(StochasticIhtTrainingResult result, TrainingRowCounts rows, SparseIhtDataCaching caching,
        int? shuffleSeed, long rowsHeld)
    {
        StochasticIhtSolution run = result.Run;
        var summary = new SparseIhtMiniBatchSummary
        {
            InitialBatchSize = run.Batches.InitialSize,
            Growth = run.Batches.Growth,
            FinalBatchSize = run.FinalBatchSize,
            FullDataFromIteration = run.FullDataFromIteration,
            RowsProcessed = run.RowsProcessed,
            Epochs = run.Epochs,
            HeldSteps = run.HeldSteps,
            ShuffleSeed = shuffleSeed,
        };
        // Mini-batch evaluations are not passes over the rows: the batches' work is in the summary's epochs.
        return new(run.Iht, result.Smoothness, result.Certificate, result.DenseReference, result.Loss, rows, caching, summary, rowsHeld, Phases: null);
    }
}
