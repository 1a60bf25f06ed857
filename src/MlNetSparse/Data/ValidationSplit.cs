using System.Globalization;
using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Data;

/// <summary>
/// A seeded split of the training rows into a part to train on and a part held out to choose s
/// (the sparsity path). For classification the split is stratified: each class gives
/// round(fraction·its rows) and keeps at least one row for training, so every class present in
/// the data is present in the training part. Rows of weight 0 count in neither loss and stay in
/// the training part.
/// </summary>
/// <param name="Training">The rows to train on.</param>
/// <param name="Validation">The held-out rows.</param>
internal sealed record ValidationSplit(TrainingSet Training, TrainingSet Validation)
{
    /// <summary>Splits <paramref name="data"/>; both parts keep the rows' original order.</summary>
    /// <param name="data">The rows read for training.</param>
    /// <param name="fraction">The fraction held out, in (0, 0.5].</param>
    /// <param name="seed">Seed of the row draw.</param>
    /// <param name="stratifyByClass">True for classification labels (class indices).</param>
    /// <exception cref="InvalidOperationException">No row would be held out: too few rows.</exception>
    public static ValidationSplit Create(TrainingSet data, double fraction, int seed, bool stratifyByClass)
    {
        ArgumentNullException.ThrowIfNull(data);
        int m = data.Labels.Length;
        var heldOut = new bool[m];
        var random = new Random(seed);
        int weightedRows = 0;
        foreach (int[] stratum in Strata(data, stratifyByClass))
        {
            weightedRows += stratum.Length;
            int count = (int)Math.Min(stratum.Length - 1, Math.Round(fraction * stratum.Length, MidpointRounding.AwayFromZero));
            // A partial Fisher–Yates shuffle: its first `count` rows are a uniform draw without replacement.
            for (int j = 0; j < count; j++)
            {
                int pick = random.Next(j, stratum.Length);
                (stratum[j], stratum[pick]) = (stratum[pick], stratum[j]);
                heldOut[stratum[j]] = true;
            }
        }
        int[] validationRows = [.. Enumerable.Range(0, m).Where(i => heldOut[i])];
        int[] trainingRows = [.. Enumerable.Range(0, m).Where(i => !heldOut[i])];
        if (validationRows.Length == 0)
            throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture,
                "Too few rows to split for the sparsity path: ValidationFraction = {0} of {1} row(s) holds out none{2}. " +
                "Choosing s needs at least one validation row and one training row{3}: use more rows or a larger ValidationFraction (at most 0.5).",
                fraction, weightedRows, stratifyByClass ? " (the split is per class, rounded, and each class keeps a row for training)" : "",
                stratifyByClass ? " of each class" : ""));
        return new ValidationSplit(Subset(data, trainingRows), Subset(data, validationRows));
    }

    // Rows that carry weight, grouped by class in increasing class order (one group for regression).
    private static IEnumerable<int[]> Strata(TrainingSet data, bool stratifyByClass)
    {
        var groups = new SortedDictionary<float, List<int>>();
        for (int i = 0; i < data.Labels.Length; i++)
        {
            if (data.ExampleWeights is { } weights && !(weights[i] > 0))
                continue;
            float key = stratifyByClass ? data.Labels[i] : 0f;
            if (!groups.TryGetValue(key, out var rows))
                groups[key] = rows = [];
            rows.Add(i);
        }
        return groups.Values.Select(rows => rows.ToArray());
    }

    /// <summary>The rows <paramref name="rows"/> of <paramref name="data"/>, in that order.</summary>
    internal static TrainingSet Subset(TrainingSet data, int[] rows)
        => new(data.Features.SelectRows(rows), [.. rows.Select(i => data.Labels[i])],
            data.ExampleWeights is { } weights ? [.. rows.Select(i => weights[i])] : null, rows.Length, default);
}
