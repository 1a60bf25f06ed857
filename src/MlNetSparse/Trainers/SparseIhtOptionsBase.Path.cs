using MlNetSparse.Core.Training;

namespace MlNetSparse.Trainers;

/// <summary>The options of the sparsity path: train several s and let held-out rows choose.</summary>
public abstract partial class SparseIhtOptionsBase
{
    /// <summary>Default values of the options.</summary>
    public static partial class Defaults
    {
        /// <summary>Default of <see cref="ValidationFraction"/>.</summary>
        public const double ValidationFraction = 0.2;

        /// <summary>Default of <see cref="PathSelectionTolerance"/> (the s of the smallest validation loss).</summary>
        public const double PathSelectionTolerance = SparsityPathOptions.DefaultSelectionTolerance;

        /// <summary>Default of <see cref="NumberOfFolds"/>.</summary>
        public const int NumberOfFolds = SparsityPathOptions.DefaultNumberOfFolds;

        /// <summary>Default of <see cref="CrossValidationRepeats"/> (0: by the row count, <see cref="SparsityPathOptions.AutomaticRepeats"/>).</summary>
        public const int CrossValidationRepeats = SparsityPathOptions.DefaultCrossValidationRepeats;

        /// <summary>Default of <see cref="PathL2Regularization"/>: a N(0, 1) prior on each standardized weight of a path's fits (on the log losses' scale).</summary>
        public const double PathL2Regularization = 1;

        /// <summary>Default of <see cref="PathSelectionRule"/> (the minimum of the cross-validation curve).</summary>
        public const SparsitySelectionRule PathSelectionRule = SparsityPathOptions.DefaultSelection;
    }

    /// <summary>
    /// Train a sparsity path instead of the single <see cref="Sparsity"/>: the candidate s values,
    /// strictly increasing, each in [1, P − 1]. An empty array asks for an automatic grid of
    /// <see cref="SparsityPathGrid.DefaultCount"/> values spaced evenly on a log scale from 1 to
    /// min(P − 1, training rows) (<see cref="SparsityPathGrid.Automatic"/>); build another with
    /// <see cref="SparsityPathGrid.Geometric"/>. Null (the default) trains <see cref="Sparsity"/> alone.
    /// </summary>
    /// <remarks>
    /// With a path and <see cref="NumberOfFolds"/> k ≥ 2 (the default, 5), Fit cross-validates it as
    /// cv.glmnet does its λ path: it trains the path on all rows, and on each of k seeded folds
    /// (stratified by class) the path on the other rows, scored on the fold; s is read off the
    /// pooled curve by <see cref="PathSelectionRule"/>, and the model is the all-rows path's
    /// solution at that s, polished by a final run. The report's <c>SparsityPath.CrossValidation</c>
    /// holds the curve. With <see cref="NumberOfFolds"/> = 1, Fit holds out <see cref="ValidationFraction"/> of the rows, trains each s in turn
    /// on the rest (γ = 1/L̂₂ₛ per s, warm-started from the previous s's solution), measures each
    /// model's loss on the held-out rows, and chooses s by it (see <see cref="PathSelectionTolerance"/>
    /// and <see cref="PathEarlyStopping"/>). It then refits on all rows at the chosen s, starting from
    /// the path's solution at that s, so the returned model has learned from every row and its
    /// certificate is for the whole data. <see cref="Sparsity"/> is not used. The training report's
    /// <c>SparsityPath</c> section lists every s trained.
    /// </remarks>
    public int[]? SparsityPath { get; set; }

    /// <summary>
    /// The fraction of rows held out to choose s on a path, in (0, 0.5]. The split is seeded
    /// (<see cref="ValidationSeed"/>) and, for classification, stratified by class: each class gives
    /// the same fraction (rounded) and keeps at least one row for training. Rows of weight 0, which
    /// count in neither loss, stay in the training part. Default 0.2.
    /// </summary>
    public double ValidationFraction { get; set; } = Defaults.ValidationFraction;

    /// <summary>Seed of the validation split; null draws it from the MLContext's seed, after the other seeds.</summary>
    public int? ValidationSeed { get; set; }

    /// <summary>
    /// The parsimony rule of a path: choose the smallest s whose validation loss is within this
    /// relative tolerance of the smallest one (≤ best·(1 + tolerance)), in the spirit of glmnet's
    /// one-standard-error rule; ≥ 0. 0 chooses the s of the smallest validation loss. Default 0.
    /// </summary>
    public double PathSelectionTolerance { get; set; } = Defaults.PathSelectionTolerance;

    /// <summary>
    /// End the path once the validation loss has not improved for
    /// <see cref="SparsityPathOptions.DefaultEarlyStoppingPatience"/> consecutive s: larger s would
    /// only fit noise, and each costs a training run. Default true.
    /// </summary>
    public bool PathEarlyStopping { get; set; } = SparsityPathOptions.DefaultEarlyStopping;

    /// <summary>
    /// k of the k-fold cross-validation that chooses s on a path, in [1, 100]: each s is scored on
    /// every row once, held out from a path trained on the others. 1 holds out one split of
    /// <see cref="ValidationFraction"/> instead (the rule before k-fold; its pick swings with the
    /// seed on small data). The folds train in parallel within <see cref="NumberOfThreads"/>.
    /// Default 5.
    /// </summary>
    public int NumberOfFolds { get; set; } = Defaults.NumberOfFolds;

    /// <summary>
    /// How many times the k-fold cross-validation of a path runs, each time on new seeded folds
    /// (the first on <see cref="ValidationSeed"/>'s folds, the others on seeds mixed from it), the
    /// curve being the mean of the repeats' curves; in [0, 100]. 0 (the default) chooses by the rows,
    /// ⌈2000 / rows⌉ repeats, at most 5 (<see cref="SparsityPathOptions.AutomaticRepeats"/>), so small
    /// data get a curve steady enough to pick s the same way whatever the seed, and 2,000 rows or more
    /// are split once. 1 is plain k-fold. Not used with one held-out split or the extended BIC.
    /// </summary>
    public int CrossValidationRepeats { get; set; } = Defaults.CrossValidationRepeats;

    /// <summary>
    /// The ridge every fit of a path carries (its folds, the path on all rows and the final run), as c in
    /// λ₂ = <see cref="L2Regularization"/> + c·κ / m, m the rows' total weight, κ = 1 for classification and 4 for
    /// regression (least squares' curvature over the log losses' largest, ¼): on a log loss the penalty (c/2)·‖w‖² on
    /// the summed loss, a Gaussian prior N(0, 1/c) on each weight of standardized features, ≥ 0. It keeps the weights
    /// of (nearly) separable folds finite, so that one misclassified held-out row does not cost a log loss of tens and
    /// push the pick to too few nonzeros, and it steadies least squares on a few dozen rows, where the best support's
    /// unshrunk fit overfits; it fades as the rows grow. Default 1; 0 trains the path on the plain loss.
    /// Fixed-<see cref="Sparsity"/> fits do not use it.
    /// </summary>
    public double PathL2Regularization { get; set; } = Defaults.PathL2Regularization;

    /// <summary>
    /// How a cross-validated path picks s: <see cref="SparsitySelectionRule.Minimum"/> (default; the
    /// smallest mean held-out loss, cv.glmnet's λ.min), <see cref="SparsitySelectionRule.OneStandardError"/>
    /// (the smallest s within one standard error of it, λ.1se; needs <see cref="NumberOfFolds"/> ≥ 2), or
    /// <see cref="SparsitySelectionRule.ExtendedBic"/> (the path on all rows scored by the extended BIC,
    /// no folds: for small data). <see cref="PathSelectionTolerance"/> applies to the held-out split and to <see cref="SparsitySelectionRule.Minimum"/>
    /// (the smallest s whose mean held-out loss is within it of the smallest).
    /// </summary>
    public SparsitySelectionRule PathSelectionRule { get; set; } = Defaults.PathSelectionRule;

    private void ValidatePath()
    {
        Table.Check(nameof(NumberOfFolds), NumberOfFolds);
        Table.Check(nameof(CrossValidationRepeats), CrossValidationRepeats);
        Table.Check(nameof(PathL2Regularization), PathL2Regularization);
        Table.Check(nameof(PathSelectionRule), PathSelectionRule);
        Table.Check(nameof(ValidationFraction), ValidationFraction);
        Table.Check(nameof(PathSelectionTolerance), PathSelectionTolerance);
        if (SparsityPath is null)
            return;
        if (SparsityPath.Length > 0)
            SparsityPathGrid.Check(SparsityPath, 1, null, nameof(SparsityPath));
        if (Sparsity < 0)
            throw new ArgumentOutOfRangeException(nameof(Sparsity),
                $"{nameof(Sparsity)} must be 0 or more (it is not used when {nameof(SparsityPath)} is set); got {Sparsity}.");
    }
}
