using Microsoft.ML.OnnxRuntime;
using MlNetSparse.Core.Onnx;
using static MlNetSparse.Tests.Core.Onnx.OnnxTestRun;

namespace MlNetSparse.Tests.Core.Onnx;

/// <summary>The model the builder writes, as ONNX Runtime reads it, and the builder's argument checks.</summary>
public class OnnxGraphBuilderTests
{
    public static TheoryData<int> SupportedOpsets()
    {
        var data = new TheoryData<int>();
        for (int opset = OnnxGraphBuilder.MinOpsetVersion; opset <= OnnxGraphBuilder.MaxOpsetVersion; opset++)
            data.Add(opset);
        return data;
    }

    private static OnnxGraphBuilder DenseGraph(float[] w, float[] b)
    {
        var graph = new OnnxGraphBuilder("dense", producerName: "tests", producerVersion: "9.8.7");
        graph.AddInput("x", OnnxElementType.Float, "batch", 6);
        string h = graph.Gemm("x", 3, 6, w, b);
        graph.Relu(h, name: "y");
        graph.AddOutput("y", OnnxElementType.Float, "batch", 3);
        return graph;
    }

    [Fact]
    public void Model_CarriesNamesShapesAndSymbolicDims()
    {
        var random = new Random(31);
        byte[] bytes = DenseGraph(RandomFloats(random, 18), RandomFloats(random, 3)).ToBytes();

        using var session = new InferenceSession(bytes);

        Assert.Equal("tests", session.ModelMetadata.ProducerName);
        Assert.Equal("dense", session.ModelMetadata.GraphName);
        NodeMetadata input = session.InputMetadata["x"], output = session.OutputMetadata["y"];
        Assert.Equal([-1, 6], input.Dimensions);
        Assert.Equal(["batch", ""], input.SymbolicDimensions);
        Assert.Equal(typeof(float), input.ElementType);
        Assert.Equal([-1, 3], output.Dimensions);
        Assert.Equal(["batch", ""], output.SymbolicDimensions);
        // Initializers are constants, not inputs a caller could override.
        Assert.Empty(session.OverridableInitializerMetadata);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void SymbolicBatch_RunsAtAnyBatchSize(int batch)
    {
        var random = new Random(32);
        float[] w = RandomFloats(random, 18), b = RandomFloats(random, 3), x = RandomFloats(random, batch * 6);

        var (y, shape) = Run(DenseGraph(w, b).ToBytes(), x, [batch, 6]);

        Assert.Equal([batch, 3], shape);
        AssertClose(OnnxReference.Relu(OnnxReference.Dense(ToDouble(x), batch, 3, 6, ToDouble(w), ToDouble(b))), y);
    }

    [Theory]
    [MemberData(nameof(SupportedOpsets))]
    public void EverySupportedOpset_LoadsAndComputesTheSameChain(int opset)
    {
        var random = new Random(22);
        OnnxChain chain = OnnxChain.Random(random);
        float[] x = RandomFloats(random, 2 * OnnxChain.InputSize);
        OnnxGraphBuilder graph = chain.Build(opset);

        var (y, _) = Run(graph.ToBytes(), x, [2, 1, 8, 8]);

        AssertClose(chain.Reference(x, 2), y);
        Assert.Equal(opset <= 14 ? 7 : opset <= 18 ? 8 : opset <= 20 ? 9 : opset <= 22 ? 10 : 11, graph.IrVersion);
    }

    [Fact]
    public void ToBytes_IsTheSameForTheSameGraph_AndSaveWritesThoseBytes()
    {
        var random = new Random(33);
        float[] w = RandomFloats(random, 18), b = RandomFloats(random, 3);
        OnnxGraphBuilder graph = DenseGraph(w, b);
        string path = Path.Combine(Path.GetTempPath(), $"mlnetsparse-{Guid.NewGuid():N}.onnx");
        try
        {
            graph.Save(path);
            using var stream = new MemoryStream();
            graph.Save(stream);

            Assert.Equal(DenseGraph(w, b).ToBytes(), graph.ToBytes());
            Assert.Equal(graph.ToBytes(), File.ReadAllBytes(path));
            Assert.Equal(graph.ToBytes(), stream.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Initializer_IsASnapshotOfTheValues()
    {
        float[] values = [1f, 2f];
        var graph = new OnnxGraphBuilder("g");
        graph.AddInput("x", OnnxElementType.Float, 2);
        graph.AddInitializer("c", [2], values);
        values[0] = 100f;
        graph.AddNode("Add", ["x", "c"], ["y"]);
        graph.AddOutput("y", OnnxElementType.Float, 2);

        var (y, _) = Run(graph.ToBytes(), [10f, 20f], [2]);

        Assert.Equal([11f, 22f], y);
    }

    [Fact]
    public void AddNode_WithEveryAttributeType_IsRunAsWritten()
    {
        // TENSOR (Constant value), INTS (Transpose perm), FLOAT and INT (Gemm alpha, transA),
        // FLOATS (Constant value_floats), STRING (Pad mode) and an int64 initializer (Pad pads).
        var graph = new OnnxGraphBuilder("g");
        graph.AddInput("x", OnnxElementType.Float, 2, 3);
        graph.AddNode("Constant", [], ["k"], attributes: OnnxAttribute.FloatTensor("value", [2, 2], [1f, 2f, 3f, 4f]));
        graph.AddNode("Transpose", ["x"], ["xt"], attributes: OnnxAttribute.Ints("perm", 1, 0));
        graph.AddNode("Gemm", ["xt", "k"], ["scaled"], attributes: [OnnxAttribute.Float("alpha", 0.5f), OnnxAttribute.Int("transA", 0)]);
        graph.AddNode("Constant", [], ["offset"], attributes: OnnxAttribute.Floats("value_floats", 10f, 20f));
        graph.AddNode("Add", ["scaled", "offset"], ["shifted"]);
        graph.AddInt64Initializer("pads", [4], [0, 1, 0, 0]);
        graph.AddNode("Pad", ["shifted", "pads"], ["y"], attributes: OnnxAttribute.String("mode", "reflect"));
        graph.AddOutput("y", OnnxElementType.Float, 3, 3);

        var (y, shape) = Run(graph.ToBytes(), [1f, 2f, 3f, 4f, 5f, 6f], [2, 3]);

        // 0.5·xᵀ·k = [[6.5, 9], [8.5, 12], [10.5, 15]]; + [10, 20]; reflect-pad one column on the left: [b, a, b].
        Assert.Equal([3, 3], shape);
        Assert.Equal([29f, 16.5f, 29f, 32f, 18.5f, 32f, 35f, 20.5f, 35f], y);
    }

    [Fact]
    public void UniqueName_SkipsTakenAndHandedOutNames()
    {
        var graph = new OnnxGraphBuilder("g");
        graph.AddInput("h", OnnxElementType.Float, 1);
        graph.AddNode("Relu", ["h"], ["r"], name: "h_1");

        Assert.Equal("h_2", graph.UniqueName("h"));
        Assert.Equal("h_3", graph.UniqueName("h"));
        Assert.Equal("free", graph.UniqueName("free"));
        Assert.Equal("free_1", graph.UniqueName("free"));
        Assert.Equal("Relu", graph.Relu("r"));
        Assert.Equal("Relu_1", graph.Relu("Relu"));
    }

    [Fact]
    public void AddNode_InputNobodyDefined_NamesTheNodeAndTheInput()
    {
        var graph = new OnnxGraphBuilder("g");
        graph.AddInput("x", OnnxElementType.Float, 1);

        var error = Assert.Throws<ArgumentException>(() => graph.AddNode("Add", ["x", "bias"], ["y"], "add1"));

        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("Node 'add1' (Add): input 'bias' is not a graph input, an initializer or the output of an earlier node.", error.Message);
    }

    [Fact]
    public void AddNode_OutputAlreadyDefined_SaysWhatDefinesIt()
    {
        var graph = new OnnxGraphBuilder("g");
        graph.AddInput("x", OnnxElementType.Float, 1);
        graph.AddNode("Relu", ["x"], ["y"], "first");

        var twice = Assert.Throws<ArgumentException>(() => graph.AddNode("Neg", ["x"], ["y"], "second"));
        var input = Assert.Throws<ArgumentException>(() => graph.AddNode("Neg", ["y"], ["x"], "third"));
        var repeated = Assert.Throws<ArgumentException>(() => graph.AddNode("Split", ["x"], ["a", "a"], "fourth"));

        Assert.Contains("Node 'second' (Neg): output 'y' is already defined as the output of node 'first' (Relu).", twice.Message);
        Assert.Contains("Node 'third' (Neg): output 'x' is already defined as a graph input.", input.Message);
        Assert.Contains("Node 'fourth' (Split): output 'a' is listed twice.", repeated.Message);
    }

    [Fact]
    public void AddNode_DuplicateNodeNameOrAttribute_IsRefused()
    {
        var graph = new OnnxGraphBuilder("g");
        graph.AddInput("x", OnnxElementType.Float, 1);
        graph.AddNode("Relu", ["x"], ["y"], "n");

        var node = Assert.Throws<ArgumentException>(() => graph.AddNode("Relu", ["y"], ["z"], "n"));
        var attribute = Assert.Throws<ArgumentException>(() =>
            graph.AddNode("Softmax", ["y"], ["z"], "s", OnnxAttribute.Int("axis", 0), OnnxAttribute.Int("axis", 1)));
        var noOutput = Assert.Throws<ArgumentException>(() => graph.AddNode("Relu", ["y"], [], "r"));

        Assert.Contains("Node 'n' (Relu): another node already has this name.", node.Message);
        Assert.Contains("Node 's' (Softmax): attribute 'axis' is given twice.", attribute.Message);
        Assert.Contains("Node 'r' (Relu) has no output.", noOutput.Message);
    }

    [Fact]
    public void AddInitializer_ValuesThatDoNotFillTheDims_NamesTheTensor()
    {
        var graph = new OnnxGraphBuilder("g");

        var tooFew = Assert.Throws<ArgumentException>(() => graph.AddInitializer("W", [2, 3], new float[5]));
        var negative = Assert.Throws<ArgumentException>(() => graph.AddInt64Initializer("shape", [-1], new long[1]));

        Assert.Contains("Tensor 'W' has dims [2, 3], which hold 6 values, but 5 values were given.", tooFew.Message);
        Assert.Contains("Tensor 'shape' has dims [-1]: every dim must be ≥ 0; dims[0] is -1.", negative.Message);
        Assert.False(graph.IsDefined("W"));
    }

    [Fact]
    public void DefiningANameTwice_SaysWhatDefinedItFirst()
    {
        var graph = new OnnxGraphBuilder("g");
        graph.AddInput("x", OnnxElementType.Float, 1);
        graph.AddInitializer("w", [1], [1f]);
        graph.AddOutput("y", OnnxElementType.Float, 1);

        var input = Assert.Throws<ArgumentException>(() => graph.AddInput("w", OnnxElementType.Float, 1));
        var initializer = Assert.Throws<ArgumentException>(() => graph.AddInitializer("x", [1], [1f]));
        var output = Assert.Throws<ArgumentException>(() => graph.AddOutput("y", OnnxElementType.Float, 1));

        Assert.Contains("Graph input 'w' is already defined as an initializer.", input.Message);
        Assert.Contains("Initializer 'x' is already defined as a graph input.", initializer.Message);
        Assert.Contains("Graph output 'y' is already declared.", output.Message);
    }

    [Fact]
    public void ToBytes_OutputNobodyProduces_OrNoOutput_IsRefused()
    {
        var graph = new OnnxGraphBuilder("g");
        graph.AddInput("x", OnnxElementType.Float, 1);

        var none = Assert.Throws<InvalidOperationException>(graph.ToBytes);
        graph.AddOutput("Hidden", OnnxElementType.Float, 1);
        var missing = Assert.Throws<InvalidOperationException>(graph.ToBytes);

        Assert.Contains("Graph 'g' declares no output", none.Message);
        Assert.Contains("Graph output 'Hidden' is not a graph input, an initializer or the output of any node.", missing.Message);
    }

    [Fact]
    public void BadShapesAndOptions_AreRefusedWithTheirRange()
    {
        var graph = new OnnxGraphBuilder("g");

        var opset = Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxGraphBuilder("g", opsetVersion: 12));
        var zero = Assert.Throws<ArgumentOutOfRangeException>(() => OnnxDim.Fixed(0));
        var unset = Assert.Throws<ArgumentException>(() => graph.AddInput("x", OnnxElementType.Float, 3, default));
        var type = Assert.Throws<ArgumentOutOfRangeException>(() => graph.AddInput("x", (OnnxElementType)2, 3));

        Assert.Contains("opsetVersion must be in [13, 23]; got 12.", opset.Message);
        Assert.Contains("size must be in [1, 2147483647]; got 0.", zero.Message);
        Assert.Contains("Graph input 'x': dims[1] is neither a size ≥ 1 nor a symbolic name", unset.Message);
        Assert.Contains("elementType must be one of Float, Int64; got 2.", type.Message);
    }

    [Fact]
    public void Emitters_CheckTheirArgumentsBeforeAddingAnything()
    {
        var graph = new OnnxGraphBuilder("g");
        graph.AddInput("x", OnnxElementType.Float, "batch", 4);

        var weights = Assert.Throws<ArgumentException>(() => graph.Gemm("x", 2, 4, new float[7], new float[2]));
        var bias = Assert.Throws<ArgumentException>(() => graph.Gemm("x", 2, 4, new float[8], new float[3]));
        var unknown = Assert.Throws<ArgumentException>(() => graph.Gemm("nope", 2, 4, new float[8], new float[2]));
        var taken = Assert.Throws<ArgumentException>(() => graph.Gemm("x", 2, 4, new float[8], new float[2], name: "x"));
        var shape = Assert.Throws<ArgumentException>(() => graph.Reshape("x", [-1, -1]));
        var pad = Assert.Throws<ArgumentOutOfRangeException>(() => graph.MaxPool("x", kernelSize: 2, stride: 2, padding: 2));
        var epsilon = Assert.Throws<ArgumentOutOfRangeException>(() => graph.BatchNormalization("x", [1f], [0f], [0f], [1f], epsilon: 0f));

        Assert.Contains("weights must have length 8; got 7.", weights.Message);
        Assert.Contains("bias must have length 2; got 3.", bias.Message);
        Assert.Contains("Node 'Gemm' (Gemm): input 'nope' is not a graph input", unknown.Message);
        Assert.Contains("Node 'x' (Gemm): output 'x' is already defined as a graph input.", taken.Message);
        Assert.Contains("at most one entry of shape may be −1", shape.Message);
        Assert.Contains("padding must be in [0, 1]; got 2.", pad.Message);
        Assert.Contains("epsilon must be a finite number > 0; got 0.", epsilon.Message);
        Assert.False(graph.IsDefined("Gemm.weight"));
        Assert.False(graph.IsDefined("x.weight"));
        Assert.False(graph.IsDefined("Reshape.shape"));
    }
}
