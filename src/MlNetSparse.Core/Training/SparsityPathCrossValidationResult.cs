namespace MlNetSparse.Core.Training;

/// <summary>A cross-validated sparsity path: every fold's path, the pooled curve, and the s each rule picks from it.</summary>
public sealed class SparsityPathCrossValidationResult
{
    internal SparsityPathCrossValidationResult(IReadOnlyList<int> sparsities, SparsityPathResult[] folds, double[] foldWeights)
    {
        Sparsities = [.. sparsities];
        Folds = folds;
        FoldWeights = foldWeights;
        var curve = new CrossValidationEstimate[sparsities.Count];
        var losses = new double[folds.Length];
        for (int i = 0; i < curve.Length; i++)
        {
            for (int k = 0; k < folds.Length; k++)
                losses[k] = folds[k].Steps[i].ValidationLoss;
            curve[i] = CrossValidationEstimate.Pool(losses, foldWeights);
        }
        Curve = curve;
        MinimumIndex = SparsityPathSelection.Best([.. curve.Select(c => c.Mean)]);
        OneStandardErrorIndex = SparsityPathSelection.OneStandardError(curve);
    }

    /// <summary>The s values trained in every fold, in increasing order.</summary>
    public IReadOnlyList<int> Sparsities { get; }

    /// <summary>Each fold's path (every s, scored on the fold's held-out rows).</summary>
    public IReadOnlyList<SparsityPathResult> Folds { get; }

    /// <summary>Each fold's held-out weight, as pooled.</summary>
    public IReadOnlyList<double> FoldWeights { get; }

    /// <summary>Per s: the held-out loss pooled over the folds, with its standard error.</summary>
    public IReadOnlyList<CrossValidationEstimate> Curve { get; }

    /// <summary>The index of the smallest mean held-out loss (the smaller s on a tie): <see cref="SparsitySelectionRule.Minimum"/>.</summary>
    public int MinimumIndex { get; }

    /// <summary>The index of the smallest s within one standard error of the minimum: <see cref="SparsitySelectionRule.OneStandardError"/>.</summary>
    public int OneStandardErrorIndex { get; }

    /// <summary>The index <paramref name="rule"/> picks (<see cref="SparsitySelectionRule.ExtendedBic"/> needs the path on all rows: see <see cref="SparsityPathSelection.ExtendedBic"/>).</summary>
    public int IndexOf(SparsitySelectionRule rule) => rule switch
    {
        SparsitySelectionRule.Minimum => MinimumIndex,
        SparsitySelectionRule.OneStandardError => OneStandardErrorIndex,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), $"{rule} is not read off a cross-validation curve; it scores the path trained on all rows."),
    };
}
