using MlNetSparse.Core.Solvers.Rvscgd;
using MlNetSparse.Core.Sparsity.Penalties;

namespace MlNetSparse.Tests.Core.Rvscgd;

/// <summary>The per-tensor pieces of RVSCGD against the terms of L_β(u, w) = f(w) + λP(u) + (β/2)‖w − u‖².</summary>
public class RvscgdSplittingTests
{
    private static readonly float[] W = [0.9f, -0.05f, 0.3f, -0.6f, 0.01f, 0.2f, -0.25f, 0f];

    [Theory]
    [InlineData(SparsityPenaltyKind.L0)]
    [InlineData(SparsityPenaltyKind.L1)]
    [InlineData(SparsityPenaltyKind.TransformedL1)]
    public void UpdateAuxiliary_IsTheProxAtLambdaOverBeta_AndMinimisesTheLagrangianOverU(SparsityPenaltyKind kind)
    {
        var settings = new RvscgdSettings(Lambda: 2e-3, Beta: 0.05, kind, TransformedL1Shape: 0.4);
        var splitting = new RvscgdSplitting(settings);
        var u = new float[W.Length];
        splitting.UpdateAuxiliary(W, u);

        var expected = new float[W.Length];
        SparsityPenalty.Create(kind, 0.4).Prox(W, 2e-3 / 0.05, expected);
        Assert.Equal(expected, u);

        // No other u does better: random candidates, and every single-entry change of u (to 0, to w, or nudged).
        double best = splitting.Lagrangian(0, W, u);
        var random = new Random(3);
        for (int trial = 0; trial < 2000; trial++)
        {
            float[] candidate = [.. u];
            int j = random.Next(W.Length);
            candidate[j] = (trial % 4) switch { 0 => 0f, 1 => W[j], 2 => u[j] + (float)(random.NextDouble() - 0.5) * 1e-2f, _ => (float)(random.NextDouble() * 2 - 1) };
            Assert.True(splitting.Lagrangian(0, W, candidate) >= best - 1e-12, $"u[{j}] = {candidate[j]} beats the prox's {u[j]}");
        }
    }

    [Fact]
    public void AddCouplingGradient_AddsTheGradientOfTheCouplingTerm()
    {
        var splitting = new RvscgdSplitting(new RvscgdSettings(1e-3, 0.2, SparsityPenaltyKind.L1));
        float[] u = [1f, 0f, 0.25f, -0.5f, 0f, 0f, -0.2f, 0.1f];
        float[] gradient = [.. Enumerable.Range(0, W.Length).Select(i => 0.5f * i)];
        float[] before = [.. gradient];
        splitting.AddCouplingGradient(W, u, gradient);
        for (int j = 0; j < W.Length; j++)
        {
            // Central difference of (β/2)‖w − u‖² in wⱼ, in double on a double copy: exact for a quadratic up to rounding.
            const double h = 1e-3;
            double Coupling(double shift) => 0.2 / 2 * W.Select((w, i) => i == j ? w + shift - u[i] : (double)w - u[i]).Sum(d => d * d);
            double derivative = (Coupling(h) - Coupling(-h)) / (2 * h);
            Assert.Equal(before[j] + derivative, gradient[j], 5);
        }
    }

    [Fact]
    public void TheTermsOfTheLagrangian_AreTheirDefinitions()
    {
        var splitting = new RvscgdSplitting(new RvscgdSettings(0.01, 0.5, SparsityPenaltyKind.L0));
        float[] u = [1f, 0f, 0.25f, -0.5f, 0f, 0f, 0f, 0f];
        double squaredGap = W.Select((w, i) => (double)w - u[i]).Sum(d => d * d);
        Assert.Equal(0.5 / 2 * squaredGap, splitting.Coupling(W, u), 12);
        Assert.Equal(0.01 * 3, splitting.Penalty(u), 12);
        Assert.Equal(0.7 + 0.03 + 0.25 * squaredGap, splitting.Lagrangian(0.7, W, u), 12);
    }

    [Fact]
    public void SpansOfAnotherLength_AreRejected()
    {
        var splitting = new RvscgdSplitting(new RvscgdSettings(0.01, 0.5, SparsityPenaltyKind.L0));
        Assert.Throws<ArgumentException>(() => splitting.UpdateAuxiliary(W, new float[3]));
        Assert.Throws<ArgumentException>(() => splitting.AddCouplingGradient(W, new float[W.Length], new float[3]));
        Assert.Throws<ArgumentException>(() => splitting.Coupling(W, new float[3]));
    }
}
