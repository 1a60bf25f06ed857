using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Sparsity;

namespace MlNetSparse.Core.Training;

/// <summary>Everything one training run needs besides the objective: the budget, the start, the step rule, the stopping rules.</summary>
public sealed record IhtTrainingOptions
{
    /// <summary>s, the number of nonzero parameters (biases included), in [1, n].</summary>
    public required int Sparsity { get; init; }

    /// <summary>The iteration cap. Default 1000.</summary>
    public int MaximumIterations { get; init; } = 1000;

    /// <summary>Stop once the training loss is ≤ this; 0 disables. Default 0.</summary>
    public double LossTolerance { get; init; }

    /// <summary>Stop once the support is fixed and no entry would still move more than this relative amount (see <see cref="IhtSolverOptions.OptimizationTolerance"/>). Default 1e-6.</summary>
    public double OptimizationTolerance { get; init; } = 1e-6;

    /// <summary>How θ⁰ is chosen. Default <see cref="SparseStartKind.Zero"/>.</summary>
    public SparseStartKind Start { get; init; } = SparseStartKind.Zero;

    /// <summary>Seed of θ⁰'s values for <see cref="SparseStartKind.RandomSparse"/>.</summary>
    public int InitializationSeed { get; init; }

    /// <summary>Seed of θ⁰'s support for <see cref="SparseStartKind.RandomSparse"/>, and of random tie-breaking.</summary>
    public int SupportSeed { get; init; }

    /// <summary>Monte-Carlo samples for L̂₂ₛ. Default 50.</summary>
    public int MonteCarloSampleCount { get; init; } = 50;

    /// <summary>Seed of the Monte-Carlo estimate.</summary>
    public int MonteCarloSeed { get; init; }

    /// <summary>A fixed γ instead of 1/L̂₂ₛ (for experiments that need a known step); null estimates it.</summary>
    public double? StepSize { get; init; }

    /// <summary>How H_s breaks ties.</summary>
    public TieBreaking TieBreaking { get; init; } = TieBreaking.SmallerIndex;

    /// <summary>Also train the dense model (s = n) from zero with the same rules, to report f(θ*ₛ) − f(θ*dense). Default true.</summary>
    public bool CompareWithDenseOptimum { get; init; } = true;

    /// <summary>Certificate: relative stationarity tolerance.</summary>
    public double StationarityTolerance { get; init; } = HtStabilityCertificate.DefaultStationarityTolerance;

    /// <summary>Certificate: relative tie tolerance.</summary>
    public double TieTolerance { get; init; } = HtStabilityCertificate.DefaultTieTolerance;

    /// <summary>Checks every setting against a problem of <paramref name="parameterCount"/> parameters, before any work.</summary>
    public void Validate(int parameterCount)
    {
        Guard.InRange(Sparsity, 1, parameterCount);
        Guard.InRange(MaximumIterations, 0, int.MaxValue);
        Guard.NonNegative(LossTolerance);
        Guard.NonNegative(OptimizationTolerance);
        Guard.Defined(Start);
        Guard.InRange(MonteCarloSampleCount, 1, 1_000_000);
        if (StepSize is double step)
            Guard.Positive(step, nameof(StepSize));
        Guard.Defined(TieBreaking);
        Guard.NonNegative(StationarityTolerance);
        Guard.NonNegative(TieTolerance);
    }
}
