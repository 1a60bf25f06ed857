namespace MlNetSparse.Trainers;

/// <summary>How a sparse IHT trainer used mini-batches (<see cref="SparseIhtOptionsBase.MiniBatchSize"/> &gt; 0).</summary>
public sealed record SparseIhtMiniBatchSummary
{
    /// <summary>b₀, the rows of the first mini-batch.</summary>
    public required int InitialBatchSize { get; init; }

    /// <summary>ρ, the growth factor per step: step k used min(m, ⌈b₀·ρᵏ⌉) rows.</summary>
    public required double Growth { get; init; }

    /// <summary>The rows of the last step's batch (all rows once the schedule reached them).</summary>
    public required int FinalBatchSize { get; init; }

    /// <summary>The first step that used all rows (full-batch IHT from then on); null when every batch was partial.</summary>
    public required int? FullDataFromIteration { get; init; }

    /// <summary>Rows drawn into the batches of the steps taken (a step on all rows counts them all once).</summary>
    public required long RowsProcessed { get; init; }

    /// <summary>Passes over the data the steps made: <see cref="RowsProcessed"/> / rows used.</summary>
    public required double Epochs { get; init; }

    /// <summary>Steps after which the parameters did not move (every step size tried was rounding on that batch).</summary>
    public required int HeldSteps { get; init; }

    /// <summary>The seed of the per-epoch permutations of cached rows; null when streamed (rows in cursor order).</summary>
    public required int? ShuffleSeed { get; init; }
}
