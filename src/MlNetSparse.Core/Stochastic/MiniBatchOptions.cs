using MlNetSparse.Core.Training;

namespace MlNetSparse.Core.Stochastic;

/// <summary>
/// The mini-batch schedule of <see cref="StochasticIhtSolver"/>: step k (from 0) uses
/// bₖ = min(m, ⌈b₀·ρᵏ⌉) rows. Batches that grow geometrically (ρ &gt; 1) are what the convergence
/// analysis of stochastic IHT assumes (docs/algorithms.md#stochastic-iht): the gradient noise shrinks as the batches
/// grow, and once bₖ reaches m every step is a full-batch IHT step.
/// </summary>
public sealed record MiniBatchOptions
{
    /// <summary>The default of <see cref="Growth"/>.</summary>
    public const double DefaultGrowth = 1.05;

    /// <summary>The schedule's options with their defaults and ranges.</summary>
    public static OptionTable Table { get; } = new("Mini-batch IHT",
    [
        new(nameof(InitialSize), null, OptionRange.Integer(1), "b₀, the rows of the first mini-batch"),
        new(nameof(Growth), DefaultGrowth, OptionRange.AtLeast(1), "ρ, the growth factor of the batch size per step; 1 keeps it fixed"),
        new(nameof(MaximumEpochs), int.MaxValue, OptionRange.Integer(1), "stop before the rows drawn pass this many epochs"),
        new(nameof(MaximumBatchRows), int.MaxValue, OptionRange.Integer(1), "the most rows a batch may hold; larger steps use all rows"),
    ]);

    /// <summary>b₀, the rows of the first mini-batch (≥ 1; values ≥ m mean full-batch IHT from the start).</summary>
    public required int InitialSize { get; init; }

    /// <summary>ρ ≥ 1, the growth factor of the batch size per step; 1 keeps it fixed. Default 1.05.</summary>
    public double Growth { get; init; } = DefaultGrowth;

    /// <summary>Stop before a step would take the rows drawn past this many epochs (passes over the m rows). Default: no limit.</summary>
    public int MaximumEpochs { get; init; } = int.MaxValue;

    /// <summary>
    /// The most rows a batch may hold: the memory bound of a run. From the step where bₖ would pass it, the
    /// steps use all rows (the full-data objective, which needs no buffer), as when bₖ reaches m. Default: no limit.
    /// </summary>
    public int MaximumBatchRows { get; init; } = int.MaxValue;

    /// <summary>Checks every setting.</summary>
    public void Validate()
    {
        Table.Check(nameof(InitialSize), InitialSize);
        Table.Check(nameof(Growth), Growth);
        Table.Check(nameof(MaximumEpochs), MaximumEpochs);
        Table.Check(nameof(MaximumBatchRows), MaximumBatchRows);
    }
}

/// <summary>
/// bₖ = min(m, ⌈b₀·ρᵏ⌉), one k at a time, with all m rows as soon as bₖ passes the batch-row limit.
/// ρᵏ is kept as a running product (IEEE multiplication, the same bits on every machine, unlike
/// Math.Pow) and stops growing once the batches cover the data.
/// </summary>
internal sealed class MiniBatchSchedule(MiniBatchOptions options, long rowsPerEpoch)
{
    private double _exact = options.InitialSize;

    /// <summary>bₖ for the current k.</summary>
    public int Current => CoversAllRows ? (int)Math.Min(rowsPerEpoch, int.MaxValue) : (int)Math.Ceiling(_exact);

    /// <summary>True when the current batch is every row.</summary>
    public bool CoversAllRows => _exact >= rowsPerEpoch || Math.Ceiling(_exact) > options.MaximumBatchRows;

    /// <summary>Moves to k + 1 and returns bₖ₊₁.</summary>
    public int Next()
    {
        if (!CoversAllRows)
            _exact *= options.Growth;
        return Current;
    }
}
