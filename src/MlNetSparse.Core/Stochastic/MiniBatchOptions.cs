namespace MlNetSparse.Core.Stochastic;

/// <summary>
/// The mini-batch schedule of <see cref="StochasticIhtSolver"/>: step k (from 0) uses
/// bₖ = min(m, ⌈b₀·ρᵏ⌉) rows. Batches that grow geometrically (ρ &gt; 1) are what the convergence
/// analysis of stochastic IHT assumes (ALGORITHMS.md §6): the gradient noise shrinks as the batches
/// grow, and once bₖ reaches m every step is a full-batch IHT step.
/// </summary>
public sealed record MiniBatchOptions
{
    /// <summary>b₀, the rows of the first mini-batch (≥ 1; values ≥ m mean full-batch IHT from the start).</summary>
    public required int InitialSize { get; init; }

    /// <summary>ρ ≥ 1, the growth factor of the batch size per step; 1 keeps it fixed. Default 1.05.</summary>
    public double Growth { get; init; } = 1.05;

    /// <summary>Stop before a step would take the rows drawn past this many epochs (passes over the m rows). Default: no limit.</summary>
    public int MaximumEpochs { get; init; } = int.MaxValue;

    /// <summary>Checks every setting.</summary>
    public void Validate()
    {
        Guard.InRange(InitialSize, 1, int.MaxValue);
        Guard.AtLeast(Growth, 1);
        Guard.InRange(MaximumEpochs, 1, int.MaxValue);
    }
}

/// <summary>
/// bₖ = min(m, ⌈b₀·ρᵏ⌉), one k at a time. ρᵏ is kept as a running product (IEEE multiplication,
/// the same bits on every machine, unlike Math.Pow) and stops growing once it covers m.
/// </summary>
internal sealed class MiniBatchSchedule(MiniBatchOptions options, long rowsPerEpoch)
{
    private double _exact = options.InitialSize;

    /// <summary>bₖ for the current k.</summary>
    public int Current => _exact >= rowsPerEpoch ? (int)Math.Min(rowsPerEpoch, int.MaxValue) : (int)Math.Ceiling(_exact);

    /// <summary>True when the current batch is every row.</summary>
    public bool CoversAllRows => _exact >= rowsPerEpoch;

    /// <summary>Moves to k + 1 and returns bₖ₊₁.</summary>
    public int Next()
    {
        if (!CoversAllRows)
            _exact *= options.Growth;
        return Current;
    }
}
