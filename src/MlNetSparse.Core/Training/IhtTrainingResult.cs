using MlNetSparse.Core.Solvers;

namespace MlNetSparse.Core.Training;

/// <summary>A trained sparse model and what is known about it.</summary>
/// <param name="Solution">The IHT run: parameters, loss history, steps, stop reason.</param>
/// <param name="Smoothness">The Monte-Carlo L̂₂ₛ behind the step; null when a fixed step was given.</param>
/// <param name="Certificate">The HT-stability certificate of the result, at the final step size.</param>
/// <param name="DenseReference">The dense optimum it is compared with; null when not asked for.</param>
public sealed record IhtTrainingResult(
    IhtSolution Solution,
    SmoothnessEstimate? Smoothness,
    HtStabilityCertificate Certificate,
    DenseReference? DenseReference)
{
    /// <summary>f(θ*ₛ) − f(θ*dense), the ε of the paper's condition (3); null without a dense reference.</summary>
    public double? OptimalityGap => DenseReference is null ? null : Solution.Loss - DenseReference.Loss;

    /// <summary>Passes over the data and wall time of each phase: L̂₂ₛ, the iterations, a polish, the dense reference.</summary>
    public TrainingPhases Phases { get; init; } = TrainingPhases.None;

    /// <summary>
    /// What the support polish did (<see cref="Solvers.IhtSolverOptions.PolishSupport"/>); null when it was off.
    /// <see cref="Solution"/> is the polished run: its loss history goes on through the polish.
    /// </summary>
    public SupportPolishReport? Polish { get; init; }

    /// <summary>
    /// What the working set did (<see cref="Solvers.IhtSolverOptions.WorkingSet"/>, docs/algorithms.md#working-set); null when the
    /// run passed over all of X. <see cref="Polish"/> is then the last round's, its passes over that round's columns.
    /// </summary>
    public WorkingSetReport? WorkingSet { get; init; }
}

/// <summary>The dense model (s = n) trained by the same rules, as the reference for ε-optimality.</summary>
/// <param name="Loss">f(θ*dense).</param>
/// <param name="Iterations">Steps of the dense run.</param>
/// <param name="StopReason">Why the dense run stopped (a dense run that hit the cap is an upper bound of the optimum).</param>
public sealed record DenseReference(double Loss, int Iterations, IhtStopReason StopReason);
