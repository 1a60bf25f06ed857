using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Networks.Layers;
using MlNetSparse.Onnx;
using MlNetSparse.Onnx.Proto;
using static MlNetSparse.Tests.Onnx.ModelProtoReading;

namespace MlNetSparse.Tests.Onnx;

/// <summary>
/// The exported network read back as a ModelProto: the model header, one node per layer in order,
/// every weight and running statistic bit for bit, and the input and output shapes per mode.
/// (<see cref="NetworkOnnxTests"/> runs the same exports in ONNX Runtime.)
/// </summary>
public class NetworkOnnxModelTests
{
    private static readonly TensorShape Image = new(2, 9, 8);

    private static Network EveryLayerKind() => new(Image,
    [
        LayerSpec.Convolution(4, 3, stride: 1, padding: 1), LayerSpec.BatchNorm(), LayerSpec.Binarized(), LayerSpec.MaxPool(2),
        LayerSpec.Convolution(5, 2, stride: 2), LayerSpec.Relu(), LayerSpec.AveragePool(2, 1),
        LayerSpec.Flatten(), LayerSpec.Dense(7), LayerSpec.BatchNorm(), LayerSpec.Binarized(), LayerSpec.Dense(3),
    ], seed: 8);

    [Fact]
    public void Model_DeclaresTheDefaultOpset_ItsIrVersion_AndTheProducer()
    {
        ModelProto model = Parse(NetworkOnnx.Export(EveryLayerKind()));

        OperatorSetIdProto opset = Assert.Single(model.OpsetImport);
        // The default domain is written out as "", as ONNX's own exporters do.
        Assert.True(opset.HasDomain);
        Assert.Equal(("", (long)OnnxGraphBuilder.DefaultOpsetVersion), (opset.Domain, opset.Version));
        Assert.Equal(8, model.IrVersion);
        Assert.Equal("MlNetSparse", model.ProducerName);
        Assert.Equal(typeof(NetworkOnnx).Assembly.GetName().Version!.ToString(), model.ProducerVersion);
        Assert.Equal("MlNetSparseNetwork", model.Graph.Name);
    }

    [Fact]
    public void Graph_HasOneNodePerLayer_InOrder_InSingleAssignmentForm()
    {
        GraphProto graph = Parse(NetworkOnnx.Export(EveryLayerKind())).Graph;

        // Reshape to NCHW first; σ is Greater then Cast; Flatten before the dense layers; Identity names the output.
        Assert.Equal(
            ["Reshape", "Conv", "BatchNormalization", "Greater", "Cast", "MaxPool", "Conv", "Relu", "AveragePool",
             "Flatten", "Gemm", "BatchNormalization", "Greater", "Cast", "Gemm", "Identity"],
            graph.Node.Select(n => n.OpType));
        AssertTopologicallyOrdered(graph);
        Assert.Equal(graph.Node.Count, graph.Node.Select(n => n.Name).Distinct().Count());
        Assert.Equal([-1L, 2, 9, 8], Int64s(Initializer(graph, graph.Node[0].Input[1])));
    }

    [Fact]
    public void Initializers_AreTheLayersWeightsAndStatistics_BitForBit()
    {
        Network network = EveryLayerKind();
        GraphProto graph = Parse(NetworkOnnx.Export(network)).Graph;
        NodeProto[] convs = [.. graph.Node.Where(n => n.OpType == "Conv")];
        NodeProto[] gemms = [.. graph.Node.Where(n => n.OpType == "Gemm")];
        NodeProto[] norms = [.. graph.Node.Where(n => n.OpType == "BatchNormalization")];
        Conv2DLayer[] convLayers = [.. network.Layers.OfType<Conv2DLayer>()];
        DenseLayer[] denseLayers = [.. network.Layers.OfType<DenseLayer>()];
        BatchNormLayer[] normLayers = [.. network.Layers.OfType<BatchNormLayer>()];

        for (int i = 0; i < convs.Length; i++)
        {
            Conv2DGeometry g = convLayers[i].Geometry;
            TensorProto weights = Initializer(graph, convs[i].Input[1]);
            Assert.Equal([(long)g.OutChannels, g.InChannels, g.KernelHeight, g.KernelWidth], weights.Dims);
            Assert.Equal(convLayers[i].Weights, Floats(weights));
            Assert.Equal(convLayers[i].Bias, Floats(Initializer(graph, convs[i].Input[2])));
            Assert.Equal([(long)g.Padding, g.Padding, g.Padding, g.Padding], Attribute(convs[i], "pads").Ints);
        }
        for (int i = 0; i < gemms.Length; i++)
        {
            TensorProto weights = Initializer(graph, gemms[i].Input[1]);
            Assert.Equal([(long)denseLayers[i].Outputs, denseLayers[i].Inputs], weights.Dims);
            Assert.Equal(denseLayers[i].Weights, Floats(weights));
            Assert.Equal(denseLayers[i].Bias, Floats(Initializer(graph, gemms[i].Input[2])));
            Assert.Equal(1, Attribute(gemms[i], "transB").I);
        }
        for (int i = 0; i < norms.Length; i++)
        {
            BatchNormLayer layer = normLayers[i];
            float[][] expected = [layer.Scale, layer.Shift, layer.RunningMean, layer.RunningVariance];
            Assert.Equal(expected, norms[i].Input.Skip(1).Select(name => Floats(Initializer(graph, name))));
            AttributeProto epsilon = Attribute(norms[i], "epsilon");
            Assert.Equal((AttributeProto.Types.AttributeType.Float, layer.Epsilon), (epsilon.Type, epsilon.F));
        }
    }

    [Fact]
    public void SymbolicBatch_ByDefault_PerRowWithoutABatchDim_ForOnnxTransformer()
    {
        Network network = EveryLayerKind();

        GraphProto batched = Parse(NetworkOnnx.Export(network, "x", "y")).Graph;
        GraphProto perRow = Parse(NetworkOnnx.Export(network, "Features", "Hidden", network.Layers.Count - 1, perRow: true)).Graph;

        ValueInfoProto input = Assert.Single(batched.Input), output = Assert.Single(batched.Output);
        Assert.Equal(("x", (int)TensorProto.Types.DataType.Float), (input.Name, input.Type.TensorType.ElemType));
        Assert.Equal(["batch", "144"], Dims(input));
        Assert.Equal("y", output.Name);
        Assert.Equal(["batch", "3"], Dims(output));
        Assert.Equal(["144"], Dims(Assert.Single(perRow.Input)));
        Assert.Equal("Hidden", Assert.Single(perRow.Output).Name);
        Assert.Equal(["7"], Dims(perRow.Output[0]));
        Assert.Equal("Reshape", perRow.Node[^1].OpType);
    }

    [Fact]
    public void Softmax_IsTheLastNodeBeforeTheOutput_AlongTheClassAxis()
    {
        GraphProto graph = Parse(NetworkOnnx.Export(EveryLayerKind(), softmax: true)).Graph;

        NodeProto softmax = graph.Node[^2];
        Assert.Equal(("Softmax", "Identity"), (softmax.OpType, graph.Node[^1].OpType));
        Assert.Equal(1, Attribute(softmax, "axis").I);
        Assert.Equal(softmax.Output[0], graph.Node[^1].Input[0]);
    }
}
