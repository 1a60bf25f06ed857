using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Networks.Layers;
using MlNetSparse.Core.Objectives;
using static MlNetSparse.Tests.Core.Networks.LayerHarness;

namespace MlNetSparse.Tests.Core.Networks;

/// <summary>
/// Every layer's backward pass against central finite differences of its own forward pass, for
/// L = Σ rᵢyᵢ + ½Σ yᵢ² (r fixed and random, so every output matters and L is not linear).
/// </summary>
public class LayerGradientTests
{
    private static readonly TensorShape Image = new(2, 6, 5);

    public static TheoryData<string> Layers => new() { "dense", "maxpool", "avgpool", "avgpool-stride1", "flatten", "relu", "norm-train", "norm-infer", "norm-vector-train", "norm-vector-infer" };

    // One pixel per channel (after a dense layer): 11 channels, a whole vector of 8 and a tail of 3.
    private static readonly TensorShape Units = new(11, 1, 1);

    private static Layer Build(string kind, Random random)
    {
        Layer layer = kind switch
        {
            "dense" => new DenseLayer(Image, 4),
            "maxpool" => new MaxPoolLayer(new PoolGeometry(Image, 2, 2)),
            "avgpool" => new AveragePoolLayer(new PoolGeometry(Image, 2, 2)),
            "avgpool-stride1" => new AveragePoolLayer(new PoolGeometry(Image, 3, 1)),
            "flatten" => new FlattenLayer(Image),
            "relu" => new ReluLayer(Image),
            "norm-vector-train" or "norm-vector-infer" => new BatchNormLayer(Units),
            _ => new BatchNormLayer(Image),
        };
        Randomize(layer, random);
        if (layer is BatchNormLayer norm)
        {
            RandomFloats(random, norm.RunningMean.Length).CopyTo(norm.RunningMean, 0);
            for (int c = 0; c < norm.RunningVariance.Length; c++)
                norm.RunningVariance[c] = 0.5f + (float)random.NextDouble();
        }
        return layer;
    }

    // Inputs on a grid with spacing 0.05, shuffled: no two entries within 2h of each other, so the
    // max-pooling and ReLU kinks are never crossed by the finite differences.
    private static float[] SpreadInputs(Random random, int count)
    {
        float[] values = Enumerable.Range(0, count).Select(i => 0.05f * (i - count / 2) + 0.013f).ToArray();
        random.Shuffle(values);
        return values;
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void Backward_MatchesFiniteDifferences(string kind)
    {
        // A seed fixed per layer kind (string.GetHashCode is randomised per process).
        var random = new Random(kind.Sum(c => c) * 7919);
        const int batch = 3;
        bool training = !kind.EndsWith("-infer", StringComparison.Ordinal);
        Layer layer = Build(kind, random);
        float[] x = SpreadInputs(random, batch * layer.InputShape.Size);
        float[] r = RandomFloats(random, batch * layer.OutputShape.Size);
        double Loss()
        {
            float[] y = Forward(layer, x, batch, training);
            double sum = 0;
            for (int i = 0; i < y.Length; i++)
                sum += r[i] * y[i] + 0.5 * y[i] * (double)y[i];
            return sum;
        }
        float[] output = Forward(layer, x, batch, training);
        float[] dy = output.Select((y, i) => r[i] + y).ToArray();

        var (dx, grads) = Backward(layer, x, dy, batch, training);

        AssertMatches(dx, x, Loss, "input");
        for (int p = 0; p < layer.Parameters.Count; p++)
            AssertMatches(grads[p], layer.Parameters[p].Values, Loss, layer.Parameters[p].Name);
    }

    [Fact]
    public void Network_BackPropagation_MatchesFiniteDifferencesThroughEveryLayer()
    {
        // Identity activations (none between the layers): the whole chain is differentiable.
        var architecture = new[]
        {
            LayerSpec.Convolution(3, 3, stride: 1, padding: 1), LayerSpec.BatchNorm(), LayerSpec.AveragePool(2),
            LayerSpec.Convolution(4, 2), LayerSpec.Flatten(), LayerSpec.Dense(5), LayerSpec.BatchNorm(), LayerSpec.Dense(3),
        };
        var network = new Network(new TensorShape(2, 6, 6), architecture, seed: 4);
        var random = new Random(5);
        const int batch = 4;
        float[] x = RandomFloats(random, batch * network.InputShape.Size);
        float[] labels = [0, 2, 1, 2];
        var loss = new SoftmaxCrossEntropyLoss(3);
        var pass = new NetworkPass(network, batch);
        double Loss()
        {
            Span<float> z = pass.Forward(x, batch, training: true);
            return loss.WeightedLoss(z, labels, default);
        }

        Span<float> logits = pass.Forward(x, batch, training: true);
        var dz = new float[batch * 3];
        NetworkHead.LossAndOutputGradient(loss, logits, labels, 1, dz);
        pass.ClearGradients();
        pass.Backward(x, dz, batch);

        for (int p = 0; p < network.Parameters.Count; p++)
            AssertMatches(pass.ParameterGradients[p], network.Parameters[p].Values, Loss, network.Parameters[p].Name);
    }

    private static void AssertMatches(float[] analytic, float[] values, Func<double> loss, string what)
    {
        // Outputs are float: h = 1e-2 keeps their rounding (~1e-7·|y| per output) below 1e-3 of the
        // slopes; the curvature error O(h²) is of the same size for batch norm and absent elsewhere.
        const float h = 1e-2f;
        for (int i = 0; i < values.Length; i++)
        {
            float saved = values[i];
            values[i] = saved + h;
            double up = loss();
            values[i] = saved - h;
            double down = loss();
            values[i] = saved;
            double numeric = (up - down) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[i]) <= 1e-2 * (1 + Math.Abs(numeric)),
                $"{what}[{i}]: finite difference {numeric}, backward {analytic[i]}");
        }
    }
}
