using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Sparsity;

namespace MlNetSparse.Core.Tests;

/// <summary>
/// The whole-vector scans every feature row goes through as it is read (VectorChecks.ContainsNonFinite,
/// Support.CountNonzero), a vector at a time: the same answers as one entry at a time, wherever in the row
/// the entry that matters sits (the vectorised body or the tail), for every length around the vector widths.
/// </summary>
public class VectorChecksTests
{
    public static TheoryData<int> Lengths() => [0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 1000, 1003];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ContainsNonFinite_FindsANaNOrInfinityAtEveryPosition(int length)
    {
        float[] finite = Values(length, seed: length);
        Assert.False(VectorChecks.ContainsNonFinite(finite));
        foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
            for (int position = 0; position < length; position++)
            {
                float[] x = (float[])finite.Clone();
                x[position] = bad;
                Assert.True(VectorChecks.ContainsNonFinite(x), $"{bad} at {position} of {length}");
            }
    }

    [Fact]
    public void ContainsNonFinite_AcceptsTheExtremeFiniteValues()
    {
        float[] x = [float.MaxValue, float.MinValue, float.Epsilon, -float.Epsilon, -0f, 0f, 1e-40f, 3.4e38f, -3.4e38f];
        Assert.False(VectorChecks.ContainsNonFinite([.. x, .. x, .. x]));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void CountNonzero_CountsAsOneEntryAtATimeDoes(int length)
    {
        // Zeros of both signs (−0 is zero), NaN and infinities (nonzero), subnormals (nonzero).
        float[] pool = [0f, -0f, 0f, 1f, -2.5f, float.NaN, float.PositiveInfinity, float.Epsilon, 1e-40f];
        var random = new Random(length);
        for (int trial = 0; trial < 5; trial++)
        {
            float[] x = [.. Enumerable.Range(0, length).Select(_ => pool[random.Next(pool.Length)])];
            int expected = 0;
            foreach (float v in x)
                if (v != 0f)
                    expected++;
            Assert.Equal(expected, Support.CountNonzero(x));
        }
        Assert.Equal(0, Support.CountNonzero(new float[length]));
        Assert.Equal(length, Support.CountNonzero(Values(length, seed: 3)));
    }

    // Nonzero finite values of mixed signs and magnitudes.
    private static float[] Values(int length, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() + 0.01) * Math.Pow(10, random.Next(-30, 30)) * (random.Next(2) * 2 - 1)))];
    }
}
