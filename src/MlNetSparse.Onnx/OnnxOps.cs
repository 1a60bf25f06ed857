using MlNetSparse.Core;
using MlNetSparse.Core.Networks.Layers;
using MlNetSparse.Onnx.Proto;
using DataType = MlNetSparse.Onnx.Proto.TensorProto.Types.DataType;

namespace MlNetSparse.Onnx;

/// <summary>
/// One-call emitters for the operators the networks export: each adds its weights as initializers and
/// its node(s), and returns the name of the output value to feed the next emitter.
/// </summary>
/// <remarks>
/// Naming: the node is called <c>name</c> (or a fresh name from the op type when null), its output
/// value takes the same name, and its initializers are <c>name.weight</c>, <c>name.bias</c>, … .
/// Every argument is checked before anything is added, so a mistake leaves the graph unchanged.
/// Tensors are NCHW; all weights are row-major, in the layout the network layers use.
/// </remarks>
internal static class OnnxOps
{
    /// <summary>Reshape to <paramref name="shape"/>, stored as an int64 initializer.</summary>
    /// <param name="graph">The graph to add to.</param>
    /// <param name="input">A defined value.</param>
    /// <param name="shape">The target shape, with ONNX's conventions: one entry may be −1 (inferred), and 0 copies the input's size on that axis.</param>
    /// <param name="name">The node's name, or null for a fresh one.</param>
    /// <returns>The output value's name.</returns>
    /// <exception cref="ArgumentException">An entry below −1, more than one −1, or the checks of <see cref="OnnxGraphBuilder.AddNode"/>.</exception>
    public static string Reshape(this OnnxGraphBuilder graph, string input, ReadOnlySpan<long> shape, string? name = null)
    {
        int inferred = 0;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] < -1)
                throw new ArgumentException($"Reshape: shape[{i}] must be ≥ −1; got {shape[i]}.", nameof(shape));
            if (shape[i] == -1 && ++inferred > 1)
                throw new ArgumentException("Reshape: at most one entry of shape may be −1 (inferred).", nameof(shape));
        }
        string node = Begin(graph, "Reshape", input, name);
        string target = graph.AddInt64Initializer(graph.UniqueName(node + ".shape"), [shape.Length], shape);
        return End(graph, "Reshape", node, [input, target]);
    }

    /// <summary>Flatten to 2-D: the axes before <paramref name="axis"/> make the rows, the rest the columns.</summary>
    /// <param name="graph">The graph to add to.</param>
    /// <param name="input">A defined value.</param>
    /// <param name="axis">The first axis of the columns; 1 keeps the batch axis and flattens each sample.</param>
    /// <param name="name">The node's name, or null for a fresh one.</param>
    /// <returns>The output value's name.</returns>
    /// <exception cref="ArgumentException">The checks of <see cref="OnnxGraphBuilder.AddNode"/>.</exception>
    public static string Flatten(this OnnxGraphBuilder graph, string input, int axis = 1, string? name = null)
    {
        string node = Begin(graph, "Flatten", input, name);
        return End(graph, "Flatten", node, [input], OnnxAttribute.Int("axis", axis));
    }

    /// <summary>A 2-D convolution y = b + W ⋆ x with the geometry's kernel, stride and padding (on every side).</summary>
    /// <param name="graph">The graph to add to.</param>
    /// <param name="input">A defined value, batch × C × H × W.</param>
    /// <param name="geometry">The shape of the convolution.</param>
    /// <param name="weights">(outChannels, inChannels, kh, kw), row-major: <see cref="Conv2DGeometry.WeightCount"/> values.</param>
    /// <param name="bias">One per output channel, or empty for none.</param>
    /// <param name="name">The node's name, or null for a fresh one.</param>
    /// <returns>The output value's name (batch × outChannels × outH × outW).</returns>
    /// <exception cref="ArgumentException">Weights or bias of the wrong length, or the checks of <see cref="OnnxGraphBuilder.AddNode"/>.</exception>
    public static string Conv(this OnnxGraphBuilder graph, string input, Conv2DGeometry geometry,
        ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        Guard.Length(weights.Length, geometry.WeightCount, nameof(weights));
        if (!bias.IsEmpty)
            Guard.Length(bias.Length, geometry.OutChannels, nameof(bias));
        string node = Begin(graph, "Conv", input, name);
        string w = graph.AddInitializer(graph.UniqueName(node + ".weight"),
            [geometry.OutChannels, geometry.InChannels, geometry.KernelHeight, geometry.KernelWidth], weights);
        string[] inputs = bias.IsEmpty
            ? [input, w]
            : [input, w, graph.AddInitializer(graph.UniqueName(node + ".bias"), [geometry.OutChannels], bias)];
        int s = geometry.Stride, p = geometry.Padding;
        return End(graph, "Conv", node, inputs,
            OnnxAttribute.Ints("kernel_shape", geometry.KernelHeight, geometry.KernelWidth),
            OnnxAttribute.Ints("strides", s, s),
            // ONNX orders pads as all begins, then all ends: top, left, bottom, right.
            OnnxAttribute.Ints("pads", p, p, p, p));
    }

    /// <summary>Max pooling over square windows; padded cells never win (they count as −∞).</summary>
    /// <param name="graph">The graph to add to.</param>
    /// <param name="input">A defined value, batch × C × H × W.</param>
    /// <param name="kernelSize">Window side (≥ 1).</param>
    /// <param name="stride">Step between windows (≥ 1).</param>
    /// <param name="padding">Cells added on each side, in [0, kernelSize − 1] (ONNX Runtime refuses a pad as wide as the kernel).</param>
    /// <param name="name">The node's name, or null for a fresh one.</param>
    /// <returns>The output value's name; each spatial size is ⌊(n + 2·padding − kernelSize) / stride⌋ + 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size out of its range.</exception>
    /// <exception cref="ArgumentException">The checks of <see cref="OnnxGraphBuilder.AddNode"/>.</exception>
    public static string MaxPool(this OnnxGraphBuilder graph, string input, int kernelSize, int stride, int padding = 0, string? name = null)
    {
        CheckPool(kernelSize, stride, padding);
        string node = Begin(graph, "MaxPool", input, name);
        return End(graph, "MaxPool", node, [input], PoolAttributes(kernelSize, stride, padding));
    }

    /// <summary>Average pooling over square windows.</summary>
    /// <param name="graph">The graph to add to.</param>
    /// <param name="input">A defined value, batch × C × H × W.</param>
    /// <param name="kernelSize">Window side (≥ 1).</param>
    /// <param name="stride">Step between windows (≥ 1).</param>
    /// <param name="padding">Zero cells added on each side, in [0, kernelSize − 1].</param>
    /// <param name="countIncludePad">
    /// ONNX's count_include_pad. False (ONNX's default): a window's sum is divided by the number of its
    /// cells inside the input, so padding does not pull border averages toward 0. True: always divided
    /// by kernelSize², the padded zeros counted.
    /// </param>
    /// <param name="name">The node's name, or null for a fresh one.</param>
    /// <returns>The output value's name; each spatial size is ⌊(n + 2·padding − kernelSize) / stride⌋ + 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size out of its range.</exception>
    /// <exception cref="ArgumentException">The checks of <see cref="OnnxGraphBuilder.AddNode"/>.</exception>
    public static string AveragePool(this OnnxGraphBuilder graph, string input, int kernelSize, int stride, int padding = 0,
        bool countIncludePad = false, string? name = null)
    {
        CheckPool(kernelSize, stride, padding);
        string node = Begin(graph, "AveragePool", input, name);
        return End(graph, "AveragePool", node, [input],
            [.. PoolAttributes(kernelSize, stride, padding), OnnxAttribute.Int("count_include_pad", countIncludePad ? 1 : 0)]);
    }

    /// <summary>A dense layer y = x·Wᵀ + b (ONNX Gemm with transB = 1, so W is stored out × in like the layers keep it).</summary>
    /// <param name="graph">The graph to add to.</param>
    /// <param name="input">A defined value, batch × inFeatures.</param>
    /// <param name="outFeatures">Rows of W (≥ 1).</param>
    /// <param name="inFeatures">Columns of W (≥ 1).</param>
    /// <param name="weights">W, outFeatures × inFeatures, row-major.</param>
    /// <param name="bias">One per output, or empty for none.</param>
    /// <param name="name">The node's name, or null for a fresh one.</param>
    /// <returns>The output value's name (batch × outFeatures).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size below 1.</exception>
    /// <exception cref="ArgumentException">Weights or bias of the wrong length, or the checks of <see cref="OnnxGraphBuilder.AddNode"/>.</exception>
    public static string Gemm(this OnnxGraphBuilder graph, string input, int outFeatures, int inFeatures,
        ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, string? name = null)
    {
        Guard.InRange(outFeatures, 1, int.MaxValue);
        Guard.InRange(inFeatures, 1, int.MaxValue);
        Guard.Length(weights.Length, checked(outFeatures * inFeatures), nameof(weights));
        if (!bias.IsEmpty)
            Guard.Length(bias.Length, outFeatures, nameof(bias));
        string node = Begin(graph, "Gemm", input, name);
        string w = graph.AddInitializer(graph.UniqueName(node + ".weight"), [outFeatures, inFeatures], weights);
        string[] inputs = bias.IsEmpty
            ? [input, w]
            : [input, w, graph.AddInitializer(graph.UniqueName(node + ".bias"), [outFeatures], bias)];
        return End(graph, "Gemm", node, inputs, OnnxAttribute.Int("transB", 1));
    }

    /// <summary>
    /// Batch normalization at inference, per channel c (axis 1):
    /// y = scale[c] · (x − mean[c]) / √(variance[c] + ε) + bias[c].
    /// </summary>
    /// <param name="graph">The graph to add to.</param>
    /// <param name="input">A defined value, batch × C × … .</param>
    /// <param name="scale">γ, one per channel (C ≥ 1).</param>
    /// <param name="bias">β, one per channel.</param>
    /// <param name="mean">The running mean, one per channel.</param>
    /// <param name="variance">The running (population) variance, one per channel.</param>
    /// <param name="epsilon">ε, finite and &gt; 0.</param>
    /// <param name="name">The node's name, or null for a fresh one.</param>
    /// <returns>The output value's name (same shape as the input).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive ε.</exception>
    /// <exception cref="ArgumentException">Spans of different or zero lengths, or the checks of <see cref="OnnxGraphBuilder.AddNode"/>.</exception>
    public static string BatchNormalization(this OnnxGraphBuilder graph, string input, ReadOnlySpan<float> scale,
        ReadOnlySpan<float> bias, ReadOnlySpan<float> mean, ReadOnlySpan<float> variance, float epsilon = 1e-5f, string? name = null)
    {
        if (scale.IsEmpty)
            throw new ArgumentException("BatchNormalization: scale must have one value per channel; got none.", nameof(scale));
        Guard.Length(bias.Length, scale.Length, nameof(bias));
        Guard.Length(mean.Length, scale.Length, nameof(mean));
        Guard.Length(variance.Length, scale.Length, nameof(variance));
        Guard.Positive(epsilon);
        string node = Begin(graph, "BatchNormalization", input, name);
        int[] dims = [scale.Length];
        string[] inputs =
        [
            input,
            graph.AddInitializer(graph.UniqueName(node + ".scale"), dims, scale),
            graph.AddInitializer(graph.UniqueName(node + ".bias"), dims, bias),
            graph.AddInitializer(graph.UniqueName(node + ".mean"), dims, mean),
            graph.AddInitializer(graph.UniqueName(node + ".variance"), dims, variance),
        ];
        return End(graph, "BatchNormalization", node, inputs, OnnxAttribute.Float("epsilon", epsilon));
    }

    /// <summary>ReLU, max(x, 0), element-wise.</summary>
    /// <param name="graph">The graph to add to.</param>
    /// <param name="input">A defined value.</param>
    /// <param name="name">The node's name, or null for a fresh one.</param>
    /// <returns>The output value's name.</returns>
    /// <exception cref="ArgumentException">The checks of <see cref="OnnxGraphBuilder.AddNode"/>.</exception>
    public static string Relu(this OnnxGraphBuilder graph, string input, string? name = null)
    {
        string node = Begin(graph, "Relu", input, name);
        return End(graph, "Relu", node, [input]);
    }

    /// <summary>
    /// The binarized activation σ(z) = 1{z &gt; 0} as float, element-wise: Greater(z, 0) then Cast to
    /// float. NaN compares false, so NaN gives 0, as <see cref="BinarizedActivation.Forward"/> does.
    /// </summary>
    /// <param name="graph">The graph to add to.</param>
    /// <param name="input">A defined float value.</param>
    /// <param name="name">The name of the Cast node and of the output; the Greater node and the zero constant are <c>name.positive</c> and <c>name.zero</c>.</param>
    /// <returns>The output value's name.</returns>
    /// <exception cref="ArgumentException">The checks of <see cref="OnnxGraphBuilder.AddNode"/>.</exception>
    public static string Step(this OnnxGraphBuilder graph, string input, string? name = null)
    {
        string node = Begin(graph, "Step", input, name);
        string positive = graph.UniqueName(node + ".positive");
        graph.CheckNode(positive, "Greater", [input], [positive]);
        string zero = graph.AddInitializer(graph.UniqueName(node + ".zero"), [], [0f]);
        graph.AddNode("Greater", [input, zero], [positive], positive);
        return End(graph, "Cast", node, [positive], OnnxAttribute.Int("to", (long)DataType.Float));
    }

    /// <summary>Softmax along <paramref name="axis"/>: exp(x − max) / Σ exp(x − max) over that axis.</summary>
    /// <param name="graph">The graph to add to.</param>
    /// <param name="input">A defined value.</param>
    /// <param name="axis">The axis normalized over; −1 (the last) gives class probabilities per row of batch × classes.</param>
    /// <param name="name">The node's name, or null for a fresh one.</param>
    /// <returns>The output value's name.</returns>
    /// <exception cref="ArgumentException">The checks of <see cref="OnnxGraphBuilder.AddNode"/>.</exception>
    public static string Softmax(this OnnxGraphBuilder graph, string input, int axis = -1, string? name = null)
    {
        string node = Begin(graph, "Softmax", input, name);
        return End(graph, "Softmax", node, [input], OnnxAttribute.Int("axis", axis));
    }

    // Picks the node's name and checks that the node could be added, before any initializer is.
    private static string Begin(OnnxGraphBuilder graph, string opType, string input, string? name)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(input);
        if (name is not null)
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
        string node = name ?? graph.UniqueName(opType);
        graph.CheckNode(node, opType, [input], [node]);
        return node;
    }

    private static string End(OnnxGraphBuilder graph, string opType, string node, string[] inputs, params AttributeProto[] attributes)
    {
        graph.AddNode(opType, inputs, [node], node, attributes);
        return node;
    }

    private static void CheckPool(int kernelSize, int stride, int padding)
    {
        Guard.InRange(kernelSize, 1, int.MaxValue);
        Guard.InRange(stride, 1, int.MaxValue);
        Guard.InRange(padding, 0, kernelSize - 1);
    }

    private static AttributeProto[] PoolAttributes(int kernelSize, int stride, int padding) =>
    [
        OnnxAttribute.Ints("kernel_shape", kernelSize, kernelSize),
        OnnxAttribute.Ints("strides", stride, stride),
        OnnxAttribute.Ints("pads", padding, padding, padding, padding),
    ];
}
