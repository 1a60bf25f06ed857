namespace MlNetSparse.Core.Training;

/// <summary>What the support polish did after IHT (docs/algorithms.md#support-polish): its outcome, cost in passes and the loss before and after.</summary>
public sealed record SupportPolishReport
{
    /// <summary>How the polish ended.</summary>
    public required SupportPolishOutcome Outcome { get; init; }

    /// <summary>|S| of the final point.</summary>
    public required int SupportSize { get; init; }

    /// <summary>Supports polished: 1 when IHT's support was already the right one, more when hard thresholding moved it.</summary>
    public required int Rounds { get; init; }

    /// <summary>Newton steps accepted, over all rounds.</summary>
    public required int NewtonSteps { get; init; }

    /// <summary>IHT steps taken between rounds, where the support moved (each also an entry of the loss history).</summary>
    public required int IhtSteps { get; init; }

    /// <summary>Passes over the data the polish made: restricted Hessian passes and loss/gradient passes together.</summary>
    public int Passes => RestrictedPasses + GradientPasses;

    /// <summary>Passes that computed f, ∇_S f and ∇²_SS f.</summary>
    public required int RestrictedPasses { get; init; }

    /// <summary>Passes that computed f and ∇f (the fixed-point checks and the IHT steps between rounds).</summary>
    public required int GradientPasses { get; init; }

    /// <summary>The arithmetic of one restricted pass in gradient passes, as the objective estimates it (∞ when it has none).</summary>
    public required double RelativePassCost { get; init; }

    /// <summary>f where IHT stopped.</summary>
    public required double LossBefore { get; init; }

    /// <summary>One-entry swaps taken after the polish because they lowered f (docs/algorithms.md#support-polish).</summary>
    public int Swaps { get; init; }

    /// <summary>
    /// Of <see cref="Passes"/>, those of the thorough swap search on small data (docs/algorithms.md#support-polish): its
    /// trials, taken or not, and the polishes of the swaps it took.
    /// </summary>
    public int SearchPasses { get; init; }

    /// <summary>f after the polish (≤ <see cref="LossBefore"/>).</summary>
    public required double LossAfter { get; init; }

    /// <summary>This polish, then <paramref name="later"/> after more IHT steps: the counts of both, otherwise the later one.</summary>
    internal SupportPolishReport FollowedBy(SupportPolishReport later) => later with
    {
        Rounds = Rounds + later.Rounds,
        Swaps = Swaps + later.Swaps,
        SearchPasses = SearchPasses + later.SearchPasses,
        NewtonSteps = NewtonSteps + later.NewtonSteps,
        IhtSteps = IhtSteps + later.IhtSteps,
        RestrictedPasses = RestrictedPasses + later.RestrictedPasses,
        GradientPasses = GradientPasses + later.GradientPasses,
    };
}

/// <summary>How the support polish ended.</summary>
public enum SupportPolishOutcome
{
    /// <summary>θ is the optimum of f on its support, and an IHT step from it keeps the support: an IHT fixed point.</summary>
    FixedPoint = 0,

    /// <summary>The support still moved after <see cref="Solvers.IhtSolverOptions.MaximumPolishRounds"/> rounds; θ is the last round's optimum on its support.</summary>
    RoundLimit = 1,

    /// <summary>An IHT step from the polished point would move the support, but lowers f at no step size tried (a tie at float32 resolution).</summary>
    Stalled = 2,

    /// <summary>Not run: the objective gives no restricted Hessian (<see cref="Objectives.IRestrictedHessian"/>), e.g. streamed rows.</summary>
    NotSupported = 3,

    /// <summary>Not run: one restricted pass would cost more than <see cref="SupportPolish.MaximumRelativePassCost"/> gradient passes, or |S| exceeds <see cref="SupportPolish.MaximumSupportSize"/>.</summary>
    TooCostly = 4,
}
