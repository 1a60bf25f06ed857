using MlNetSparse.Experiments.Rvscgd;

namespace MlNetSparse.Tests.Experiments;

/// <summary>The toy's fast N(0, 1) stream: its moments within Monte-Carlo error, and reproducible from its seed.</summary>
public class GaussianStreamTests
{
    [Fact]
    public void Draws_HaveTheMomentsOfAStandardNormal()
    {
        // 10⁶ draws: the standard errors are 1e-3 (mean), √2·1e-3 (variance), 2.2e-4 (P(|z| > 1.96) = 0.05),
        // √(105 − 3²)·1e-3 ≈ 9.8e-3 (E z⁴ = 3). Allowed: 5 of each.
        const int n = 1_000_000;
        var z = new float[n];
        new GaussianStream(42).Fill(z);
        double mean = z.Average(x => (double)x), variance = z.Average(x => (double)x * x) - mean * mean;
        double tail = z.Count(x => Math.Abs(x) > 1.959964f) / (double)n, fourth = z.Average(x => Math.Pow(x, 4));
        Assert.InRange(mean, -5e-3, 5e-3);
        Assert.InRange(variance, 1 - 5 * Math.Sqrt(2) * 1e-3, 1 + 5 * Math.Sqrt(2) * 1e-3);
        Assert.InRange(tail, 0.05 - 5 * 2.2e-4, 0.05 + 5 * 2.2e-4);
        Assert.InRange(fourth, 3 - 5 * 9.8e-3, 3 + 5 * 9.8e-3);
        Assert.All(z, x => Assert.True(float.IsFinite(x) && Math.Abs(x) < 6f));
    }

    [Fact]
    public void TheSameSeed_GivesTheSameDraws_AndOddLengthsAreFilled()
    {
        float[] one = new float[2049], two = new float[2049];
        new GaussianStream(7).Fill(one);
        new GaussianStream(7).Fill(two);
        Assert.Equal(one, two);
        Assert.True(one[^1] != 0f && one[1024] != 0f);
        var other = new float[2049];
        new GaussianStream(8).Fill(other);
        Assert.NotEqual(one, other);
    }
}
