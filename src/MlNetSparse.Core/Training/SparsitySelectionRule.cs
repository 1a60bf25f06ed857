namespace MlNetSparse.Core.Training;

/// <summary>How a cross-validated sparsity path picks s from its curve (docs/algorithms.md#choosing-s).</summary>
public enum SparsitySelectionRule
{
    /// <summary>
    /// The s of the smallest mean held-out loss (cv.glmnet's λ.min). The default: on the small
    /// tabular sets of the choice benchmark it scored best, and sparser picks are one option away.
    /// </summary>
    Minimum,

    /// <summary>
    /// The smallest s whose mean held-out loss is within one standard error of the smallest
    /// (cv.glmnet's λ.1se): fewer nonzeros at a loss the folds cannot tell apart from the best.
    /// </summary>
    OneStandardError,

    /// <summary>
    /// The s of the smallest extended BIC of the path trained on all rows (Chen and Chen 2008, as
    /// abess): no folds, so the cheapest rule, meant for small data.
    /// </summary>
    ExtendedBic,
}
