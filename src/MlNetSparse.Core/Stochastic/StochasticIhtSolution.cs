using MlNetSparse.Core.Solvers;

namespace MlNetSparse.Core.Stochastic;

/// <summary>The outcome of one mini-batch IHT run: the iterate and its trace, and how much data it used.</summary>
public sealed class StochasticIhtSolution
{
    internal StochasticIhtSolution(IhtSolution iht, MiniBatchOptions batches, int finalBatchSize, long rowsProcessed,
        long rowsPerEpoch, int? fullDataFromIteration, int heldSteps, int largestBufferedRows, bool endedOnFullData)
    {
        Iht = iht;
        Batches = batches;
        FinalBatchSize = finalBatchSize;
        RowsProcessed = rowsProcessed;
        Epochs = rowsProcessed / (double)rowsPerEpoch;
        FullDataFromIteration = fullDataFromIteration;
        HeldSteps = heldSteps;
        LargestBufferedRows = largestBufferedRows;
        EndedOnFullData = endedOnFullData;
    }

    /// <summary>
    /// θ, the steps, γ and the stop reason. Its loss history holds each step's mini-batch loss, and its
    /// gradient is ∇f_B on the last batch: the full-data f and ∇f only when <see cref="EndedOnFullData"/>.
    /// </summary>
    public IhtSolution Iht { get; }

    /// <summary>The schedule used.</summary>
    public MiniBatchOptions Batches { get; }

    /// <summary>The rows of the last batch (m once the batches cover the data).</summary>
    public int FinalBatchSize { get; }

    /// <summary>Rows drawn into the batches of the steps taken (a step on all rows counts m).</summary>
    public long RowsProcessed { get; }

    /// <summary><see cref="RowsProcessed"/> / m: passes over the data.</summary>
    public double Epochs { get; }

    /// <summary>The first step that used all rows; null when every batch was partial.</summary>
    public int? FullDataFromIteration { get; }

    /// <summary>Steps after which θ did not move: on their batch, every step size tried rose by rounding only.</summary>
    public int HeldSteps { get; }

    /// <summary>The most rows the run held in memory at once (the largest partial batch; 0 when every step used all rows).</summary>
    public int LargestBufferedRows { get; }

    /// <summary>True when the last steps used all rows, so the final loss and gradient are f's.</summary>
    public bool EndedOnFullData { get; }
}
