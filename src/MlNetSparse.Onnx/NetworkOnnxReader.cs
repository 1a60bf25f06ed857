using System.Buffers.Binary;
using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Networks.Layers;
using MlNetSparse.Onnx.Proto;
using DataType = MlNetSparse.Onnx.Proto.TensorProto.Types.DataType;

namespace MlNetSparse.Onnx;

/// <summary>
/// Reads back a graph that <see cref="NetworkOnnx.Export"/> wrote as a <see cref="Network"/> with the graph's
/// weights, biases and batch-normalisation statistics: what a saved binarized CNN's zip carries of its feature
/// layers, so that a tool can summarise a saved model (<see cref="NetworkSummary"/>).
/// </summary>
/// <remarks>
/// Only the inference graph is in the file, so what training alone used is not: every σ comes back with the
/// default coarse gradient, every batch normalisation with the default momentum. A dense layer on an image
/// comes back as a flatten followed by the dense layer (the export writes both the same way).
/// </remarks>
public static class NetworkOnnxReader
{
    /// <summary>The network <paramref name="model"/> describes, its parameters set from the graph's initializers.</summary>
    /// <param name="model">A serialized ModelProto written by <see cref="NetworkOnnx.Export"/>.</param>
    /// <param name="following">
    /// Layers that come after the graph's (a saved binarized CNN keeps its last dense layer outside the graph), appended
    /// with their initial parameters for the caller to set; none when null.
    /// </param>
    /// <exception cref="InvalidDataException">Bytes that are not such a graph (an operator the export never writes, a missing initializer).</exception>
    public static Network Read(byte[] model, IReadOnlyList<LayerSpec>? following = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(model);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"Not an ONNX model: {e.Message}", e);
        }
        GraphProto graph = proto.Graph ?? throw new InvalidDataException("The ONNX model has no graph.");
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        float[] Floats(NodeProto node, int input) => ReadFloats(Initializer(initializers, node, input));

        var specs = new List<LayerSpec>();
        // Per spec: the values of its parameter tensors in the layer's order, then (batch norm) the running mean and variance.
        var values = new List<float[][]>();
        TensorShape? input = null;
        bool image = false;
        int lastLayerNode = graph.Node.Count - 1;
        while (lastLayerNode >= 0 && !IsLayerOp(graph.Node[lastLayerNode].OpType))
            lastLayerNode--;
        for (int i = 0; i < graph.Node.Count; i++)
        {
            NodeProto node = graph.Node[i];
            if (input is null && node.OpType != "Reshape")
                input = TensorShape.Vector(InputLength(graph));
            switch (node.OpType)
            {
                case "Reshape" when input is null:
                    long[] shape = ReadInt64s(Initializer(initializers, node, 1));
                    image = shape.Length == 4;
                    input = image ? new TensorShape((int)shape[1], (int)shape[2], (int)shape[3]) : TensorShape.Vector(InputLength(graph));
                    break;
                case "Reshape" or "Identity" or "Softmax" or "Greater":
                    break;
                case "Flatten":
                    // The flatten the export adds after an image-shaped last layer is no layer of the network.
                    if (image && i < lastLayerNode)
                        Add(LayerSpec.Flatten(), []);
                    image = false;
                    break;
                case "Conv":
                    TensorProto weights = Initializer(initializers, node, 1);
                    long[] pads = Ints(node, "pads");
                    long[] kernel = Ints(node, "kernel_shape") is { Length: > 0 } declared ? declared : [.. weights.Dims.Skip(2)];
                    if (kernel.Length != 2 || kernel[0] != kernel[1])
                        throw new InvalidDataException($"Conv node '{node.Name}' has kernel [{string.Join(", ", kernel)}]; the networks have square kernels.");
                    Add(LayerSpec.Convolution((int)weights.Dims[0], (int)kernel[0], Stride(node), pads.Length == 0 ? 0 : (int)pads[0]),
                        [Floats(node, 1), Floats(node, 2)]);
                    image = true;
                    break;
                case "Gemm":
                    if (node.Attribute.FirstOrDefault(a => a.Name == "transB")?.I != 1)
                        throw new InvalidDataException($"Gemm node '{node.Name}' does not read its weights as [out, in] (transB = 1), as the export writes them.");
                    Add(LayerSpec.Dense((int)Initializer(initializers, node, 1).Dims[0]), [Floats(node, 1), Floats(node, 2)]);
                    image = false;
                    break;
                case "BatchNormalization":
                    float epsilon = node.Attribute.FirstOrDefault(a => a.Name == "epsilon")?.F ?? 1e-5f;
                    Add(LayerSpec.BatchNorm(epsilon), [Floats(node, 1), Floats(node, 2), Floats(node, 3), Floats(node, 4)]);
                    break;
                case "Cast":
                    Add(LayerSpec.Binarized(), []);
                    break;
                case "Relu":
                    Add(LayerSpec.Relu(), []);
                    break;
                case "MaxPool" or "AveragePool":
                    long[] window = Ints(node, "kernel_shape");
                    if (window.Length == 0)
                        throw new InvalidDataException($"{node.OpType} node '{node.Name}' has no kernel_shape.");
                    Add(node.OpType == "MaxPool" ? LayerSpec.MaxPool((int)window[0], Stride(node)) : LayerSpec.AveragePool((int)window[0], Stride(node)), []);
                    break;
                default:
                    throw new InvalidDataException($"ONNX operator {node.OpType} (node '{node.Name}') is not one NetworkOnnx.Export writes.");
            }
        }
        if (specs.Count == 0)
            throw new InvalidDataException("The ONNX graph has no layers.");
        int read = specs.Count;
        specs.AddRange(following ?? []);
        Network network;
        try
        {
            network = new Network(input!.Value, specs);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"The ONNX graph's layers do not fit together: {e.Message}", e);
        }
        for (int l = 0; l < read; l++)
            SetValues(network.Layers[l], values[l]);
        return network;

        void Add(LayerSpec spec, float[][] tensors)
        {
            specs.Add(spec);
            values.Add(tensors);
        }
    }

    private static bool IsLayerOp(string op) =>
        op is "Conv" or "Gemm" or "BatchNormalization" or "Cast" or "Relu" or "MaxPool" or "AveragePool";

    private static void SetValues(Layer layer, float[][] tensors)
    {
        IReadOnlyList<ParameterTensor> parameters = layer.Parameters;
        for (int t = 0; t < parameters.Count; t++)
            Copy(tensors[t], parameters[t].Values, parameters[t].Name);
        if (layer is BatchNormLayer norm)
        {
            Copy(tensors[2], norm.RunningMean, "running mean");
            Copy(tensors[3], norm.RunningVariance, "running variance");
        }
    }

    private static void Copy(float[] source, float[] target, string name)
    {
        if (source.Length != target.Length)
            throw new InvalidDataException($"ONNX initializer for {name} has {source.Length} values; the layer has {target.Length}.");
        source.CopyTo(target, 0);
    }

    private static int InputLength(GraphProto graph) =>
        (int)graph.Input[0].Type.TensorType.Shape.Dim[^1].DimValue;

    private static TensorProto Initializer(Dictionary<string, TensorProto> initializers, NodeProto node, int input) =>
        input < node.Input.Count && initializers.TryGetValue(node.Input[input], out TensorProto? tensor)
            ? tensor
            : throw new InvalidDataException($"ONNX node '{node.Name}' ({node.OpType}) has no constant input {input}.");

    // ONNX's default stride is 1.
    private static int Stride(NodeProto node) => Ints(node, "strides") is [long stride, ..] ? (int)stride : 1;

    private static long[] Ints(NodeProto node, string name) =>
        node.Attribute.FirstOrDefault(a => a.Name == name)?.Ints.ToArray() ?? [];

    // The export writes every initializer as raw_data (the subset of onnx.proto here has no typed fields).
    private static float[] ReadFloats(TensorProto tensor)
    {
        if (tensor.DataType != (int)DataType.Float)
            throw new InvalidDataException($"ONNX initializer '{tensor.Name}' is not float.");
        ReadOnlySpan<byte> raw = tensor.RawData.Span;
        var result = new float[raw.Length / sizeof(float)];
        for (int i = 0; i < result.Length; i++)
            result[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(sizeof(float) * i)..]);
        return result;
    }

    private static long[] ReadInt64s(TensorProto tensor)
    {
        ReadOnlySpan<byte> raw = tensor.RawData.Span;
        var result = new long[raw.Length / sizeof(long)];
        for (int i = 0; i < result.Length; i++)
            result[i] = BinaryPrimitives.ReadInt64LittleEndian(raw[(sizeof(long) * i)..]);
        return result;
    }
}
