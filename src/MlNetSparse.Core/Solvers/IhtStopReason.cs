namespace MlNetSparse.Core.Solvers;

/// <summary>Why an IHT run stopped.</summary>
public enum IhtStopReason
{
    /// <summary>The training loss reached the loss tolerance.</summary>
    LossToleranceReached = 0,

    /// <summary>The support stopped changing and the largest parameter change fell below the optimisation tolerance.</summary>
    Converged = 1,

    /// <summary>The iteration cap was reached first.</summary>
    MaximumIterations = 2,

    /// <summary>No step size, halved down to the limit, lowered the loss (rounding-level progress only).</summary>
    NoDescent = 3,
}
