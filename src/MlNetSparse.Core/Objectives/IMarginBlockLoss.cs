namespace MlNetSparse.Core.Objectives;

/// <summary>
/// A <see cref="IMarginLoss"/> applied to a block of rows in place, for the fused passes: no
/// per-row scratch, and one formula per loss for each row's value, so that a loss-only pass and a
/// gradient pass return the same sum bit for bit.
/// </summary>
/// <remarks>Blocks are count×k row-major margins; empty <c>weights</c> means every ωᵢ = 1. Stateless and thread-safe.</remarks>
internal interface IMarginBlockLoss
{
    /// <summary>Σᵢ ωᵢ ℓ(zᵢ; yᵢ) over the block's rows.</summary>
    double WeightedLoss(ReadOnlySpan<float> margins, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights);

    /// <summary>The same sum, overwriting each zᵢ with ωᵢ·<paramref name="scale"/>·∂ℓ/∂z (zᵢ; yᵢ).</summary>
    double WeightedLossAndScaledDerivatives(Span<float> margins, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights, double scale);
}

/// <summary>Block form of any <see cref="IMarginLoss"/> through its per-row methods (for losses written outside this library).</summary>
internal sealed class PerRowBlockLoss(IMarginLoss loss) : IMarginBlockLoss
{
    // Longer derivative rows come from the shared pool rather than the stack.
    private const int StackLimit = 256;

    public double WeightedLoss(ReadOnlySpan<float> margins, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights)
    {
        int k = loss.OutputCount;
        double total = 0;
        for (int i = 0; i < labels.Length; i++)
            total += (weights.IsEmpty ? 1.0 : weights[i]) * loss.Value(margins.Slice(i * k, k), labels[i]);
        return total;
    }

    public double WeightedLossAndScaledDerivatives(Span<float> margins, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights, double scale)
    {
        int k = loss.OutputCount;
        float[]? rented = k > StackLimit ? System.Buffers.ArrayPool<float>.Shared.Rent(k) : null;
        Span<float> derivative = rented is null ? stackalloc float[k] : rented.AsSpan(0, k);
        double total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            Span<float> row = margins.Slice(i * k, k);
            double weight = weights.IsEmpty ? 1.0 : weights[i];
            total += weight * loss.ValueAndDerivative(row, labels[i], derivative);
            for (int c = 0; c < k; c++)
                row[c] = (float)(derivative[c] * weight * scale);
        }
        if (rented is not null)
            System.Buffers.ArrayPool<float>.Shared.Return(rented);
        return total;
    }
}
