using MlNetSparse.Core.Objectives;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core.Objectives;

/// <summary>
/// Each loss is written once, in two forms: its block form (the fused row passes, the network head)
/// is its per-row form summed, and the loss-only and gradient block passes agree bit for bit.
/// </summary>
public class MarginLossBlockFormTests
{
    public static TheoryData<string> Losses() => ["softmax 3", "softmax 300", "logistic", "squared"];

    [Theory]
    [MemberData(nameof(Losses))]
    public void BlockForm_EqualsThePerRowFormSummed(string name)
    {
        IMarginLoss loss = Create(name);
        foreach (bool weighted in new[] { false, true })
        {
            var (margins, labels, weights) = Block(loss, rows: 700, seed: name.Length + (weighted ? 1 : 0), weighted);
            const double scale = 0.25;
            int k = loss.OutputCount;

            double expectedTotal = 0;
            var expectedDerivatives = new float[margins.Length];
            var derivative = new float[k];
            for (int i = 0; i < labels.Length; i++)
            {
                double weight = weights.Length == 0 ? 1 : weights[i];
                expectedTotal += weight * loss.ValueAndDerivative(margins.AsSpan(i * k, k), labels[i], derivative);
                for (int c = 0; c < k; c++)
                    expectedDerivatives[i * k + c] = (float)(weight * scale * derivative[c]);
            }

            double lossOnly = loss.WeightedLoss(margins, labels, weights);
            float[] block = (float[])margins.Clone();
            double withDerivatives = loss.WeightedLossAndScaledDerivatives(block, labels, weights, scale);

            Assert.Equal(lossOnly, withDerivatives); // bit for bit: a loss-only pass and a gradient pass agree
            Assert.True(Math.Abs(lossOnly - expectedTotal) <= 1e-11 * Math.Max(1, Math.Abs(expectedTotal)),
                $"{name}: block sum {lossOnly:R}, per-row sum {expectedTotal:R}");
            for (int p = 0; p < block.Length; p++)
                Assert.True(Math.Abs(block[p] - expectedDerivatives[p]) <= 1e-6 * Math.Max(scale, Math.Abs(expectedDerivatives[p])),
                    $"{name}: entry {p} of the block is {block[p]}, per row {expectedDerivatives[p]}");
        }
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void ALossWithOnlyAPerRowForm_GetsTheBlockFormRowByRow_Exactly(string name)
    {
        IMarginLoss builtIn = Create(name);
        IMarginLoss perRowOnly = new PerRowOnly(builtIn);
        var (margins, labels, weights) = Block(builtIn, rows: 50, seed: 3, weighted: true);
        int k = builtIn.OutputCount;

        double expected = 0;
        for (int i = 0; i < labels.Length; i++)
            expected += weights[i] * builtIn.Value(margins.AsSpan(i * k, k), labels[i]);
        Assert.Equal(expected, perRowOnly.WeightedLoss(margins, labels, weights));

        float[] block = (float[])margins.Clone();
        Assert.Equal(expected, perRowOnly.WeightedLossAndScaledDerivatives(block, labels, weights, 2.0));
        var derivative = new float[k];
        for (int i = 0; i < labels.Length; i++)
        {
            builtIn.ValueAndDerivative(margins.AsSpan(i * k, k), labels[i], derivative);
            for (int c = 0; c < k; c++)
                Assert.Equal((float)(derivative[c] * (double)weights[i] * 2.0), block[i * k + c]);
        }
    }

    private static IMarginLoss Create(string name) => name switch
    {
        "softmax 3" => new SoftmaxCrossEntropyLoss(3),
        "softmax 300" => new SoftmaxCrossEntropyLoss(300), // wider than a stack buffer: the pooled path
        "logistic" => new LogisticLoss(),
        _ => new SquaredLoss(),
    };

    // Margins spread from mild to ±60 (confident rows, where cancellation would show), labels fitting the loss.
    private static (float[] Margins, float[] Labels, float[] Weights) Block(IMarginLoss loss, int rows, int seed, bool weighted)
    {
        var random = new Random(seed);
        int k = loss.OutputCount;
        var margins = new float[rows * k];
        for (int i = 0; i < rows; i++)
        {
            float[] row = SyntheticData.Uniform(random, k, i % 3 == 0 ? 60 : 3);
            row.CopyTo(margins, i * k);
        }
        float[] labels = loss switch
        {
            SquaredLoss => SyntheticData.Gaussian(random, rows, 2.0),
            LogisticLoss => SyntheticData.BinaryLabels(random, rows),
            _ => SyntheticData.ClassLabels(random, rows, k),
        };
        float[] weights = weighted ? SyntheticData.ExampleWeights(random, rows) : [];
        return (margins, labels, weights);
    }

    /// <summary>A loss written outside the library: only the per-row form, borrowed from a built-in loss.</summary>
    private sealed class PerRowOnly(IMarginLoss inner) : IMarginLoss
    {
        public int OutputCount => inner.OutputCount;
        public string LabelDescription => inner.LabelDescription;
        public double CurvatureBound => inner.CurvatureBound;
        public bool IsValidLabel(float label) => inner.IsValidLabel(label);
        public double Value(ReadOnlySpan<float> margins, float label) => inner.Value(margins, label);
        public double ValueAndDerivative(ReadOnlySpan<float> margins, float label, Span<float> derivative)
            => inner.ValueAndDerivative(margins, label, derivative);
    }
}
