using MlNetSparse.Core.Solvers.Rvscgd;
using MlNetSparse.Core.Sparsity.Penalties;

namespace MlNetSparse.Experiments.Rvscgd;

/// <summary>One toy run: the teacher, the RVSCGD run and the per-step measurements.</summary>
public sealed class RvscgdToyResult
{
    internal RvscgdToyResult(RvscgdToyOptions options, float[] teacher, RvscgdResult run, RvscgdToyPoint[] points, TimeSpan elapsed)
    {
        Options = options;
        Teacher = teacher;
        Run = run;
        Points = points;
        Elapsed = elapsed;
        SupportRecoveredAt = Array.FindIndex(points, p => p.SupportRecovered) is int first and >= 0 ? first : null;
        int lastMiss = Array.FindLastIndex(points, p => !p.SupportRecovered);
        SupportHeldFrom = lastMiss < points.Length - 1 ? lastMiss + 1 : null;
    }

    /// <summary>The settings of the run.</summary>
    public RvscgdToyOptions Options { get; }

    /// <summary>w*.</summary>
    public float[] Teacher { get; }

    /// <summary>The solver's outcome: final w, u and the Lagrangian terms per step.</summary>
    public RvscgdResult Run { get; }

    /// <summary>The measurements at the start and after every step.</summary>
    public IReadOnlyList<RvscgdToyPoint> Points { get; }

    /// <summary>The measurements after the last step.</summary>
    public RvscgdToyPoint Final => Points[^1];

    /// <summary>The first step t with supp(uᵗ) = supp(w*); null if it never held.</summary>
    public int? SupportRecoveredAt { get; }

    /// <summary>The first step from which supp(uᵗ) = supp(w*) held to the end; null if it did not hold at the end.</summary>
    public int? SupportHeldFrom { get; }

    /// <summary>The penalty and η, e.g. "ℓ0, η = 5".</summary>
    public string Label => $"{SparsityPenalty.Create(Options.Penalty, Options.TransformedL1Shape).Describe()}, η = {Options.LearningRate:G4}";

    /// <summary>Wall-clock time of the run.</summary>
    public TimeSpan Elapsed { get; }
}
