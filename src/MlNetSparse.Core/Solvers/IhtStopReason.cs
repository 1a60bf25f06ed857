namespace MlNetSparse.Core.Solvers;

/// <summary>Why an IHT run stopped.</summary>
public enum IhtStopReason
{
    /// <summary>The training loss reached the loss tolerance: a target the caller set, not a claim of convergence.</summary>
    LossToleranceReached = 0,

    /// <summary>
    /// The support stopped changing and either f fell by at most the relative loss tolerance over the last
    /// <see cref="IhtSolverOptions.ConvergenceWindow"/> steps, or no entry would still move by more than the
    /// optimisation tolerance (docs/algorithms.md#stationarity). The only reason that counts as converged.
    /// </summary>
    Converged = 1,

    /// <summary>The iteration cap was reached first.</summary>
    MaximumIterations = 2,

    /// <summary>
    /// θ is a fixed point to working precision: the next step would move no entry by more than
    /// float32 rounding, and it does not lower the loss. Not counted as converged: the run stopped because f
    /// could no longer tell a step from rounding, before a tolerance was met.
    /// </summary>
    RoundingLimit = 3,

    /// <summary>Mini-batch IHT only: the epoch cap (passes over the data) was reached first.</summary>
    MaximumEpochs = 4,
}
