using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Networks.Training;

namespace MlNetSparse.Networks;

/// <summary>What a <see cref="BinarizedCnnTrainer"/> run did: per epoch, per layer, and overall.</summary>
public sealed class BinarizedCnnTrainingReport
{
    internal BinarizedCnnTrainingReport(Network network, NetworkTrainingResult result, int rowsUsed, long rowsSkipped, TimeSpan elapsed)
    {
        Architecture = network.Describe();
        Summary = NetworkSummary.Of(network);
        Epochs = result.Epochs;
        Layers = result.FinalTensors;
        Sparsified = result.Sparsified;
        Nonzeros = result.Nonzeros;
        WeightCount = result.WeightCount;
        RowsUsed = rowsUsed;
        RowsSkipped = rowsSkipped;
        Elapsed = elapsed;
        TrainingFlopsPerSample = result.TrainingFlopsPerSample;
    }

    /// <summary>The layers, one per line.</summary>
    public string Architecture { get; }

    /// <summary>
    /// The returned model layer by layer, in the style of Larq's model summary: output shape, parameters, nonzero
    /// weights, binary activations, multiply-accumulates per image and memory as float32 against a bitmap of the
    /// nonzero weights (definitions: <see cref="LayerSummary"/>). Its <c>ToString()</c> is the table as text.
    /// </summary>
    public NetworkSummary Summary { get; }

    /// <summary>Per epoch: mean loss, the Lagrangian L_β(u, w) when sparsifying, learning rate, seconds, per-layer sparsity.</summary>
    public IReadOnlyList<EpochRecord> Epochs { get; }

    /// <summary>Per weight tensor of the returned model: entries, nonzeros, and ‖w − u‖ (0 once u is returned).</summary>
    public IReadOnlyList<TensorSparsity> Layers { get; }

    /// <summary>True when RVSCGD ran: the model holds the sparse weights u.</summary>
    public bool Sparsified { get; }

    /// <summary>Nonzero weights over all convolution and dense layers.</summary>
    public long Nonzeros { get; }

    /// <summary>Weights over all convolution and dense layers.</summary>
    public long WeightCount { get; }

    /// <summary>The fraction of weights that are zero.</summary>
    public double Sparsity => WeightCount == 0 ? 0 : 1 - (double)Nonzeros / WeightCount;

    /// <summary>Rows trained on.</summary>
    public int RowsUsed { get; }

    /// <summary>Rows skipped for a missing label or a missing or non-finite pixel.</summary>
    public long RowsSkipped { get; }

    /// <summary>Wall-clock time of Fit.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>GEMM floating-point operations per training image (forward, ∂W, ∂x).</summary>
    public long TrainingFlopsPerSample { get; }

    /// <summary>Achieved GFLOP/s of the GEMM work over the epochs' wall-clock time.</summary>
    public double GflopsPerSecond => Epochs.Sum(e => e.Seconds) is double s and > 0
        ? (double)TrainingFlopsPerSample * RowsUsed * Epochs.Count / s / 1e9
        : 0;
}
