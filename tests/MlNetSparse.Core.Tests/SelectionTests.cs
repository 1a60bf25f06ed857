using MlNetSparse.Core.Sparsity;

namespace MlNetSparse.Tests.Core;

public class SelectionTests
{
    [Fact]
    public void EqualsSorting_ForRandomArraysWithAndWithoutDuplicates()
    {
        var random = new Random(21);
        for (int trial = 0; trial < 600; trial++)
        {
            int n = random.Next(1, 120);
            // Alternate continuous values with a handful of distinct integers (many duplicates).
            int distinct = trial % 3 == 0 ? int.MaxValue : random.Next(1, 6);
            float[] values = Enumerable.Range(0, n)
                .Select(_ => distinct == int.MaxValue ? (float)(random.NextDouble() * 20 - 10) : random.Next(distinct) - 2)
                .ToArray();
            AssertSelectsLikeSort(values, random.Next(n));
        }
    }

    [Fact]
    public void EqualsSorting_ForEveryRankOfSmallArrays()
    {
        var random = new Random(22);
        for (int trial = 0; trial < 100; trial++)
        {
            int n = random.Next(1, 16);
            float[] values = Enumerable.Range(0, n).Select(_ => (float)random.Next(-3, 4)).ToArray();
            for (int rank = 0; rank < n; rank++)
                AssertSelectsLikeSort(values, rank);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(1000)]
    public void AllEqualArrays_ReturnThatValueAtEveryRank(int n)
    {
        for (int rank = 0; rank < n; rank += Math.Max(1, n / 10))
            AssertSelectsLikeSort(Enumerable.Repeat(2.5f, n).ToArray(), rank);
    }

    [Fact]
    public void LengthOne_ReturnsTheOnlyElement()
    {
        Assert.Equal(-4f, Selection.Select(new float[] { -4f }, 0));
    }

    [Fact]
    public void EqualsSorting_ForOrderedAndAdversarialPatterns()
    {
        const int n = 501;
        var patterns = new Dictionary<string, float[]>
        {
            ["ascending"] = Enumerable.Range(0, n).Select(i => (float)i).ToArray(),
            ["descending"] = Enumerable.Range(0, n).Select(i => (float)(n - i)).ToArray(),
            ["organ pipe"] = Enumerable.Range(0, n).Select(i => (float)Math.Min(i, n - i)).ToArray(),
            ["sawtooth"] = Enumerable.Range(0, n).Select(i => (float)(i % 7)).ToArray(),
            ["two values"] = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? 1f : 0f).ToArray(),
        };
        foreach (var (name, values) in patterns)
            foreach (int rank in new[] { 0, 1, n / 3, n / 2, n - 2, n - 1 })
                AssertSelectsLikeSort(values, rank, name);
    }

    private static void AssertSelectsLikeSort(float[] values, int rank, string? label = null)
    {
        float[] sorted = [.. values];
        Array.Sort(sorted);
        float[] scratch = [.. values];
        float selected = Selection.Select(scratch, rank);
        Assert.True(sorted[rank] == selected, $"{label}: rank {rank} of {values.Length}: selected {selected}, sorted {sorted[rank]}");
        // Select only reorders: the multiset is unchanged.
        Array.Sort(scratch);
        Assert.Equal(sorted, scratch);
    }
}
