using MlNetSparse.Core.Sparsity;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

public class HardThresholdOperatorTests
{
    [Fact]
    public void KeepsTheSmallerIndexOnATie_AsInTheDocumentedExample()
    {
        // H₂([1, −3, 1]) = [1, −3, 0] with the default rule (docs/algorithms.md#hard-thresholding).
        Assert.Equal(new float[] { 1, -3, 0 }, HardThresholdOperator.Apply([1, -3, 1], 2));
    }

    [Fact]
    public void WithSOneLessThanN_DropsOnlyTheLastOfTheTiedEntries()
    {
        // All five entries tie at |x| = 2; s = n − 1 = 4 keeps indices 0…3 and drops index 4.
        Assert.Equal(new float[] { 2, -2, 2, -2, 0 }, HardThresholdOperator.Apply([2, -2, 2, -2, 2], 4));
        // A tie of two at the boundary with one slot left: the smaller index wins.
        Assert.Equal(new float[] { 5, -1, 0, 4 }, HardThresholdOperator.Apply([5, -1, 1, 4], 3));
    }

    [Fact]
    public void RanksByMagnitude_NotBySignedValue()
    {
        Assert.Equal(new float[] { -7, 0, 0, -4, 0 }, HardThresholdOperator.Apply([-7, 3, 0.5f, -4, 1], 2));
        Assert.Equal(new float[] { 0, 0, -1e-3f }, HardThresholdOperator.Apply([1e-4f, -2e-4f, -1e-3f], 1));
    }

    [Fact]
    public void WithSEqualToN_IsTheIdentity()
    {
        float[] x = [3, -1, 0, 2.5f, -0.25f];
        Assert.Equal(x, HardThresholdOperator.Apply(x, x.Length));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)] // s = n: the identity path
    public void ReturnsTheBoundaryMagnitude_TheSthLargestAbsoluteValue(int sparsity)
    {
        float[] x = [4, -0.5f, 2, -3, 1, -6];
        var result = new float[x.Length];
        float boundary = new HardThresholdOperator(x.Length, sparsity).Apply(x, result);
        float expected = x.Select(Math.Abs).OrderByDescending(v => v).ElementAt(sparsity - 1);
        Assert.Equal(expected, boundary);
    }

    [Fact]
    public void WorksInPlace_WhenSourceAndDestinationAreTheSameSpan()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 50; trial++)
        {
            int n = random.Next(1, 30), s = random.Next(1, n + 1);
            float[] x = SyntheticData.Gaussian(random, n);
            float[] expected = HardThresholdOperator.Apply(x, s);
            new HardThresholdOperator(n, s).Apply(x, x);
            Assert.Equal(expected, x);
        }
    }

    [Fact]
    public void KeepsAtMostSNonzeros_AndCopiesTheKeptEntriesUnchanged()
    {
        var random = new Random(12);
        for (int trial = 0; trial < 300; trial++)
        {
            int n = random.Next(1, 40), s = random.Next(1, n + 1);
            // Small integers give many ties and many zeros.
            var x = new float[n];
            for (int i = 0; i < n; i++)
                x[i] = random.Next(-3, 4);
            float[] h = HardThresholdOperator.Apply(x, s);
            Assert.True(Support.CountNonzero(h) <= s, $"{Support.CountNonzero(h)} nonzeros for s = {s}");
            for (int i = 0; i < n; i++)
                Assert.True(h[i] == 0f || h[i] == x[i], $"entry {i}: {h[i]} is neither 0 nor x[i] = {x[i]}");
            // It keeps min(s, ‖x‖₀) nonzeros: no entry is dropped while a slot stays free.
            Assert.Equal(Math.Min(s, Support.CountNonzero(x)), Support.CountNonzero(h));
        }
    }

    [Fact]
    public void IsAClosestSSparseVector_ByBruteForceOverAllSupports()
    {
        var random = new Random(13);
        for (int trial = 0; trial < 400; trial++)
        {
            int n = random.Next(1, 11), s = random.Next(1, n + 1);
            // Half the trials draw from a few integers so that ties at the boundary are common.
            float[] x = trial % 2 == 0
                ? SyntheticData.Gaussian(random, n)
                : Enumerable.Range(0, n).Select(_ => (float)random.Next(-2, 3)).ToArray();
            float[] h = HardThresholdOperator.Apply(x, s);

            // min over |S| ≤ s of ‖x − x_S‖² = Σ_{i∉S} xᵢ² (x_S is the best vector supported on S).
            double best = double.PositiveInfinity;
            foreach (int[] subset in SyntheticData.Subsets(n, s))
            {
                double residual = 0;
                for (int i = 0; i < n; i++)
                    if (Array.IndexOf(subset, i) < 0)
                        residual += (double)x[i] * x[i];
                best = Math.Min(best, residual);
            }
            double distance = 0;
            for (int i = 0; i < n; i++)
                distance += ((double)x[i] - h[i]) * ((double)x[i] - h[i]);
            Assert.True(distance <= best * (1 + 1e-12), $"‖x − H_s(x)‖² = {distance} > min {best} (n = {n}, s = {s})");
            Assert.True(Support.CountNonzero(h) <= s);
        }
    }

    [Fact]
    public void RandomTieBreaking_KeepsExactlyTheFreeSlotsOfTiedEntries()
    {
        // One clear winner and seven entries tied at |x| = 1; s = 4 leaves three slots for the ties.
        float[] x = [1, -1, 1, 9, -1, 1, 1, -1];
        var h = new HardThresholdOperator(x.Length, 4, TieBreaking.Random, tieSeed: 5);
        var result = new float[x.Length];
        for (int call = 0; call < 100; call++)
        {
            Assert.Equal(1f, h.Apply(x, result));
            Assert.Equal(4, Support.CountNonzero(result));
            Assert.Equal(9f, result[3]);
            for (int i = 0; i < x.Length; i++)
                Assert.True(result[i] == 0f || result[i] == x[i]);
        }
    }

    [Fact]
    public void RandomTieBreaking_IsReproducibleFromTheSeed()
    {
        float[] x = [2, 2, -2, 2, -2, 2, 2, -2, 2, 2];
        var first = new HardThresholdOperator(x.Length, 5, TieBreaking.Random, tieSeed: 42);
        var second = new HardThresholdOperator(x.Length, 5, TieBreaking.Random, tieSeed: 42);
        float[] a = new float[x.Length], b = new float[x.Length];
        for (int call = 0; call < 20; call++)
        {
            first.Apply(x, a);
            second.Apply(x, b);
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void RandomTieBreaking_PicksDifferentSubsetsAcrossCallsAndSeeds()
    {
        float[] x = [2, 2, -2, 2, -2, 2, 2, -2, 2, 2];
        var subsetsAcrossCalls = new HashSet<string>();
        var h = new HardThresholdOperator(x.Length, 5, TieBreaking.Random, tieSeed: 1);
        var result = new float[x.Length];
        for (int call = 0; call < 20; call++)
        {
            h.Apply(x, result);
            subsetsAcrossCalls.Add(string.Join(",", Support.Indices(result)));
        }
        // C(10, 5) = 252 subsets: 20 uniform draws with fewer than 10 distinct ones would be absurd.
        Assert.True(subsetsAcrossCalls.Count >= 10, $"only {subsetsAcrossCalls.Count} distinct subsets in 20 calls");

        var firstCallPerSeed = new HashSet<string>();
        for (int seed = 0; seed < 20; seed++)
        {
            new HardThresholdOperator(x.Length, 5, TieBreaking.Random, seed).Apply(x, result);
            firstCallPerSeed.Add(string.Join(",", Support.Indices(result)));
        }
        Assert.True(firstCallPerSeed.Count >= 10, $"only {firstCallPerSeed.Count} distinct subsets over 20 seeds");
    }

    [Fact]
    public void RandomTieBreaking_KeepsEachTiedEntryWithEqualProbability()
    {
        // 7 tied entries, 3 free slots: each is kept with probability 3/7 ≈ 0.4286. With 7,000
        // calls the standard deviation of a frequency is ≈ 0.0059; the band is ±0.04 (≈ 7σ).
        float[] x = [1, 1, 1, 1, 1, 1, 1, 5];
        var h = new HardThresholdOperator(x.Length, 4, TieBreaking.Random, tieSeed: 3);
        var result = new float[x.Length];
        var kept = new int[x.Length];
        const int calls = 7000;
        for (int call = 0; call < calls; call++)
        {
            h.Apply(x, result);
            for (int i = 0; i < x.Length; i++)
                if (result[i] != 0f)
                    kept[i]++;
        }
        Assert.Equal(calls, kept[7]);
        for (int i = 0; i < 7; i++)
            Assert.InRange(kept[i] / (double)calls, 3.0 / 7 - 0.04, 3.0 / 7 + 0.04);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)] // s = n
    public void NaNInput_ThrowsArgumentException(int sparsity)
    {
        float[] x = [1, float.NaN, 3, -2];
        var h = new HardThresholdOperator(x.Length, sparsity);
        var ex = Assert.Throws<ArgumentException>(() => h.Apply(x, new float[x.Length]));
        Assert.Equal("source", ex.ParamName);
        Assert.Contains("NaN", ex.Message);
    }

    [Fact]
    public void WrongLength_ThrowsArgumentExceptionNamingTheSpan()
    {
        var h = new HardThresholdOperator(4, 2);
        var ex = Assert.Throws<ArgumentException>(() => h.Apply(new float[3], new float[4]));
        Assert.Equal("source", ex.ParamName);
        Assert.Contains("length 4", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => h.Apply(new float[4], new float[5]));
        Assert.Equal("destination", ex.ParamName);
    }

    [Fact]
    public void AsAProjection_ItKeepsItsSetAndNamesAViolation_AndAsAProxItIgnoresTau()
    {
        ISparsityProjection projection = new HardThresholdOperator(4, 2);
        Assert.Null(projection.Violation([0f, 3f, 0f, -1f]));
        Assert.Equal("must have at most 2 nonzero entries (the sparsity); got 3", projection.Violation([1f, 3f, 0f, -1f]));
        Assert.Equal(0, projection.Value([0f, 3f, 0f, -1f]));
        Assert.Equal(double.PositiveInfinity, projection.Value([1f, 3f, 0f, -1f])); // the indicator of {‖x‖₀ ≤ 2}

        var projected = new float[4];
        projection.Project([1f, 3f, 0.5f, -2f], projected);
        Assert.Equal([0f, 3f, 0f, -2f], projected);
        foreach (double tau in new[] { 0.0, 0.3, 100.0 })
        {
            var proxed = new float[4];
            projection.Prox([1f, 3f, 0.5f, -2f], tau, proxed);
            Assert.Equal(projected, proxed);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => projection.Prox(new float[4], -1, new float[4]));
        Assert.Equal("H_s (s = 2)", projection.Describe());
    }

    [Theory]
    [InlineData(1, 40)]   // n ≤ 32: ranks counted (HardThresholdOperator.RankCountingMaximumLength)
    [InlineData(33, 80)]  // n > 32: selection
    public void EqualsASortByMagnitudeThenIndex_WithTiesZerosAndNegativeZeros_OnBothPaths(int smallestLength, int largestLength)
    {
        // The definition: order the entries by |x| descending, ties by smaller index; keep the first s that are not 0;
        // everything else is +0 (for s < n). The boundary is the s-th largest |x|. Entries drawn from a few values so ties are common.
        var random = new Random(smallestLength);
        float[] palette = [0f, -0f, 1f, -1f, 2f, -2f, 0.5f, 3f, -3f, 1e-30f];
        for (int n = smallestLength; n <= largestLength; n++)
        {
            Assert.Equal(n <= HardThresholdOperator.RankCountingMaximumLength, HardThresholdOperator.UsesRankCounting(n, TieBreaking.SmallerIndex));
            for (int trial = 0; trial < 6; trial++)
            {
                float[] x = [.. Enumerable.Range(0, n).Select(_ => trial % 2 == 0 ? palette[random.Next(palette.Length)] : (float)random.NextDouble() - 0.5f)];
                int s = random.Next(1, n + 1);
                int[] order = [.. Enumerable.Range(0, n).OrderByDescending(i => Math.Abs(x[i])).ThenBy(i => i)];
                var expected = new float[n];
                foreach (int i in order.Take(s).Where(i => x[i] != 0f))
                    expected[i] = x[i];
                if (s == n)
                    expected = x; // H_n is the identity, −0 included
                var actual = new float[n];
                float boundary = new HardThresholdOperator(n, s).Apply(x, actual);
                Assert.Equal(Math.Abs(x[order[s - 1]]), boundary);
                for (int i = 0; i < n; i++)
                    Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(actual[i]));
            }
        }
    }
}
