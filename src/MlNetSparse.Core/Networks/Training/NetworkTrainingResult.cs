namespace MlNetSparse.Core.Networks.Training;

/// <summary>What <see cref="NetworkTrainer.Train"/> did; the trained parameters are in the network.</summary>
/// <param name="Epochs">One record per epoch, in order.</param>
/// <param name="FinalTensors">Per weight tensor of the returned network: size and nonzeros (and ‖w − u‖ at the end for RVSCGD).</param>
/// <param name="Sparsified">True when RVSCGD ran and the network now holds u.</param>
/// <param name="TrainingFlopsPerSample">Floating-point operations of the GEMM work (forward, ∂W and ∂x) per training sample.</param>
public sealed record NetworkTrainingResult(IReadOnlyList<EpochRecord> Epochs, IReadOnlyList<TensorSparsity> FinalTensors,
    bool Sparsified, long TrainingFlopsPerSample)
{
    /// <summary>Nonzero weights over all weight tensors.</summary>
    public long Nonzeros => FinalTensors.Sum(t => (long)t.Nonzeros);

    /// <summary>Entries over all weight tensors.</summary>
    public long WeightCount => FinalTensors.Sum(t => (long)t.Count);

    /// <summary>The fraction of weights that are zero.</summary>
    public double Sparsity => WeightCount == 0 ? 0 : 1 - (double)Nonzeros / WeightCount;
}
