using MlNetSparse.Core.Sparsity.Penalties;

namespace MlNetSparse.Tests.Core.Penalties;

/// <summary>Tℓ1's prox tends to ℓ0's as a → 0⁺ and to ℓ1's as a → ∞, with the gaps the math allows.</summary>
public class TransformedL1LimitTests
{
    [Fact]
    public void SmallShape_MatchesHardThresholding()
    {
        const double a = 1e-4;
        var penalty = new TransformedL1Penalty(a);
        foreach (double tau in new[] { 0.01, 0.1, 0.5 })
        {
            // For τ > a²/(2(a+1)) the threshold is √(2τ(a+1)) − a/2, within (a/2)(1 + √(2τ)) of ℓ0's √(2τ)
            // (√(1+a) − 1 ≤ a/2); only w inside that band may be kept by one and dropped by the other.
            double l0Threshold = Math.Sqrt(2 * tau), band = a * (1 + l0Threshold);
            Assert.InRange(penalty.Threshold(tau), l0Threshold - band / 2, l0Threshold + band / 2);
            foreach (float w in PenaltyCases.Points(tau, a).Where(w => Math.Abs(Math.Abs(w) - l0Threshold) > band))
            {
                float expected = PenaltyCases.Prox(L0Penalty.Instance, w, tau), actual = PenaltyCases.Prox(penalty, w, tau);
                if (expected == 0)
                {
                    Assert.Equal(0f, actual);
                    continue;
                }
                // A kept entry solves |w| − |u| = τ·p′(|u|) = τa(a+1)/(a+|u|)²; with |u| ≥ |w|/2 that is ≤ 4τa(a+1)/w².
                Assert.True(Math.Abs(actual) >= Math.Abs(w) / 2, $"τ = {tau}, w = {w}: prox {actual}");
                double allowed = 4 * tau * a * (a + 1) / ((double)w * w) + 1e-6 * Math.Abs(w);
                Assert.True(Math.Abs(actual - expected) <= allowed, $"τ = {tau}, w = {w}: Tℓ1 {actual}, ℓ0 {expected}, allowed {allowed:G3}");
            }
        }
    }

    [Fact]
    public void LargeShape_MatchesSoftThresholding()
    {
        const double a = 1e4;
        var penalty = new TransformedL1Penalty(a);
        foreach (double tau in PenaltyCases.Taus)
            foreach (float w in PenaltyCases.Points(tau, a))
            {
                // Kept entries solve |w| − |u| = τ f(|u|) with f(u) = (1 + 1/a)/(1 + u/a)² ∈ [1 − 2|w|/a, 1 + 1/a] on
                // [0, |w|], where ℓ1 has f ≡ 1; and below Tℓ1's threshold τ(1 + 1/a) ℓ1 keeps at most τ/a.
                // Either way the two differ by at most τ·max(1, 2|w|)/a, plus float rounding.
                float expected = PenaltyCases.Prox(L1Penalty.Instance, w, tau), actual = PenaltyCases.Prox(penalty, w, tau);
                double allowed = tau * Math.Max(1, 2 * Math.Abs(w)) / a + 1e-6 * Math.Max(1, Math.Abs(w));
                Assert.True(Math.Abs(actual - expected) <= allowed, $"τ = {tau}, w = {w}: Tℓ1 {actual}, ℓ1 {expected}, allowed {allowed:G3}");
            }
    }
}
