using MlNetSparse.Core;
using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Networks.Layers;

namespace MlNetSparse.Onnx;

/// <summary>
/// Writes a trained network (or its first layers) as an ONNX graph in inference mode: batch
/// normalisation with its running statistics, σ as Greater(z, 0) cast to float.
/// </summary>
public static class NetworkOnnx
{
    /// <summary>The graph of layers [0, <paramref name="layerCount"/>) of <paramref name="network"/>.</summary>
    /// <param name="network">The trained network.</param>
    /// <param name="inputName">The graph input: flat CHW images, float [batch, C·H·W] (or [C·H·W] per row).</param>
    /// <param name="outputName">The graph output: the last exported layer's output, flattened.</param>
    /// <param name="layerCount">Layers to export (0 to all; null for all).</param>
    /// <param name="perRow">
    /// False (the default, for use outside .NET): tensors carry a symbolic batch dimension. True:
    /// one row per call, input [C·H·W] and output [n] with no batch dimension, the shape ML.NET's
    /// OnnxTransformer maps to known-size vector columns.
    /// </param>
    /// <param name="softmax">Append Softmax to the output (probabilities instead of logits).</param>
    /// <returns>The serialized ModelProto.</returns>
    public static byte[] Export(Network network, string inputName = "input", string outputName = "output",
        int? layerCount = null, bool perRow = false, bool softmax = false)
    {
        ArgumentNullException.ThrowIfNull(network);
        int count = layerCount ?? network.Layers.Count;
        Guard.InRange(count, 0, network.Layers.Count);
        var graph = new OnnxGraphBuilder("MlNetSparseNetwork");
        TensorShape input = network.InputShape;
        OnnxDim batch = perRow ? OnnxDim.Fixed(1) : OnnxDim.Symbolic("batch");
        if (perRow)
            graph.AddInput(inputName, OnnxElementType.Float, input.Size);
        else
            graph.AddInput(inputName, OnnxElementType.Float, batch, input.Size);

        // Every tensor inside is [batch, C, H, W] for images or [batch, n] for vectors.
        string x = input.IsVector
            ? (perRow ? graph.Reshape(inputName, [1, input.Size]) : inputName)
            : graph.Reshape(inputName, [-1, input.Channels, input.Height, input.Width]);
        bool image = !input.IsVector;
        for (int i = 0; i < count; i++)
            (x, image) = Emit(graph, network.Layers[i], x, image);
        if (image)
            x = graph.Flatten(x);
        if (softmax)
            x = graph.Softmax(x, axis: 1);
        int outputSize = count == 0 ? input.Size : network.Layers[count - 1].OutputShape.Size;
        if (perRow)
        {
            graph.Reshape(x, [outputSize], name: outputName);
            graph.AddOutput(outputName, OnnxElementType.Float, outputSize);
        }
        else
        {
            graph.AddNode("Identity", [x], [outputName], outputName);
            graph.AddOutput(outputName, OnnxElementType.Float, batch, outputSize);
        }
        return graph.ToBytes();
    }

    private static (string Output, bool Image) Emit(OnnxGraphBuilder graph, Layer layer, string x, bool image) => layer switch
    {
        Conv2DLayer conv => (graph.Conv(x, conv.Geometry, conv.Weights, conv.Bias), true),
        DenseLayer dense => (graph.Gemm(image ? graph.Flatten(x) : x, dense.Outputs, dense.Inputs, dense.Weights, dense.Bias), false),
        MaxPoolLayer pool => (graph.MaxPool(x, pool.Geometry.Size, pool.Geometry.Stride), true),
        AveragePoolLayer pool => (graph.AveragePool(x, pool.Geometry.Size, pool.Geometry.Stride), true),
        FlattenLayer => (image ? graph.Flatten(x) : x, false),
        BatchNormLayer norm => (graph.BatchNormalization(x, norm.Scale, norm.Shift, norm.RunningMean, norm.RunningVariance, norm.Epsilon), image),
        BinarizedActivation => (graph.Step(x), image),
        ReluLayer => (graph.Relu(x), image),
        _ => throw new NotSupportedException($"ONNX export has no mapping for {layer.GetType().Name}."),
    };
}
