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

    /// <summary>
    /// θ is a fixed point to working precision: the next step would move no entry by more than
    /// float32 rounding, and it does not lower the loss.
    /// </summary>
    RoundingLimit = 3,

    /// <summary>Mini-batch IHT only: the epoch cap (passes over the data) was reached first.</summary>
    MaximumEpochs = 4,
}
