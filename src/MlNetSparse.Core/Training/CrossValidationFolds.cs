namespace MlNetSparse.Core.Training;

/// <summary>Seeded k-fold assignments of rows, stratified by class for classification.</summary>
public static class CrossValidationFolds
{
    /// <summary>
    /// The fold (0 … <paramref name="folds"/> − 1) of each row. Rows are shuffled by
    /// <paramref name="seed"/> within each stratum (a class, or all rows when
    /// <paramref name="strata"/> is null), then dealt to the folds in turn, continuing across strata,
    /// so fold sizes differ by at most one and each class is spread evenly. Rows of weight 0 get
    /// −1: they count in no loss, so they belong to no held-out fold (they stay in every training part).
    /// </summary>
    /// <param name="rowCount">m, the rows.</param>
    /// <param name="folds">k, in [2, rows of positive weight].</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <param name="strata">The class of each row for a stratified assignment; null for none.</param>
    /// <param name="weights">Example weights; null for all 1.</param>
    public static int[] Assign(int rowCount, int folds, int seed, ReadOnlySpan<float> strata = default, ReadOnlySpan<float> weights = default)
    {
        Guard.InRange(rowCount, 1, int.MaxValue);
        if (!strata.IsEmpty)
            Guard.Length(strata.Length, rowCount, nameof(strata));
        if (!weights.IsEmpty)
            Guard.Length(weights.Length, rowCount, nameof(weights));
        var groups = new SortedDictionary<float, List<int>>();
        int weighted = 0;
        var fold = new int[rowCount];
        for (int i = 0; i < rowCount; i++)
        {
            if (!weights.IsEmpty && !(weights[i] > 0))
            {
                fold[i] = -1;
                continue;
            }
            weighted++;
            float key = strata.IsEmpty ? 0f : strata[i];
            if (!groups.TryGetValue(key, out var rows))
                groups[key] = rows = [];
            rows.Add(i);
        }
        Guard.InRange(folds, 2, Math.Max(2, weighted), nameof(folds));
        var random = new Random(seed);
        int next = 0;
        foreach (List<int> rows in groups.Values)
        {
            int[] order = [.. rows];
            random.Shuffle(order);
            foreach (int row in order)
                fold[row] = next++ % folds;
        }
        return fold;
    }

    /// <summary>
    /// The fold seed of repeat <paramref name="repeat"/> of a repeated k-fold cross-validation whose
    /// first repeat uses <paramref name="seed"/>: <paramref name="seed"/> itself for repeat 0 (so one
    /// repeat is plain k-fold), then a SplitMix64 mix of the two, a function of them alone.
    /// </summary>
    /// <param name="seed">The first repeat's seed (the validation seed).</param>
    /// <param name="repeat">The repeat, ≥ 0.</param>
    public static int RepeatSeed(int seed, int repeat)
    {
        Guard.InRange(repeat, 0, int.MaxValue);
        if (repeat == 0)
            return seed;
        // SplitMix64's finaliser: nearby (seed, repeat) pairs give unrelated shuffles.
        ulong z = unchecked(((ulong)(uint)seed << 32 | (uint)repeat) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }
}
