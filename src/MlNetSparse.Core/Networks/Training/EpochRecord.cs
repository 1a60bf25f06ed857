namespace MlNetSparse.Core.Networks.Training;

/// <summary>What one epoch did.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="MeanLoss">The mean training loss over the epoch's mini-batches (f at the iterates).</param>
/// <param name="Lagrangian">RVSCGD only: L_β(u, w) = f + λP(u) + (β/2)‖w − u‖² at the epoch's end, f being <paramref name="MeanLoss"/>.</param>
/// <param name="LearningRate">The learning rate used.</param>
/// <param name="Seconds">Wall-clock time of the epoch.</param>
/// <param name="Tensors">Per weight tensor: size, nonzeros of u (of w when dense), ‖w − u‖.</param>
public sealed record EpochRecord(int Epoch, double MeanLoss, double? Lagrangian, double LearningRate, double Seconds,
    IReadOnlyList<TensorSparsity> Tensors);

/// <summary>Sparsity of one weight tensor.</summary>
/// <param name="Name">The parameter name ("conv1.weight").</param>
/// <param name="Count">Entries.</param>
/// <param name="Nonzeros">Nonzero entries of the sparse tensor u (of w for a dense run).</param>
/// <param name="DistanceToSparse">‖w − u‖₂ (0 for a dense run).</param>
public sealed record TensorSparsity(string Name, int Count, int Nonzeros, double DistanceToSparse)
{
    /// <summary>The fraction of entries that are zero.</summary>
    public double Sparsity => Count == 0 ? 0 : 1 - (double)Nonzeros / Count;
}
