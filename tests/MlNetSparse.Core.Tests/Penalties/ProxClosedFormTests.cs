using MlNetSparse.Core.Sparsity;
using MlNetSparse.Core.Sparsity.Penalties;

namespace MlNetSparse.Tests.Core.Penalties;

/// <summary>Each proximal operator against its closed form, written out independently (docs/algorithms.md#proximal-operators).</summary>
public class ProxClosedFormTests
{
    [Fact]
    public void L0_KeepsExactlyTheEntriesAboveTheSquareRootOfTwoTau()
    {
        foreach (double tau in PenaltyCases.Taus)
            foreach (float w in PenaltyCases.Points(tau, 1))
                Assert.Equal(Math.Abs((double)w) > Math.Sqrt(2 * tau) ? w : 0f, PenaltyCases.Prox(L0Penalty.Instance, w, tau));
    }

    [Fact]
    public void L0_AtTheThresholdItself_ChoosesZero()
    {
        // τ = ½: √(2τ) = 1 exactly; there ½w² = τ, so 0 and w tie and 0 is chosen.
        Assert.Equal(0f, PenaltyCases.Prox(L0Penalty.Instance, 1f, 0.5));
        Assert.Equal(0f, PenaltyCases.Prox(L0Penalty.Instance, -1f, 0.5));
        Assert.Equal(1.0000001f, PenaltyCases.Prox(L0Penalty.Instance, 1.0000001f, 0.5));
    }

    [Fact]
    public void L1_IsSoftThresholding()
    {
        foreach (double tau in PenaltyCases.Taus)
            foreach (float w in PenaltyCases.Points(tau, 1))
                Assert.Equal((float)(Math.Sign(w) * Math.Max(Math.Abs((double)w) - tau, 0)), PenaltyCases.Prox(L1Penalty.Instance, w, tau));
    }

    [Fact]
    public void TransformedL1_MatchesTheArccosFormula()
    {
        // docs/algorithms.md#proximal-operators literally, in double. The formula subtracts numbers of size a, so it carries
        // an absolute error of about 1e-16·a; against float rounding of u (6e-8·|w|) that is nothing here.
        foreach (double a in PenaltyCases.Shapes.Append(1e4))
            foreach (double tau in PenaltyCases.Taus)
            {
                double t = tau <= a * a / (2 * (a + 1)) ? tau * (a + 1) / a : Math.Sqrt(2 * tau * (a + 1)) - a / 2;
                var penalty = new TransformedL1Penalty(a);
                Assert.Equal(t, penalty.Threshold(tau), 12);
                foreach (float w in PenaltyCases.Points(tau, a))
                {
                    double x = w, expected = 0;
                    if (Math.Abs(x) > t)
                    {
                        double phi = Math.Acos(1 - 27 * tau * a * (a + 1) / (2 * Math.Pow(a + Math.Abs(x), 3)));
                        expected = Math.Sign(x) * (2.0 / 3 * (a + Math.Abs(x)) * Math.Cos(phi / 3) - 2 * a / 3 + Math.Abs(x) / 3);
                    }
                    float actual = PenaltyCases.Prox(penalty, w, tau);
                    Assert.True(Math.Abs(actual - expected) <= 1e-6 * Math.Max(1, Math.Abs(x)),
                        $"a = {a}, τ = {tau}, w = {w}: prox {actual}, formula {expected}");
                }
            }
    }

    [Fact]
    public void TauZero_IsTheIdentity_ForEveryPenalty()
    {
        float[] w = [-2f, -0.3f, 0f, 1e-6f, 0.7f, 4f];
        foreach (IProximalOperator penalty in new IProximalOperator[] { L0Penalty.Instance, L1Penalty.Instance, new TransformedL1Penalty(0.5) })
        {
            var u = new float[w.Length];
            penalty.Prox(w, 0, u);
            Assert.Equal(w, u);
        }
    }

    [Fact]
    public void Prox_InPlace_GivesTheSameResultAsIntoAnotherSpan()
    {
        float[] w = [.. PenaltyCases.Points(0.1, 0.3)];
        foreach (IProximalOperator penalty in new IProximalOperator[] { L0Penalty.Instance, L1Penalty.Instance, new TransformedL1Penalty(0.3) })
        {
            var u = new float[w.Length];
            penalty.Prox(w, 0.1, u);
            float[] inPlace = [.. w];
            penalty.Prox(inPlace, 0.1, inPlace);
            Assert.Equal(u, inPlace);
        }
    }

    [Fact]
    public void Prox_KeepsNaN_SoADivergedIterateShows()
    {
        foreach (IProximalOperator penalty in new IProximalOperator[] { L0Penalty.Instance, L1Penalty.Instance, new TransformedL1Penalty(0.3) })
            Assert.True(float.IsNaN(PenaltyCases.Prox(penalty, float.NaN, 0.1)), penalty.Describe());
    }

    [Fact]
    public void Value_SumsTheScalarPenalty()
    {
        float[] x = [0f, -0.5f, 2f, 0f, 1e-3f];
        Assert.Equal(3, L0Penalty.Instance.Value(x));
        Assert.Equal(2.501, L1Penalty.Instance.Value(x), 6);
        double a = 0.7;
        Assert.Equal(x.Sum(v => PenaltyCases.Scalar(SparsityPenaltyKind.TransformedL1, a, v)), new TransformedL1Penalty(a).Value(x), 12);
    }

    [Fact]
    public void Factory_BuildsTheNamedPenalty()
    {
        Assert.Same(L0Penalty.Instance, SparsityPenalty.Create(SparsityPenaltyKind.L0, 1));
        Assert.Same(L1Penalty.Instance, SparsityPenalty.Create(SparsityPenaltyKind.L1, 1));
        var transformed = Assert.IsType<TransformedL1Penalty>(SparsityPenalty.Create(SparsityPenaltyKind.TransformedL1, 0.25));
        Assert.Equal(0.25, transformed.Shape);
        Assert.Equal("Tℓ1 (a = 0.25)", transformed.Describe());
    }
}
