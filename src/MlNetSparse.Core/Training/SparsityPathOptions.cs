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

    /// <summary>The default of <see cref="Selection"/>.</summary>
    public const SparsitySelectionRule DefaultSelection = SparsitySelectionRule.Minimum;

    /// <summary>
    /// The default of <see cref="NumberOfFolds"/>: 5, as a compromise between cv.glmnet's 10 (half the
    /// cost again in paths) and one held-out split, whose pick swung with the seed on small data.
    /// </summary>
    public const int DefaultNumberOfFolds = 5;

    /// <summary>
    /// The default of <see cref="CrossValidationRepeats"/>: 0, as many repeats as
    /// <see cref="AutomaticRepeats"/> gives for the rows (several on small data, one on large).
    /// </summary>
    public const int DefaultCrossValidationRepeats = 0;

    /// <summary>
    /// The held-out rows an automatic number of repeats aims at: repeats until the k-fold splits
    /// together hold out about this many rows (docs/algorithms.md#choosing-s).
    /// </summary>
    public const int AutomaticRepeatHeldOutRows = 2000;

    /// <summary>The most repeats <see cref="AutomaticRepeats"/> gives, however few the rows.</summary>
    public const int MaximumAutomaticRepeats = 5;

    /// <summary>
    /// The repeats of the k-fold cross-validation for <paramref name="rowCount"/> rows when
    /// <see cref="CrossValidationRepeats"/> is 0: ⌈<see cref="AutomaticRepeatHeldOutRows"/> / m⌉,
    /// within [1, <see cref="MaximumAutomaticRepeats"/>]. Every repeat holds out every row once, so the
    /// curve averages up to about 2,000 held-out losses per s on small data, where one k-fold split's
    /// curve is too noisy to pick s stably; the cost is at most 5 times plain k-fold, and the work of
    /// the repeats together stays below that of one split of 2,000 rows; 2,000 rows or more are split once.
    /// </summary>
    /// <param name="rowCount">m, the rows the folds split, ≥ 1.</param>
    public static int AutomaticRepeats(int rowCount)
    {
        Guard.InRange(rowCount, 1, int.MaxValue);
        int repeats = (AutomaticRepeatHeldOutRows + rowCount - 1) / rowCount;
        return Math.Clamp(repeats, 1, MaximumAutomaticRepeats);
    }

    /// <summary>The repeats to run for <paramref name="rowCount"/> rows: <see cref="CrossValidationRepeats"/>, or <see cref="AutomaticRepeats"/> when it is 0.</summary>
    public int RepeatsFor(int rowCount) => CrossValidationRepeats > 0 ? CrossValidationRepeats : AutomaticRepeats(rowCount);

    /// <summary>The path's own options with their defaults and ranges (each step's training run is <see cref="IhtSolverOptions.Table"/>'s).</summary>
    public static OptionTable Table { get; } = new("Sparsity path",
    [
        new(nameof(SelectionTolerance), DefaultSelectionTolerance, OptionRange.AtLeast(0),
            "choose the smallest s whose validation loss is within this relative tolerance of the smallest one"),
        new(nameof(EarlyStopping), DefaultEarlyStopping, OptionRange.Any, "end the path once the validation loss stops improving"),
        new(nameof(EarlyStoppingPatience), DefaultEarlyStoppingPatience, OptionRange.Integer(1, 1000),
            "consecutive s without a new best validation loss that end the path early"),
        new(nameof(WarmStart), DefaultWarmStart, OptionRange.Any, "start each s from the previous s's solution"),
        new(nameof(Selection), DefaultSelection, OptionRange.OneOf<SparsitySelectionRule>(),
            "how s is read off the cross-validation curve: its minimum, the one-standard-error rule, or the extended BIC on all rows"),
        new(nameof(NumberOfFolds), DefaultNumberOfFolds, OptionRange.Integer(1, 100),
            "k of the k-fold cross-validation that chooses s; 1 holds out one validation split instead"),
        new(nameof(CrossValidationRepeats), DefaultCrossValidationRepeats, OptionRange.Integer(0, 100),
            "how many times the k-fold cross-validation is repeated on new seeded folds, its curves averaged; 0 chooses by the row count (more on small data)"),
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

    /// <summary>
    /// How s is chosen from a cross-validated path (<see cref="SparsityPathCrossValidation"/>):
    /// the minimum of the curve (default), the one-standard-error rule, or the extended BIC of the
    /// path trained on all rows.
    /// </summary>
    public SparsitySelectionRule Selection { get; init; } = DefaultSelection;

    /// <summary>k of the k-fold cross-validation that chooses s, in [1, 100]; 1 holds out one validation split. Default 5.</summary>
    public int NumberOfFolds { get; init; } = DefaultNumberOfFolds;

    /// <summary>
    /// How many times the k-fold cross-validation runs, each time on new folds (seeded from the first
    /// fold seed, <see cref="CrossValidationFolds.RepeatSeed"/>); the curve is the mean of the repeats'
    /// curves. In [0, 100]; 0 (the default) chooses by the row count (<see cref="AutomaticRepeats"/>), 1 is plain k-fold.
    /// </summary>
    public int CrossValidationRepeats { get; init; } = DefaultCrossValidationRepeats;

    /// <summary>Checks every setting against a problem of <paramref name="parameterCount"/> parameters, before any work.</summary>
    public void Validate(int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(Training);
        // The template's own s is replaced by each s of the path.
        (Training with { Sparsity = 1 }).Validate(parameterCount);
        Table.Check(nameof(SelectionTolerance), SelectionTolerance);
        Table.Check(nameof(EarlyStoppingPatience), EarlyStoppingPatience);
        Table.Check(nameof(Selection), Selection);
        Table.Check(nameof(NumberOfFolds), NumberOfFolds);
        Table.Check(nameof(CrossValidationRepeats), CrossValidationRepeats);
    }
}
