namespace MlNetSparse.Benchmarks;

/// <summary>
/// Which columns a sparse row uses: Zipf-like, the column of popularity rank r drawn with
/// probability ∝ 1/(r + 1), like word frequencies in text. Ranks map to columns through a seeded
/// random permutation, so popular columns are spread over the index range instead of sitting
/// together at its start (which would flatter the caches). Draws take O(1) through Walker's alias
/// table (Vose's construction), because the streaming view redraws every column on every pass.
/// </summary>
internal sealed class ColumnPopularity
{
    private readonly double[] _keepProbability;
    private readonly int[] _alias;
    private readonly int[] _columnOfRank;

    public ColumnPopularity(int columnCount, int seed)
    {
        (_keepProbability, _alias) = AliasTable(columnCount);
        _columnOfRank = new int[columnCount];
        for (int r = 0; r < columnCount; r++)
            _columnOfRank[r] = r;
        var random = SplitMix64.ForStream(seed, BinaryProblem.PopularityStream);
        for (int r = columnCount - 1; r > 0; r--) // Fisher–Yates
        {
            int other = random.NextInt(r + 1);
            (_columnOfRank[r], _columnOfRank[other]) = (_columnOfRank[other], _columnOfRank[r]);
        }
    }

    /// <summary>The column of rank <paramref name="rank"/> (0 is the most popular).</summary>
    public int ColumnOfRank(int rank) => _columnOfRank[rank];

    /// <summary>One draw: a uniform slot, kept with its probability, else its alias.</summary>
    public int Draw(ref SplitMix64 random)
    {
        double point = random.NextDouble() * _alias.Length;
        int slot = Math.Min((int)point, _alias.Length - 1);
        int rank = point - slot < _keepProbability[slot] ? slot : _alias[slot];
        return _columnOfRank[rank];
    }

    // Slot r keeps rank r with probability keep[r] and otherwise gives alias[r]; each slot holds
    // 1/n of the mass, so rank r comes out with probability ∝ 1/(r + 1).
    private static (double[] Keep, int[] Alias) AliasTable(int n)
    {
        var scaled = new double[n];
        double total = 0;
        for (int r = 0; r < n; r++)
            total += 1.0 / (r + 1);
        for (int r = 0; r < n; r++)
            scaled[r] = n / ((r + 1) * total);
        var keep = new double[n];
        var alias = new int[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (int r = n - 1; r >= 0; r--)
            (scaled[r] < 1 ? small : large).Push(r);
        while (small.Count > 0 && large.Count > 0)
        {
            int under = small.Pop(), over = large.Pop();
            keep[under] = scaled[under];
            alias[under] = over;
            scaled[over] = scaled[over] + scaled[under] - 1;
            (scaled[over] < 1 ? small : large).Push(over);
        }
        // What is left holds exactly its share, up to rounding.
        foreach (int r in small.Concat(large))
        {
            keep[r] = 1;
            alias[r] = r;
        }
        return (keep, alias);
    }
}
