using System.Globalization;
using System.Text;
using MlNetSparse.Core.Networks.Layers;

namespace MlNetSparse.Core.Networks;

/// <summary>
/// One row of a <see cref="NetworkSummary"/>: what one layer stores and computes for one image.
/// </summary>
/// <param name="Name">"conv1", "norm2", "sign3", …: the layer's kind and its position (1-based), as in its parameters' names.</param>
/// <param name="Kind">The layer kind: "conv", "dense", "norm" (batch normalisation), "sign" (σ), "maxpool", "avgpool", "flatten", "relu".</param>
/// <param name="OutputShape">The shape of one output sample.</param>
/// <param name="Parameters">
/// Numbers the layer stores for inference: weights and biases of a convolution or dense layer; scale, shift,
/// running mean and running variance of a batch normalisation (4 per channel, as Keras and Larq count them).
/// </param>
/// <param name="Weights">The weights of a convolution or dense layer (the tensors sparsification thresholds); 0 elsewhere.</param>
/// <param name="NonzeroWeights">Those weights that are not zero.</param>
/// <param name="InputBinary">
/// True when every input value is 0 or 1: the layer reads the output of a σ(z) = 1{z &gt; 0}, directly or
/// through max-pooling or flattening (which keep values binary); the network's input is taken as real.
/// </param>
/// <param name="OutputBinary">True when every output value is 0 or 1 (σ, and max-pooling or flattening of binary values).</param>
/// <param name="MultiplyAdds">
/// Multiply-accumulates of one forward pass over one image: out-channels × in-channels × kernel area × output
/// pixels for a convolution (padding included), outputs × inputs for a dense layer; 0 elsewhere.
/// </param>
/// <param name="BinaryInputMultiplyAdds">
/// The multiply-accumulates whose input is a 0/1 activation (all of <paramref name="MultiplyAdds"/> when
/// <paramref name="InputBinary"/>, else 0): each is a conditional addition of the weight, no multiplication.
/// </param>
/// <param name="NonzeroMultiplyAdds">
/// The multiply-accumulates with a nonzero weight: nonzero weights × output pixels for a convolution, nonzero
/// weights for a dense layer. A kernel that skips zero weights does this many.
/// </param>
/// <param name="Float32Bytes">The parameters stored densely as float32: 4 × <paramref name="Parameters"/>.</param>
/// <param name="SparseBytes">
/// The parameters stored with the weights' zero pattern as a bitmap: ⌈<paramref name="Weights"/> / 8⌉ bytes of bitmap
/// (one bit per weight, 1 = nonzero), plus 4 bytes per nonzero weight, plus 4 bytes per other parameter (biases,
/// normalisation). Equals <paramref name="Float32Bytes"/> for layers without weights.
/// </param>
/// <param name="ActivationFloat32Bytes">One output sample as float32: 4 × its size.</param>
/// <param name="ActivationPackedBytes">
/// One output sample as the layer's output would be stored packed: ⌈size / 8⌉ bytes (one bit per value) when
/// <paramref name="OutputBinary"/>, else float32.
/// </param>
public sealed record LayerSummary(
    string Name,
    string Kind,
    TensorShape OutputShape,
    long Parameters,
    long Weights,
    long NonzeroWeights,
    bool InputBinary,
    bool OutputBinary,
    long MultiplyAdds,
    long BinaryInputMultiplyAdds,
    long NonzeroMultiplyAdds,
    long Float32Bytes,
    long SparseBytes,
    long ActivationFloat32Bytes,
    long ActivationPackedBytes);

/// <summary>
/// A model summary in the style of Larq's <c>lq.models.summary</c>: per layer the output shape, parameters,
/// nonzero weights, whether its input and output activations are binary, multiply-accumulates per image (and
/// how many read a binary input), and memory as float32 against a bitmap of the nonzero weights; with totals.
/// The definitions are those of <see cref="LayerSummary"/>.
/// </summary>
public sealed class NetworkSummary
{
    private NetworkSummary(TensorShape inputShape, IReadOnlyList<LayerSummary> layers)
    {
        InputShape = inputShape;
        Layers = layers;
        Totals = new LayerSummary("total", "total", layers[^1].OutputShape,
            layers.Sum(l => l.Parameters), layers.Sum(l => l.Weights), layers.Sum(l => l.NonzeroWeights),
            layers[0].InputBinary, layers[^1].OutputBinary,
            layers.Sum(l => l.MultiplyAdds), layers.Sum(l => l.BinaryInputMultiplyAdds), layers.Sum(l => l.NonzeroMultiplyAdds),
            layers.Sum(l => l.Float32Bytes), layers.Sum(l => l.SparseBytes),
            layers.Sum(l => l.ActivationFloat32Bytes), layers.Sum(l => l.ActivationPackedBytes));
    }

    /// <summary>The shape of one input sample.</summary>
    public TensorShape InputShape { get; }

    /// <summary>One row per layer, first to last.</summary>
    public IReadOnlyList<LayerSummary> Layers { get; }

    /// <summary>
    /// Sums over the layers (parameters, weights, nonzeros, multiply-accumulates, bytes); the shape is the
    /// network's output, the binary flags those of its input and output.
    /// </summary>
    public LayerSummary Totals { get; }

    /// <summary>The summary of <paramref name="network"/> as it is now (its nonzeros are counted at this call).</summary>
    public static NetworkSummary Of(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var rows = new LayerSummary[network.Layers.Count];
        bool inputBinary = false;
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = Summarize(network.Layers[i], network.Architecture[i].Kind, i + 1, inputBinary);
            inputBinary = rows[i].OutputBinary;
        }
        return new NetworkSummary(network.InputShape, rows);
    }

    private static LayerSummary Summarize(Layer layer, string kind, int position, bool inputBinary)
    {
        bool outputBinary = layer switch
        {
            BinarizedActivation => true,
            MaxPoolLayer or FlattenLayer => inputBinary,
            _ => false,
        };
        ParameterTensor[] weights = layer.Parameters.Where(p => p.IsWeight).ToArray();
        long weightCount = weights.Sum(p => (long)p.Values.Length);
        long nonzeroWeights = weights.Sum(p => (long)p.CountNonzeros());
        // Batch normalisation also stores its running mean and variance, which inference reads.
        long parameters = layer.Parameters.Sum(p => (long)p.Values.Length)
            + (layer is BatchNormLayer norm ? norm.RunningMean.Length + norm.RunningVariance.Length : 0);
        long multiplyAdds = layer.MultiplyAddsPerSample;
        long outputPixels = layer is Conv2DLayer conv ? conv.Geometry.OutputPixels : 1;
        long nonzeroMultiplyAdds = multiplyAdds == 0 ? 0 : nonzeroWeights * outputPixels;
        long outputSize = layer.OutputShape.Size;
        return new LayerSummary($"{kind}{position}", kind, layer.OutputShape, parameters, weightCount, nonzeroWeights,
            inputBinary, outputBinary, multiplyAdds, inputBinary ? multiplyAdds : 0, nonzeroMultiplyAdds,
            Float32Bytes: 4 * parameters,
            SparseBytes: (weightCount + 7) / 8 + 4 * nonzeroWeights + 4 * (parameters - weightCount),
            ActivationFloat32Bytes: 4 * outputSize,
            ActivationPackedBytes: outputBinary ? (outputSize + 7) / 8 : 4 * outputSize);
    }

    /// <summary>
    /// The summary as a text table, one line per layer and a totals line: layer, output shape, parameters,
    /// nonzero weights / weights, binary input and output ("bin"/"real"), multiply-accumulates (with the
    /// binary-input ones), parameter bytes as float32 and as a bitmap of the nonzero weights, and one output
    /// sample's bytes as float32 and packed (a bit per value where the output is binary).
    /// </summary>
    public override string ToString()
    {
        string[] header = ["layer", "output", "params", "nonzero/weights", "in → out", "MACs", "binary MACs", "float32 B", "bitmap B", "output B f32/bits"];
        var lines = new List<string[]> { header };
        lines.AddRange(Layers.Select(Cells));
        lines.Add(Cells(Totals));
        int[] widths = Enumerable.Range(0, header.Length).Select(c => lines.Max(l => l[c].Length)).ToArray();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"input {InputShape}").AppendLine();
        for (int i = 0; i < lines.Count; i++)
        {
            if (i == 1 || i == lines.Count - 1)
                text.AppendLine(new string('─', widths.Sum() + 2 * (widths.Length - 1)));
            // Text columns left-aligned, numbers right-aligned.
            text.AppendLine(string.Join("  ", lines[i].Select((cell, c) => c <= 1 || c == 4 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        }
        return text.ToString();
    }

    private static string[] Cells(LayerSummary row) =>
    [
        row.Name,
        row.OutputShape.ToString(),
        Count(row.Parameters),
        row.Weights == 0 ? "" : $"{Count(row.NonzeroWeights)}/{Count(row.Weights)}",
        $"{Activation(row.InputBinary)} → {Activation(row.OutputBinary)}",
        row.MultiplyAdds == 0 ? "" : Count(row.MultiplyAdds),
        row.MultiplyAdds == 0 ? "" : Count(row.BinaryInputMultiplyAdds),
        Count(row.Float32Bytes),
        Count(row.SparseBytes),
        $"{Count(row.ActivationFloat32Bytes)}/{Count(row.ActivationPackedBytes)}",
    ];

    private static string Activation(bool binary) => binary ? "bin" : "real";

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
