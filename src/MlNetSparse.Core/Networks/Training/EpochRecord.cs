using System.Globalization;

namespace MlNetSparse.Core.Networks.Training;

/// <summary>What one epoch did.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="MeanLoss">The mean training loss over the epoch's mini-batches (f at the iterates).</param>
/// <param name="Lagrangian">RVSCGD only: L_β(u, w) = f + λP(u) + (β/2)‖w − u‖² at the epoch's end, f being <paramref name="MeanLoss"/>.</param>
/// <param name="LearningRate">The learning rate used.</param>
/// <param name="Seconds">Wall-clock time of the epoch.</param>
/// <param name="Tensors">Per weight tensor: size, nonzeros of u (of w when dense), ‖w − u‖.</param>
public sealed record EpochRecord(int Epoch, double MeanLoss, double? Lagrangian, double LearningRate, double Seconds,
    IReadOnlyList<TensorSparsity> Tensors)
{
    /// <summary>
    /// RVSCGD's λ of the epoch's last u-update when every weight tensor shares one (a fixed λ, or a global sparsity
    /// target's); null for a dense run or a per-layer target (each tensor's is in <see cref="Tensors"/>).
    /// </summary>
    public double? Lambda => Tensors.Select(t => t.Lambda).Distinct().ToArray() is [double lambda] ? lambda : null;

    /// <summary>"λ = 0.000123", per-layer "λ conv1.weight 0.001, conv2.weight 0.0004, …", or "" for a dense run.</summary>
    public string DescribeLambda() => Lambda is double lambda
        ? string.Create(CultureInfo.InvariantCulture, $"λ = {lambda:G3}")
        : Tensors.Any(t => t.Lambda.HasValue)
            ? "λ " + string.Join(", ", Tensors.Where(t => t.Lambda.HasValue).Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Name} {t.Lambda:G3}")))
            : "";
}

/// <summary>Sparsity of one weight tensor.</summary>
/// <param name="Name">The parameter name ("conv1.weight").</param>
/// <param name="Count">Entries.</param>
/// <param name="Nonzeros">Nonzero entries of the sparse tensor u (of w for a dense run).</param>
/// <param name="DistanceToSparse">‖w − u‖₂ (0 for a dense run).</param>
/// <param name="Lambda">RVSCGD's λ of the tensor's last u-update (the one a sparsity target found, or the fixed λ); null for a dense run.</param>
public sealed record TensorSparsity(string Name, int Count, int Nonzeros, double DistanceToSparse, double? Lambda = null)
{
    /// <summary>The fraction of entries that are zero.</summary>
    public double Sparsity => Count == 0 ? 0 : 1 - (double)Nonzeros / Count;
}
