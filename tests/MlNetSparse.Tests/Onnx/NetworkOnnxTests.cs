using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Networks.Layers;
using static MlNetSparse.Tests.Core.Onnx.OnnxTestRun;

namespace MlNetSparse.Tests.Core.Networks;

/// <summary>A network exported to ONNX computes, in ONNX Runtime, what it computes in process.</summary>
public class NetworkOnnxTests
{
    private static readonly TensorShape Image = new(2, 9, 8);

    // Every layer kind; pre-activations kept away from σ's jump so float rounding cannot flip a unit.
    private static Network TrainedLookingNetwork(int seed)
    {
        LayerSpec[] architecture =
        [
            LayerSpec.Convolution(4, 3, stride: 1, padding: 1), LayerSpec.BatchNorm(), LayerSpec.Binarized(), LayerSpec.MaxPool(2),
            LayerSpec.Convolution(5, 2, stride: 2), LayerSpec.Relu(), LayerSpec.AveragePool(2, 1),
            LayerSpec.Flatten(), LayerSpec.Dense(7), LayerSpec.BatchNorm(), LayerSpec.Binarized(), LayerSpec.Dense(3),
        ];
        var network = new Network(Image, architecture, seed);
        var random = new Random(seed);
        foreach (BatchNormLayer norm in network.Layers.OfType<BatchNormLayer>())
            for (int c = 0; c < norm.RunningMean.Length; c++)
            {
                norm.RunningMean[c] = (float)(random.NextDouble() - 0.5);
                norm.RunningVariance[c] = 0.5f + (float)random.NextDouble();
                norm.Scale[c] = 0.5f + (float)random.NextDouble();
                norm.Shift[c] = (float)(random.NextDouble() - 0.5) * 0.1f;
            }
        return network;
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 6)]
    [InlineData(true, 1)]
    public void OnnxForward_EqualsInProcessForward(bool perRow, int batch)
    {
        Network network = TrainedLookingNetwork(3);
        float[] x = RandomFloats(new Random(4), batch * Image.Size);
        var expected = new float[batch * network.OutputSize];
        network.Predict(x, batch, expected);

        byte[] model = NetworkOnnx.Export(network, inputName: "x", outputName: "y", perRow: perRow);
        var (actual, shape) = Run(model, x, perRow ? [Image.Size] : [batch, Image.Size]);

        Assert.Equal(perRow ? [3L] : [batch, 3L], shape);
        AssertClose(ToDouble(expected), actual, 1e-4);
    }

    [Fact]
    public void FirstLayersOnly_GiveTheHiddenFeatures_AndSoftmaxGivesProbabilities()
    {
        Network network = TrainedLookingNetwork(5);
        const int batch = 4;
        float[] x = RandomFloats(new Random(6), batch * Image.Size);
        var pass = new NetworkPass(network, batch);
        pass.Forward(x, batch, training: false);

        var (hidden, shape) = Run(NetworkOnnx.Export(network, inputName: "x", outputName: "y", layerCount: network.Layers.Count - 1), x, [batch, Image.Size]);
        Assert.Equal([batch, 7L], shape);
        Assert.All(hidden, h => Assert.True(h is 0f or 1f, "the last hidden layer is binarized"));

        var logits = new float[batch * 3];
        network.Predict(x, batch, logits);
        var (probabilities, _) = Run(NetworkOnnx.Export(network, inputName: "x", outputName: "y", softmax: true), x, [batch, Image.Size]);
        for (int n = 0; n < batch; n++)
        {
            double sum = Enumerable.Range(0, 3).Sum(c => Math.Exp(logits[n * 3 + c]));
            for (int c = 0; c < 3; c++)
                Assert.Equal(Math.Exp(logits[n * 3 + c]) / sum, probabilities[n * 3 + c], 1e-5);
        }
    }
}
