using MlNetSparse.Core.Solvers.Rvscgd;
using MlNetSparse.Core.Sparsity;
using MlNetSparse.Core.Sparsity.Penalties;

namespace MlNetSparse.Tests.Core.Penalties;

/// <summary>λ from a wanted sparsity (docs/algorithms.md#sparsity-on-request): the quantile's τ zeroes exactly that fraction.</summary>
public class ZeroFractionThresholdTests
{
    public static TheoryData<string> Penalties => new() { "ℓ0", "ℓ1", "Tℓ1 a=0.1", "Tℓ1 a=1", "Tℓ1 a=10" };

    private static IThresholdingPenalty Penalty(string name) => name switch
    {
        "ℓ0" => L0Penalty.Instance,
        "ℓ1" => L1Penalty.Instance,
        _ => new TransformedL1Penalty(double.Parse(name["Tℓ1 a=".Length..], System.Globalization.CultureInfo.InvariantCulture)),
    };

    // τ whose threshold is t, written out from each penalty's threshold formula (docs/algorithms.md#proximal-operators).
    private static double ClosedFormTau(string name, double t)
    {
        if (name == "ℓ0")
            return t * t / 2;                                                    // t = √(2τ)
        if (name == "ℓ1")
            return t;                                                            // t = τ
        double a = ((TransformedL1Penalty)Penalty(name)).Shape;
        return t <= a / 2 ? t * a / (a + 1)                                      // t = τ(a+1)/a for τ ≤ a²/(2(a+1))
            : (t + a / 2) * (t + a / 2) / (2 * (a + 1));                         // t = √(2τ(a+1)) − a/2 above
    }

    [Theory]
    [MemberData(nameof(Penalties))]
    public void OneProxStep_WithTheQuantilesTau_ZeroesExactlyTheWantedFraction_TheSmallestMagnitudes(string name)
    {
        // |wᵢ| = i/20 with alternating signs: the cut for k zeros is midway, (k + ½)/20, and τ is its closed form.
        float[] w = [.. Enumerable.Range(1, 20).Select(i => (i % 2 == 0 ? 1 : -1) * i / 20f)];
        IThresholdingPenalty penalty = Penalty(name);
        for (int k = 1; k < 20; k++)
        {
            double tau = ZeroFractionThreshold.Tau(penalty, w, k / 20.0);
            double cut = ((double)(k / 20f) + (k + 1) / 20f) / 2;
            Assert.Equal(ClosedFormTau(name, cut), tau, 1e-12);

            var u = new float[w.Length];
            penalty.Prox(w, tau, u);
            Assert.Equal(k, u.Count(v => v == 0f));
            for (int i = 0; i < w.Length; i++)
                Assert.Equal(i < k, u[i] == 0f); // the k smallest |w| and no other
        }
    }

    [Theory]
    [MemberData(nameof(Penalties))]
    public void OnGaussianWeights_EveryFraction_IsExactToOneWeight(string name)
    {
        // 4,999 draws (odd, so k = round(f·n) rounds) of very different sizes: the midpoint cut survives t → τ → t.
        var random = new Random(11);
        float[] w = [.. Enumerable.Range(0, 4999).Select(_ => (float)(random.NextDouble() - 0.5) * (float)Math.Pow(10, random.Next(-4, 2)))];
        IThresholdingPenalty penalty = Penalty(name);
        var u = new float[w.Length];
        foreach (double fraction in new[] { 0.01, 0.5, 0.8, 0.9, 0.95, 0.999 })
        {
            penalty.Prox(w, ZeroFractionThreshold.Tau(penalty, w, fraction), u);
            Assert.Equal((int)Math.Round(fraction * w.Length, MidpointRounding.AwayFromZero), u.Count(v => v == 0f));
        }
    }

    [Theory]
    [MemberData(nameof(Penalties))]
    public void TauForThreshold_InvertsThreshold_OnBothSidesOfTheTl1BranchPoint(string name)
    {
        IThresholdingPenalty penalty = Penalty(name);
        foreach (double t in new[] { 0.0, 1e-6, 0.01, 0.05, 0.0499, 0.5, 0.4999, 0.5001, 5, 5.0001, 123 })
        {
            double tau = penalty.TauForThreshold(t);
            Assert.Equal(ClosedFormTau(name, t), tau, 1e-12 * Math.Max(1, tau));
            Assert.Equal(t, penalty.Threshold(tau), 1e-12 * Math.Max(1, t));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => penalty.TauForThreshold(-1e-9));
        Assert.Throws<ArgumentOutOfRangeException>(() => penalty.TauForThreshold(double.NaN));
    }

    [Fact]
    public void TheL0RoundTrip_IsExactForEveryFloatThreshold()
    {
        // t² of a float is exact in double, so √(2·t²/2) = t with no rounding at all: the cut can sit on a weight.
        foreach (float t in new[] { 1e-30f, 3.3e-7f, 0.1f, 0.7f, 1f, 12345.678f })
            Assert.Equal((double)t, L0Penalty.Instance.Threshold(L0Penalty.Instance.TauForThreshold(t)));
    }

    [Fact]
    public void Cut_HandlesNoneAllAndNaN()
    {
        float[] magnitudes = [0.3f, 0.1f, 0.2f];
        Assert.Equal(0.05, ZeroFractionThreshold.Cut([.. magnitudes], 0), 1e-9);     // below the smallest: nothing zeroed
        Assert.True(ZeroFractionThreshold.Cut([.. magnitudes], 3) > 0.3);            // above the largest: everything
        Assert.Equal((0.1 + 0.2) / 2, ZeroFractionThreshold.Cut([.. magnitudes], 1), 1e-7);
        Assert.Equal(0.0, ZeroFractionThreshold.Cut([], 0));

        // A NaN weight counts as the largest: it is kept (still NaN, so a diverged run shows), and τ stays finite.
        float[] w = [float.NaN, 0.5f, -0.25f, 1f];
        double tau = ZeroFractionThreshold.Tau(L1Penalty.Instance, w, 0.5);
        Assert.Equal(0.75, tau, 1e-7);
        tau = ZeroFractionThreshold.Tau(L0Penalty.Instance, w, 0.999);
        Assert.True(double.IsFinite(tau));
    }

    [Fact]
    public void ZeroCount_RoundsToTheNearestWeight_AndRejectsFractionsOutsideZeroOne()
    {
        Assert.Equal(9, ZeroFractionThreshold.ZeroCount(10, 0.9));
        Assert.Equal(3, ZeroFractionThreshold.ZeroCount(5, 0.5));   // 2.5 rounds away from zero
        Assert.Equal(0, ZeroFractionThreshold.ZeroCount(10, 0));
        Assert.Equal(10, ZeroFractionThreshold.ZeroCount(10, 1));
        foreach (double bad in new[] { -0.1, 1.01, double.NaN })
            Assert.Contains("fraction must be in [0, 1]", Assert.Throws<ArgumentOutOfRangeException>(() => ZeroFractionThreshold.ZeroCount(10, bad)).Message);
    }

    [Fact]
    public void TheRamp_IsGradualPruningsCubic_AndReachesTheTarget()
    {
        var target = new RvscgdSparsityTarget(0.8, RampEpochs: 4);
        Assert.Equal(0, target.FractionAt(0));
        Assert.Equal(0.8 * (1 - Math.Pow(1 - 0.5, 3)), target.FractionAt(2), 12);
        Assert.Equal(0.8 * (1 - Math.Pow(1 - 0.25, 3)), target.FractionAt(1), 12);
        Assert.Equal(0.8, target.FractionAt(4));
        Assert.Equal(0.8, target.FractionAt(double.PositiveInfinity));
        Assert.Equal(0.8, new RvscgdSparsityTarget(0.8).FractionAt(0));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void ATargetOutsideTheOpenUnitInterval_IsRejected_NamingIt(double fraction)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RvscgdSparsityTarget(fraction).Validate());
        Assert.StartsWith("Fraction must be in (0, 1)", error.Message);
        Assert.Equal("Fraction", error.ParamName);
    }
}
