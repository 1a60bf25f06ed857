using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Networks.Layers;
using MlNetSparse.Onnx;

namespace MlNetSparse.Tests.Onnx;

/// <summary>A graph NetworkOnnx.Export wrote reads back as the same layers with the same numbers.</summary>
public class NetworkOnnxReaderTests
{
    private static readonly TensorShape Image = new(2, 9, 8);

    // Every layer kind the export writes, with the specs' defaults where the graph cannot carry a training setting.
    private static readonly LayerSpec[] Architecture =
    [
        LayerSpec.Convolution(4, 3, stride: 1, padding: 1), LayerSpec.BatchNorm(epsilon: 1e-3f), LayerSpec.Binarized(), LayerSpec.MaxPool(2),
        LayerSpec.Convolution(5, 2, stride: 2), LayerSpec.Relu(), LayerSpec.AveragePool(2, 1),
        LayerSpec.Flatten(), LayerSpec.Dense(7), LayerSpec.BatchNorm(), LayerSpec.Binarized(), LayerSpec.Dense(3),
    ];

    private static Network Trained()
    {
        var network = new Network(Image, Architecture, seed: 7);
        var random = new Random(8);
        foreach (BatchNormLayer norm in network.Layers.OfType<BatchNormLayer>())
            for (int c = 0; c < norm.RunningMean.Length; c++)
            {
                norm.RunningMean[c] = (float)(random.NextDouble() - 0.5);
                norm.RunningVariance[c] = 0.5f + (float)random.NextDouble();
                norm.Scale[c] = 0.5f + (float)random.NextDouble();
            }
        ((DenseLayer)network.Layers[8]).Weights[5] = 0f;
        return network;
    }

    private static void AssertSameLayers(Network expected, Network actual, int layers)
    {
        for (int l = 0; l < layers; l++)
        {
            Assert.Equal(expected.Layers[l].OutputShape, actual.Layers[l].OutputShape);
            for (int t = 0; t < expected.Layers[l].Parameters.Count; t++)
                Assert.Equal(expected.Layers[l].Parameters[t].Values, actual.Layers[l].Parameters[t].Values);
            if (expected.Layers[l] is BatchNormLayer norm)
            {
                var read = (BatchNormLayer)actual.Layers[l];
                Assert.Equal(norm.RunningMean, read.RunningMean);
                Assert.Equal(norm.RunningVariance, read.RunningVariance);
                Assert.Equal(norm.Epsilon, read.Epsilon);
            }
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void TheWholeNetwork_ReadsBack_WithItsSpecsParametersAndStatistics(bool perRow, bool softmax)
    {
        Network network = Trained();
        Network read = NetworkOnnxReader.Read(NetworkOnnx.Export(network, perRow: perRow, softmax: softmax));

        Assert.Equal(Image, read.InputShape);
        Assert.Equal(Architecture, read.Architecture);
        AssertSameLayers(network, read, Architecture.Length);
        Assert.Equal(NetworkSummary.Of(network).Totals, NetworkSummary.Of(read).Totals);
        float[] x = [.. Enumerable.Range(0, 2 * Image.Size).Select(i => MathF.Sin(i))];
        float[] expected = new float[2 * 3], actual = new float[2 * 3];
        network.Predict(x, 2, expected);
        read.Predict(x, 2, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void TheFeatureLayersOfASavedCnn_ReadBack_WithTheFollowingLayerAppended()
    {
        Network network = Trained();
        byte[] features = NetworkOnnx.Export(network, "Features", "Hidden", network.Layers.Count - 1, perRow: true);
        Network read = NetworkOnnxReader.Read(features, [LayerSpec.Dense(3)]);
        Assert.Equal(Architecture, read.Architecture);
        AssertSameLayers(network, read, Architecture.Length - 1);
    }

    [Fact]
    public void AGraphEndingOnAnImage_HasNoFlattenLayer()
    {
        Network read = NetworkOnnxReader.Read(NetworkOnnx.Export(Trained(), layerCount: 4));
        Assert.Equal(Architecture[..4], read.Architecture);
    }

    [Fact]
    public void AGraphTheExportDidNotWrite_IsInvalidData_NamingTheOperator()
    {
        var graph = new OnnxGraphBuilder("other");
        graph.AddInput("x", OnnxElementType.Float, "batch", 6);
        graph.AddNode("Sigmoid", ["x"], ["y"], "squash");
        graph.AddOutput("y", OnnxElementType.Float, "batch", 6);
        var error = Assert.Throws<InvalidDataException>(() => NetworkOnnxReader.Read(graph.ToBytes()));
        Assert.Contains("ONNX operator Sigmoid (node 'squash')", error.Message);
    }

    [Fact]
    public void BytesThatAreNoOnnxModel_AreInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => NetworkOnnxReader.Read([0xff, 0xff, 0xff, 0x01, 0x02]));
    }
}
