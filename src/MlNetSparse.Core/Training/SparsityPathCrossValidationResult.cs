namespace MlNetSparse.Core.Training;

/// <summary>A cross-validated sparsity path: every fold's path, the pooled curve, and the s each rule picks from it.</summary>
public sealed class SparsityPathCrossValidationResult
{
    internal SparsityPathCrossValidationResult(IReadOnlyList<int> sparsities, SparsityPathResult[] folds, double[] foldWeights, int repeats = 1)
    {
        Sparsities = [.. sparsities];
        Folds = folds;
        FoldWeights = foldWeights;
        Repeats = repeats;
        var curve = new CrossValidationEstimate[sparsities.Count];
        var losses = new double[folds.Length];
        for (int i = 0; i < curve.Length; i++)
        {
            for (int k = 0; k < folds.Length; k++)
                losses[k] = folds[k].Steps[i].ValidationLoss;
            curve[i] = CrossValidationEstimate.PoolRepeats(losses, foldWeights, repeats);
        }
        Curve = curve;
        MinimumIndex = SparsityPathSelection.Best([.. curve.Select(c => c.Mean)]);
        OneStandardErrorIndex = SparsityPathSelection.OneStandardError(curve);
    }

    /// <summary>The s values trained in every fold, in increasing order.</summary>
    public IReadOnlyList<int> Sparsities { get; }

    /// <summary>Each fold's path (every s, scored on the fold's held-out rows).</summary>
    public IReadOnlyList<SparsityPathResult> Folds { get; }

    /// <summary>How many k-fold splits <see cref="Folds"/> holds, one after the other (1: plain k-fold).</summary>
    public int Repeats { get; }

    /// <summary>Each fold's held-out weight, as pooled.</summary>
    public IReadOnlyList<double> FoldWeights { get; }

    /// <summary>Per s: the held-out loss pooled over the folds (and the repeats), with its standard error (<see cref="CrossValidationEstimate.PoolRepeats"/>).</summary>
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
