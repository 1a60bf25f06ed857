using MlNetSparse.Core.Objectives;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>The per-example losses ℓ(z; y) against their closed forms.</summary>
public class MarginLossTests
{
    [Fact]
    public void SoftmaxDerivative_IsSoftmaxMinusOneHot_AndSumsToZero()
    {
        var random = new Random(41);
        foreach (int k in new[] { 2, 3, 10 })
        {
            var loss = new SoftmaxCrossEntropyLoss(k);
            var derivative = new float[k];
            for (int trial = 0; trial < 200; trial++)
            {
                // Margins up to ±60 include rows where one class takes nearly all the mass.
                float[] z = SyntheticData.Uniform(random, k, trial % 2 == 0 ? 3 : 60);
                int y = random.Next(k);
                double value = loss.ValueAndDerivative(z, y, derivative);

                double max = z.Max(), sum = z.Sum(v => Math.Exp(v - max));
                double logSum = max + Math.Log(sum);
                Assert.True(Math.Abs(value - (logSum - z[y])) <= 1e-12 * Math.Max(1, Math.Abs(value)));
                double total = 0;
                for (int c = 0; c < k; c++)
                {
                    double expected = Math.Exp(z[c] - logSum) - (c == y ? 1 : 0);
                    Assert.True(Math.Abs(derivative[c] - expected) <= 1e-6, $"∂ℓ/∂z[{c}] = {derivative[c]}, expected {expected}");
                    total += derivative[c];
                }
                Assert.True(Math.Abs(total) <= 1e-6, $"Σ_c ∂ℓ/∂z_c = {total}");
            }
        }
    }

    [Fact]
    public void Softmax_StaysFiniteAtHugeMargins()
    {
        var loss = new SoftmaxCrossEntropyLoss(3);
        var derivative = new float[3];
        double value = loss.ValueAndDerivative([1000, -1000, 0], 1, derivative);
        // log Σ exp z − z₁ = 1000 + log(1 + e⁻¹⁰⁰⁰ + e⁻²⁰⁰⁰) + 1000 = 2000.
        Assert.Equal(2000, value, 9);
        Assert.Equal(new float[] { 1, -1, 0 }, derivative);
        Assert.Equal(value, loss.Value([1000, -1000, 0], 1));
    }

    [Theory]
    [InlineData(100f, 0f)]
    [InlineData(100f, 1f)]
    [InlineData(-100f, 0f)]
    [InlineData(-100f, 1f)]
    [InlineData(1000f, 0f)]
    [InlineData(-1000f, 1f)]
    public void Logistic_StaysFiniteAndExactAtLargeMargins(float z, float y)
    {
        var loss = new LogisticLoss();
        var derivative = new float[1];
        double value = loss.ValueAndDerivative([z], y, derivative);
        Assert.True(double.IsFinite(value) && float.IsFinite(derivative[0]));

        // ℓ = log(1 + eᶻ) − y·z; for |z| ≥ 100 this is max(z, 0) − y·z + e^{−|z|} to double precision.
        double expected = Math.Max(z, 0) - y * (double)z + Math.Exp(-Math.Abs((double)z));
        // Absolute accuracy: for y = 1, z = 100 the true 3.7e-44 is the difference of two numbers near 100.
        Assert.True(Math.Abs(value - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"ℓ({z}; {y}) = {value}, expected {expected}");
        Assert.True(value >= 0);
        // ∂ℓ/∂z = σ(z) − y is 1 − y or −y up to e^{−|z|}.
        double expectedDerivative = (z > 0 ? 1 : 0) - y;
        Assert.True(Math.Abs(derivative[0] - expectedDerivative) <= 1e-30);
        Assert.Equal(value, loss.Value([z], y));
    }

    [Fact]
    public void Logistic_MatchesItsClosedFormAtModerateMargins()
    {
        var loss = new LogisticLoss();
        var derivative = new float[1];
        foreach (float z in new[] { -5f, -0.5f, 0f, 0.25f, 3f })
            foreach (float y in new[] { 0f, 1f })
            {
                double value = loss.ValueAndDerivative([z], y, derivative);
                Assert.True(Math.Abs(Math.Log(1 + Math.Exp(z)) - y * z - value) <= 1e-12);
                Assert.True(Math.Abs(1 / (1 + Math.Exp(-z)) - y - derivative[0]) <= 1e-7);
            }
    }

    [Fact]
    public void Squared_IsHalfTheSquaredResidual()
    {
        var loss = new SquaredLoss();
        var derivative = new float[1];
        double value = loss.ValueAndDerivative([3.5f], -1.5f, derivative);
        Assert.Equal(12.5, value);
        Assert.Equal(5f, derivative[0]);
        Assert.Equal(12.5, loss.Value([3.5f], -1.5f));
    }
}
