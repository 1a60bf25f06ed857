using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Networks.Layers;

namespace MlNetSparse.Tests.Core.Networks;

/// <summary>
/// The model summary against counts done by hand: a 1×5×5 image → conv 2@3×3 (no padding, 2×3×3 out) → batch norm
/// → σ → flatten (18) → dense 3.
/// </summary>
public class NetworkSummaryTests
{
    private static Network Small() => new(new TensorShape(1, 5, 5),
        [LayerSpec.Convolution(2, 3), LayerSpec.BatchNorm(), LayerSpec.Binarized(), LayerSpec.Flatten(), LayerSpec.Dense(3)], seed: 3);

    [Fact]
    public void Counts_AreTheClosedForms()
    {
        NetworkSummary summary = NetworkSummary.Of(Small());
        Assert.Equal(["conv1", "norm2", "sign3", "flatten4", "dense5"], summary.Layers.Select(l => l.Name));
        LayerSummary conv = summary.Layers[0], norm = summary.Layers[1], sign = summary.Layers[2], flatten = summary.Layers[3], dense = summary.Layers[4];

        // conv: 2·1·3·3 = 18 weights + 2 biases; 18 weights × 3·3 output pixels = 162 MACs on the real-valued image.
        Assert.Equal(new TensorShape(2, 3, 3), conv.OutputShape);
        Assert.Equal((20L, 18L, 18L, 162L, 0L, 162L), (conv.Parameters, conv.Weights, conv.NonzeroWeights, conv.MultiplyAdds, conv.BinaryInputMultiplyAdds, conv.NonzeroMultiplyAdds));
        Assert.Equal((false, false), (conv.InputBinary, conv.OutputBinary));
        // 4·20 bytes dense; ⌈18/8⌉ = 3 bytes of bitmap + 4·18 nonzero weights + 4·2 biases = 83.
        Assert.Equal((80L, 83L, 72L, 72L), (conv.Float32Bytes, conv.SparseBytes, conv.ActivationFloat32Bytes, conv.ActivationPackedBytes));

        // batch norm: scale, shift, running mean and variance for 2 channels; no weights, no MACs.
        Assert.Equal((8L, 0L, 0L, 32L, 32L), (norm.Parameters, norm.Weights, norm.MultiplyAdds, norm.Float32Bytes, norm.SparseBytes));

        // σ makes the output binary: 18 values packed in ⌈18/8⌉ = 3 bytes; flatten keeps it binary.
        Assert.Equal((false, true, 72L, 3L), (sign.InputBinary, sign.OutputBinary, sign.ActivationFloat32Bytes, sign.ActivationPackedBytes));
        Assert.Equal((true, true, TensorShape.Vector(18)), (flatten.InputBinary, flatten.OutputBinary, flatten.OutputShape));

        // dense: 3·18 = 54 weights + 3 biases; its 54 MACs all read 0/1 inputs (additions).
        Assert.Equal((57L, 54L, 54L, 54L, 54L), (dense.Parameters, dense.Weights, dense.MultiplyAdds, dense.BinaryInputMultiplyAdds, dense.NonzeroMultiplyAdds));
        Assert.Equal((true, false), (dense.InputBinary, dense.OutputBinary));
        Assert.Equal((228L, 7L + 4 * 54 + 4 * 3), (dense.Float32Bytes, dense.SparseBytes));

        LayerSummary total = summary.Totals;
        Assert.Equal((85L, 72L, 72L, 216L, 54L), (total.Parameters, total.Weights, total.NonzeroWeights, total.MultiplyAdds, total.BinaryInputMultiplyAdds));
        Assert.Equal(4 * 85L, total.Float32Bytes);
        Assert.Equal(summary.Layers.Sum(l => l.SparseBytes), total.SparseBytes);
        Assert.Equal((false, false), (total.InputBinary, total.OutputBinary));   // the network's real input and logits
        Assert.Equal(Small().MultiplyAddsPerSample, total.MultiplyAdds);
    }

    [Fact]
    public void ZeroedWeights_LowerTheNonzeros_TheSparseMacs_AndTheBitmapBytes_NotTheDenseOnes()
    {
        Network network = Small();
        var conv = (Conv2DLayer)network.Layers[0];
        var dense = (DenseLayer)network.Layers[4];
        Array.Clear(conv.Weights, 0, 9);          // the first filter
        Array.Clear(dense.Weights, 10, 10);
        conv.Bias[1] = 0f;                        // a zero bias is a parameter still, and no weight

        NetworkSummary summary = NetworkSummary.Of(network);
        LayerSummary c = summary.Layers[0], d = summary.Layers[4];
        Assert.Equal((9L, 9L * 9, 162L), (c.NonzeroWeights, c.NonzeroMultiplyAdds, c.MultiplyAdds));
        Assert.Equal((80L, 3L + 4 * 9 + 4 * 2), (c.Float32Bytes, c.SparseBytes));
        Assert.Equal((44L, 44L, 54L), (d.NonzeroWeights, d.NonzeroMultiplyAdds, d.BinaryInputMultiplyAdds));
        Assert.Equal(7L + 4 * 44 + 4 * 3, d.SparseBytes);
        Assert.Equal(53L, summary.Totals.NonzeroWeights);
    }

    [Fact]
    public void MaxPoolKeepsActivationsBinary_AveragePoolAndReluDoNot()
    {
        var network = new Network(new TensorShape(1, 4, 4),
            [LayerSpec.Binarized(), LayerSpec.MaxPool(2), LayerSpec.Binarized(), LayerSpec.AveragePool(2), LayerSpec.Dense(2)]);
        bool[] binaryOut = [.. NetworkSummary.Of(network).Layers.Select(l => l.OutputBinary)];
        Assert.Equal([true, true, true, false, false], binaryOut);
        Assert.Equal(0, NetworkSummary.Of(network).Layers[4].BinaryInputMultiplyAdds);

        var relu = new Network(new TensorShape(1, 4, 4), [LayerSpec.Binarized(), LayerSpec.Relu(), LayerSpec.Dense(2)]);
        Assert.False(NetworkSummary.Of(relu).Layers[2].InputBinary);
    }

    [Fact]
    public void Text_HasAHeader_ARowPerLayer_AndTheTotals()
    {
        string[] lines = NetworkSummary.Of(Small()).ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("input 1×5×5", lines[0]);
        Assert.StartsWith("layer", lines[1]);
        Assert.Equal(2 + 1 + 5 + 1 + 1, lines.Length);   // input, header, rule, 5 layers, rule, totals
        Assert.Matches(@"^dense5\s+3\s+57\s+54/54\s+bin → real\s+54\s+54\s+228\s+235\s+12/12$", lines[^3]);
        Assert.Matches(@"^total\s+3\s+85\s+72/72\s+real → real\s+216\s+54\s", lines[^1]);
    }
}
