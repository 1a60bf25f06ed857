using MlNetSparse.Core.Solvers;

namespace MlNetSparse.Core.Training;

/// <summary>How a sparsity path is trained and how its s is chosen (see <see cref="SparsityPath"/>).</summary>
public sealed record SparsityPathOptions
{
    /// <summary>The default of <see cref="EarlyStoppingPatience"/>.</summary>
    public const int DefaultEarlyStoppingPatience = 3;

    /// <summary>The default of <see cref="SelectionTolerance"/>: the s of the smallest validation loss.</summary>
    public const double DefaultSelectionTolerance = 0;

    /// <summary>The default of <see cref="EarlyStopping"/>.</summary>
    public const bool DefaultEarlyStopping = true;

    /// <summary>The default of <see cref="WarmStart"/>.</summary>
    public const bool DefaultWarmStart = true;

    /// <summary>The path's own options with their defaults and ranges (each step's training run is <see cref="IhtSolverOptions.Table"/>'s).</summary>
    public static OptionTable Table { get; } = new("Sparsity path",
    [
        new(nameof(SelectionTolerance), DefaultSelectionTolerance, OptionRange.AtLeast(0),
            "choose the smallest s whose validation loss is within this relative tolerance of the smallest one"),
        new(nameof(EarlyStopping), DefaultEarlyStopping, OptionRange.Any, "end the path once the validation loss stops improving"),
        new(nameof(EarlyStoppingPatience), DefaultEarlyStoppingPatience, OptionRange.Integer(1, 1000),
            "consecutive s without a new best validation loss that end the path early"),
        new(nameof(WarmStart), DefaultWarmStart, OptionRange.Any, "start each s from the previous s's solution"),
    ]);

    /// <summary>
    /// The rules of each step's training run: budget, stopping rules, seeds. Its
    /// <see cref="IhtSolverOptions.Sparsity"/> is replaced by each s of the path;
    /// <see cref="IhtSolverOptions.Start"/> applies to the first s only (and to every s without
    /// <see cref="WarmStart"/>); no step trains a dense reference, which would be the same for every s.
    /// </summary>
    public required IhtSolverOptions Training { get; init; }

    /// <summary>
    /// The parsimony rule, in the spirit of the one-standard-error rule: choose the smallest s whose
    /// validation loss is at most best + tolerance·|best|, best the smallest validation loss on the
    /// path. 0 chooses the s of the smallest validation loss. Default 0.
    /// </summary>
    public double SelectionTolerance { get; init; } = DefaultSelectionTolerance;

    /// <summary>Stop the path once the validation loss has not improved on its best for <see cref="EarlyStoppingPatience"/> consecutive s. Default true.</summary>
    public bool EarlyStopping { get; init; } = DefaultEarlyStopping;

    /// <summary>How many consecutive s without a new best validation loss end the path early, in [1, 1000]. Default 3.</summary>
    public int EarlyStoppingPatience { get; init; } = DefaultEarlyStoppingPatience;

    /// <summary>
    /// Start each s from the previous s's solution (it has fewer than s nonzeros, so it is a valid
    /// start), which saves iterations and makes the training loss non-increasing along the path.
    /// False starts every s as <see cref="IhtSolverOptions.Start"/> says. Default true.
    /// </summary>
    public bool WarmStart { get; init; } = DefaultWarmStart;

    /// <summary>Checks every setting against a problem of <paramref name="parameterCount"/> parameters, before any work.</summary>
    public void Validate(int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(Training);
        // The template's own s is replaced by each s of the path.
        (Training with { Sparsity = 1 }).Validate(parameterCount);
        Table.Check(nameof(SelectionTolerance), SelectionTolerance);
        Table.Check(nameof(EarlyStoppingPatience), EarlyStoppingPatience);
    }
}
