using System.Globalization;

namespace MlNetSparse.Core.Training;

/// <summary>
/// What one phase of a training run cost: passes over the training rows (one per evaluation of f, a
/// fused f and ∇f being one; see <see cref="Solvers.IhtSolution.Passes"/>) and wall time. Passes are a
/// count, the same on any machine and load, so tests assert them; the time is for people.
/// </summary>
/// <param name="Passes">Passes over the training rows.</param>
/// <param name="Time">Wall time.</param>
public readonly record struct PhaseCost(int Passes, TimeSpan Time)
{
    /// <summary>Both costs of two phases added.</summary>
    public static PhaseCost operator +(PhaseCost a, PhaseCost b) => new(a.Passes + b.Passes, a.Time + b.Time);
}

/// <summary>
/// The cost of a training run phase by phase (docs/algorithms.md#passes): the Monte-Carlo estimate L̂₂ₛ,
/// the IHT iterations (the certificate's curvature bounds included), a polish of the support after them,
/// and the dense reference (its own L̂ and iterations). A phase that did not run costs nothing.
/// </summary>
public sealed record TrainingPhases
{
    /// <summary>A run that cost nothing yet.</summary>
    public static TrainingPhases None { get; } = new();

    /// <summary>The Monte-Carlo estimate L̂₂ₛ behind γ (nothing with a fixed step).</summary>
    public PhaseCost Smoothness { get; init; }

    /// <summary>The IHT iterations, from the start's evaluation to the stop, and the certificate.</summary>
    public PhaseCost Iterations { get; init; }

    /// <summary>A phase that refines the support's weights after the iterations (nothing when none ran).</summary>
    public PhaseCost Polish { get; init; }

    /// <summary>
    /// A working set's own passes over all of X (docs/algorithms.md#working-set): ∇f at the start, the curvature bounds,
    /// each copy of X's working-set columns and each full check (nothing without one). The iterations and the polish
    /// then count their passes over the working set in full passes: passes·nnz(X_W)/nnz(X), rounded up.
    /// </summary>
    public PhaseCost WorkingSet { get; init; }

    /// <summary>The dense reference (<see cref="Solvers.IhtSolverOptions.CompareWithDenseOptimum"/>): nothing when not asked for.</summary>
    public PhaseCost DenseReference { get; init; }

    /// <summary>All phases together.</summary>
    public PhaseCost Total => Smoothness + Iterations + Polish + WorkingSet + DenseReference;

    /// <summary>"L̂₂ₛ 12, iterations 9, polish 4, dense reference 0 (total 25)": the passes, as the reports print them.</summary>
    public override string ToString()
    {
        string workingSet = WorkingSet.Passes > 0 ? string.Create(CultureInfo.InvariantCulture, $"working set {WorkingSet.Passes}, ") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"L̂₂ₛ {Smoothness.Passes}, iterations {Iterations.Passes}, polish {Polish.Passes}, {workingSet}dense reference {DenseReference.Passes} (total {Total.Passes})");
    }
}
