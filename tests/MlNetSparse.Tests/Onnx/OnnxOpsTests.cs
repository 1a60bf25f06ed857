using MlNetSparse.Core.Networks.Layers;
using MlNetSparse.Core.Onnx;
using MlNetSparse.Tests.Core.Networks;
using static MlNetSparse.Tests.Core.Onnx.OnnxTestRun;

namespace MlNetSparse.Tests.Core.Onnx;

/// <summary>Each emitter's graph run in ONNX Runtime against the operator's definition, computed with naive loops.</summary>
public class OnnxOpsTests
{
    private const int Batch = 2;

    private static OnnxGraphBuilder Graph(params OnnxDim[] inputDims)
    {
        var graph = new OnnxGraphBuilder("test");
        graph.AddInput("x", OnnxElementType.Float, inputDims);
        return graph;
    }

    [Fact]
    public void Conv_Stride2Padding1_MatchesDirectConvolution()
    {
        var random = new Random(11);
        var g = new Conv2DGeometry(inChannels: 2, inputHeight: 7, inputWidth: 6, outChannels: 3,
            kernelHeight: 3, kernelWidth: 3, stride: 2, padding: 1);
        float[] w = RandomFloats(random, g.WeightCount), b = RandomFloats(random, g.OutChannels);
        float[] x = RandomFloats(random, Batch * g.InputSize);
        OnnxGraphBuilder graph = Graph("batch", 2, 7, 6);
        graph.Conv("x", g, w, b, name: "y");
        graph.AddOutput("y", OnnxElementType.Float, "batch", 3, g.OutputHeight, g.OutputWidth);

        var (y, shape) = Run(graph.ToBytes(), x, [Batch, 2, 7, 6]);

        Assert.Equal([Batch, 3, 4, 3], shape);
        AssertClose(NaiveConvolution.Forward(g, Batch, ToDouble(x), ToDouble(w), ToDouble(b)), y);
    }

    [Fact]
    public void Conv_WithoutBias_IsTheBiasFreeConvolution()
    {
        var random = new Random(12);
        var g = new Conv2DGeometry(1, 5, 5, 2, 2, 3, stride: 1, padding: 0);
        float[] w = RandomFloats(random, g.WeightCount), x = RandomFloats(random, Batch * g.InputSize);
        OnnxGraphBuilder graph = Graph(Batch, 1, 5, 5);
        graph.Conv("x", g, w, [], name: "y");
        graph.AddOutput("y", OnnxElementType.Float, Batch, 2, g.OutputHeight, g.OutputWidth);

        var (y, _) = Run(graph.ToBytes(), x, [Batch, 1, 5, 5]);

        AssertClose(NaiveConvolution.Forward(g, Batch, ToDouble(x), ToDouble(w), new double[2]), y);
        Assert.False(graph.IsDefined("y.bias"));
    }

    [Theory]
    [InlineData(2, 2, 0)]
    [InlineData(3, 2, 1)]
    public void MaxPool_IsTheWindowMaximum(int kernel, int stride, int padding)
    {
        // All inputs negative: a padded cell counted as 0 would win at the border and fail the test.
        float[] x = RandomFloats(new Random(13), Batch * 3 * 5 * 5).Select(v => v - 1.5f).ToArray();
        OnnxGraphBuilder graph = Graph("batch", 3, 5, 5);
        graph.MaxPool("x", kernel, stride, padding, name: "y");
        int outSize = (5 + 2 * padding - kernel) / stride + 1;
        graph.AddOutput("y", OnnxElementType.Float, "batch", 3, outSize, outSize);

        var (y, shape) = Run(graph.ToBytes(), x, [Batch, 3, 5, 5]);

        Assert.Equal([Batch, 3, outSize, outSize], shape);
        double[] expected = OnnxReference.Pool(ToDouble(x), Batch, 3, 5, 5, kernel, stride, padding, max: true);
        Assert.Equal(expected.Select(v => (float)v), y);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AveragePool_CountIncludePad_DecidesTheBorderDivisor(bool countIncludePad)
    {
        float[] x = RandomFloats(new Random(14), Batch * 2 * 5 * 5).Select(v => v + 2f).ToArray();
        OnnxGraphBuilder graph = Graph("batch", 2, 5, 5);
        graph.AveragePool("x", kernelSize: 3, stride: 2, padding: 1, countIncludePad, name: "y");
        graph.AddOutput("y", OnnxElementType.Float, "batch", 2, 3, 3);

        var (y, _) = Run(graph.ToBytes(), x, [Batch, 2, 5, 5]);

        double[] expected = OnnxReference.Pool(ToDouble(x), Batch, 2, 5, 5, 3, 2, 1, max: false, countIncludePad);
        double[] other = OnnxReference.Pool(ToDouble(x), Batch, 2, 5, 5, 3, 2, 1, max: false, !countIncludePad);
        AssertClose(expected, y);
        // The corner window has 4 of 9 cells inside: the two conventions differ by far more than rounding.
        Assert.True(Math.Abs(expected[0] - other[0]) > 0.5);
    }

    [Fact]
    public void Gemm_IsTheDenseLayerWithWeightsStoredOutByIn()
    {
        var random = new Random(15);
        float[] w = RandomFloats(random, 4 * 5), b = RandomFloats(random, 4), x = RandomFloats(random, 3 * 5);
        OnnxGraphBuilder graph = Graph("batch", 5);
        graph.Gemm("x", outFeatures: 4, inFeatures: 5, w, b, name: "y");
        graph.AddOutput("y", OnnxElementType.Float, "batch", 4);

        var (y, shape) = Run(graph.ToBytes(), x, [3, 5]);

        Assert.Equal([3, 4], shape);
        AssertClose(OnnxReference.Dense(ToDouble(x), 3, 4, 5, ToDouble(w), ToDouble(b)), y);
    }

    [Fact]
    public void Gemm_WithoutBias_IsTheProductAlone()
    {
        var random = new Random(16);
        float[] w = RandomFloats(random, 2 * 3), x = RandomFloats(random, 4 * 3);
        OnnxGraphBuilder graph = Graph("batch", 3);
        graph.Gemm("x", 2, 3, w, [], name: "y");
        graph.AddOutput("y", OnnxElementType.Float, "batch", 2);

        var (y, _) = Run(graph.ToBytes(), x, [4, 3]);

        AssertClose(OnnxReference.Dense(ToDouble(x), 4, 2, 3, ToDouble(w), []), y);
    }

    [Fact]
    public void BatchNormalization_NormalizesEachChannelWithTheRunningStatistics()
    {
        var random = new Random(17);
        float[] scale = RandomFloats(random, 3), bias = RandomFloats(random, 3), mean = RandomFloats(random, 3);
        float[] variance = RandomFloats(random, 3).Select(v => v + 1.5f).ToArray();
        float[] x = RandomFloats(random, Batch * 3 * 2 * 2);
        const float Epsilon = 1e-3f;
        OnnxGraphBuilder graph = Graph("batch", 3, 2, 2);
        graph.BatchNormalization("x", scale, bias, mean, variance, Epsilon, name: "y");
        graph.AddOutput("y", OnnxElementType.Float, "batch", 3, 2, 2);

        var (y, _) = Run(graph.ToBytes(), x, [Batch, 3, 2, 2]);

        AssertClose(OnnxReference.BatchNorm(ToDouble(x), Batch, 3, 4,
            ToDouble(scale), ToDouble(bias), ToDouble(mean), ToDouble(variance), Epsilon), y);
    }

    [Fact]
    public void Step_IsTheBinarizedActivationOfTheProduct_NaNIncluded()
    {
        float[] x = [-2f, -0f, 0f, float.Epsilon, 1e-30f, 0.5f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, -1e-30f];
        OnnxGraphBuilder graph = Graph("n");
        graph.Step("x", name: "y");
        graph.AddOutput("y", OnnxElementType.Float, "n");

        var (y, _) = Run(graph.ToBytes(), x, [x.Length]);

        var expected = new float[x.Length];
        BinarizedActivation.Apply(x, expected);
        Assert.Equal(expected, y);
        Assert.Equal([0f, 0f, 0f, 1f, 1f, 1f, 1f, 0f, 0f, 0f], y);
    }

    [Fact]
    public void Relu_IsTheMaximumWithZero()
    {
        float[] x = RandomFloats(new Random(18), 12);
        OnnxGraphBuilder graph = Graph(3, 4);
        graph.Relu("x", name: "y");
        graph.AddOutput("y", OnnxElementType.Float, 3, 4);

        var (y, _) = Run(graph.ToBytes(), x, [3, 4]);

        Assert.Equal(OnnxReference.Relu(ToDouble(x)).Select(v => (float)v), y);
    }

    [Fact]
    public void Softmax_NormalizesEachRow()
    {
        float[] x = RandomFloats(new Random(19), 3 * 5).Select(v => 4 * v).ToArray();
        OnnxGraphBuilder graph = Graph("batch", 5);
        graph.Softmax("x", name: "y");
        graph.AddOutput("y", OnnxElementType.Float, "batch", 5);

        var (y, _) = Run(graph.ToBytes(), x, [3, 5]);

        AssertClose(OnnxReference.Softmax(ToDouble(x), 3, 5), y);
    }

    [Fact]
    public void ReshapeAndFlatten_KeepTheRowMajorOrderAndGiveTheShape()
    {
        float[] x = RandomFloats(new Random(20), Batch * 3 * 2 * 2);
        OnnxGraphBuilder graph = Graph("batch", 3, 2, 2);
        string reshaped = graph.Reshape("x", [0, 6, -1]);
        string flat = graph.Flatten(reshaped, axis: 1, name: "y");
        graph.AddOutput("y", OnnxElementType.Float, "batch", 12);

        var (y, shape) = Run(graph.ToBytes(), x, [Batch, 3, 2, 2]);

        Assert.Equal([Batch, 12], shape);
        Assert.Equal(x, y);
        Assert.Equal("Reshape", reshaped);
        Assert.True(graph.IsDefined("Reshape.shape"));
    }

    [Fact]
    public void Reshape_ToAnExplicitShape_GivesThatShape()
    {
        float[] x = RandomFloats(new Random(21), 24);
        OnnxGraphBuilder graph = Graph(24);
        graph.Reshape("x", [2, 3, 4], name: "y");
        graph.AddOutput("y", OnnxElementType.Float, 2, 3, 4);

        var (y, shape) = Run(graph.ToBytes(), x, [24]);

        Assert.Equal([2, 3, 4], shape);
        Assert.Equal(x, y);
    }

    [Fact]
    public void Chain_OfEveryOp_MatchesTheComposedReferences()
    {
        var random = new Random(22);
        OnnxChain chain = OnnxChain.Random(random);
        float[] x = RandomFloats(random, Batch * OnnxChain.InputSize);

        var (y, shape) = Run(chain.Build(OnnxGraphBuilder.DefaultOpsetVersion).ToBytes(), x, [Batch, 1, 8, 8]);

        Assert.Equal([Batch, OnnxChain.Classes], shape);
        AssertClose(chain.Reference(x, Batch), y);
    }
}
