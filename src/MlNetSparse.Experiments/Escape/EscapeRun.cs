using MlNetSparse.Core.Solvers;

namespace MlNetSparse.Experiments.Escape;

/// <summary>The outcome of one run of the escape experiment.</summary>
public sealed record EscapeRun
{
    /// <summary>The run's index in [0, N).</summary>
    public required int Index { get; init; }

    /// <summary>θ⁰ = θᵘ + δ, the float32 start actually used (every coordinate perturbed).</summary>
    public required float[] Start { get; init; }

    /// <summary>‖θ⁰ − θᵘ‖₂ of the float32 start actually used (≤ ρ).</summary>
    public required double StartDistance { get; init; }

    /// <summary>The first step k with ‖θᵏ − θᵘ‖₂ &gt; r; null when the run never left.</summary>
    public required int? EscapeStep { get; init; }

    /// <summary>Whether the run left the r-neighbourhood of θᵘ.</summary>
    public bool Escaped => EscapeStep is not null;

    /// <summary>Steps taken, the first (from the dense start) included.</summary>
    public required int Steps { get; init; }

    /// <summary>Why IHT stopped after the first step.</summary>
    public required IhtStopReason StopReason { get; init; }

    /// <summary>f at the end point.</summary>
    public required double FinalLoss { get; init; }

    /// <summary>‖θ − θᵘ‖₂ at the end point.</summary>
    public required double DistanceToUnstable { get; init; }

    /// <summary>‖θ − θˢ‖₂ at the end point.</summary>
    public required double DistanceToStable { get; init; }

    /// <summary>The name of the known fixed point the run ended at (within the end tolerance), or null.</summary>
    public required string? EndPoint { get; init; }

    /// <summary>The certificate's verdict at the end point, at the objective's s and γ.</summary>
    public required HtStabilityVerdict Verdict { get; init; }
}
