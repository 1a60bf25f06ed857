using MlNetSparse.Core.Sparsity;

namespace MlNetSparse.Core.Solvers;

/// <summary>Settings of one IHT run (<see cref="IhtSolver"/>).</summary>
public sealed record IhtSolverOptions
{
    /// <summary>s, the number of nonzero parameters kept, in [1, n].</summary>
    public required int Sparsity { get; init; }

    /// <summary>γ, the initial step; convergence is proved for 0 &lt; γ ≤ 1/L₂ₛ.</summary>
    public required double StepSize { get; init; }

    /// <summary>The iteration cap (≥ 0). Default 1000.</summary>
    public int MaximumIterations { get; init; } = 1000;

    /// <summary>Stop once f(θ) ≤ this (the paper uses 0.05); 0 never stops for this reason. Default 0.</summary>
    public double LossTolerance { get; init; }

    /// <summary>
    /// Stop once the support no longer changes and no entry would still move by more than
    /// tolerance·max(1, ‖θᵏ‖∞): measured by a per-coordinate Newton step |∇ᵢf|/dᵢ when the objective
    /// implements <see cref="Objectives.IDiagonalCurvature"/>, else by ‖θᵏ − θᵏ⁻¹‖∞. 0 stops only
    /// at an exact fixed point (or the rounding limit). Default 1e-6.
    /// </summary>
    public double OptimizationTolerance { get; init; } = 1e-6;

    /// <summary>
    /// The most times one step may halve γ when a step would raise the loss (the loss never
    /// increases). Default 60.
    /// </summary>
    public int MaximumHalvingsPerStep { get; init; } = 60;

    /// <summary>How H_s breaks ties at the boundary.</summary>
    public TieBreaking TieBreaking { get; init; } = TieBreaking.SmallerIndex;

    /// <summary>Seed of the tie-breaking stream when <see cref="TieBreaking"/> is Random.</summary>
    public int TieBreakingSeed { get; init; }

    /// <summary>Checks every setting against a problem of <paramref name="parameterCount"/> parameters.</summary>
    public void Validate(int parameterCount)
    {
        Guard.InRange(Sparsity, 1, parameterCount);
        Guard.Positive(StepSize);
        Guard.InRange(MaximumIterations, 0, int.MaxValue);
        Guard.NonNegative(LossTolerance);
        Guard.NonNegative(OptimizationTolerance);
        Guard.InRange(MaximumHalvingsPerStep, 0, 1000);
    }
}
