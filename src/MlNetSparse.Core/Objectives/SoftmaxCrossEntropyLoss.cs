using System.Buffers;
using System.Numerics.Tensors;

namespace MlNetSparse.Core.Objectives;

/// <summary>
/// Softmax cross-entropy: ℓ(z; y) = log Σ_c exp(z_c) − z_y, with ∂ℓ/∂z_c = softmax(z)_c − 1{c = y}.
/// Labels are class indices 0 … k−1. The loss of the paper's one-layer network on IRIS and of the
/// binarized CNN's head (docs/algorithms.md#softmax-cross-entropy).
/// </summary>
/// <remarks>
/// Written in two layouts of the same formula here: per row and per row-major block (double accumulation, for the
/// fused row passes and the network head). <see cref="DenseSoftmaxObjective"/> fuses it with its operator for
/// small dense problems (eight rows per vector, exp and log in float).
/// </remarks>
public sealed class SoftmaxCrossEntropyLoss : ITwiceDifferentiableMarginLoss
{
    /// <summary>A softmax over <paramref name="classCount"/> classes (≥ 2).</summary>
    public SoftmaxCrossEntropyLoss(int classCount)
    {
        Guard.InRange(classCount, 2, int.MaxValue);
        OutputCount = classCount;
    }

    /// <inheritdoc/>
    public int OutputCount { get; }

    /// <inheritdoc/>
    public string LabelDescription => $"a class index in [0, {OutputCount - 1}]";

    /// <inheritdoc/>
    /// <remarks>∂²ℓ/∂z_c² = p_c(1 − p_c) ≤ ¼.</remarks>
    public double CurvatureBound => 0.25;

    /// <inheritdoc/>
    public bool IsValidLabel(float label) => label >= 0 && label < OutputCount && label == MathF.Floor(label);

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<float> margins, float label)
    {
        double max = Max(margins), sum = 0;
        foreach (float z in margins)
            sum += Math.Exp(z - max);
        return max + Math.Log(sum) - margins[(int)label];
    }

    /// <inheritdoc/>
    public double ValueAndDerivative(ReadOnlySpan<float> margins, float label, Span<float> derivative)
    {
        // Shifted by max z so that no exponential overflows; each exponential is taken once.
        double max = Max(margins), sum = 0;
        for (int c = 0; c < margins.Length; c++)
        {
            double e = Math.Exp(margins[c] - max);
            derivative[c] = (float)e;
            sum += e;
        }
        float inverse = (float)(1 / sum);
        for (int c = 0; c < margins.Length; c++)
            derivative[c] *= inverse; // softmax(z)_c
        int y = (int)label;
        derivative[y] -= 1f;
        return max + Math.Log(sum) - margins[y];
    }

    /// <inheritdoc/>
    public double WeightedLoss(ReadOnlySpan<float> margins, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights)
    {
        int k = OutputCount, group = Math.Max(1, Stride / k);
        double[]? rented = k > Stride ? ArrayPool<double>.Shared.Rent(k) : null;
        Span<double> e = rented ?? stackalloc double[Stride], sums = stackalloc double[Stride], logSums = stackalloc double[Stride];
        double total = 0;
        for (int start = 0; start < labels.Length; start += group)
        {
            int count = Math.Min(group, labels.Length - start);
            Exponentials(margins.Slice(start * k, count * k), e, sums, logSums);
            for (int r = 0; r < count; r++)
            {
                int i = start + r;
                // ℓ = log Σ_c exp(z_c) − z_y
                total += (weights.IsEmpty ? 1.0 : weights[i]) * (logSums[r] - margins[i * k + (int)labels[i]]);
            }
        }
        if (rented is not null)
            ArrayPool<double>.Shared.Return(rented);
        return total;
    }

    /// <inheritdoc/>
    public double WeightedLossAndScaledDerivatives(Span<float> margins, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights, double scale)
    {
        int k = OutputCount, group = Math.Max(1, Stride / k);
        double[]? rented = k > Stride ? ArrayPool<double>.Shared.Rent(k) : null;
        Span<double> e = rented ?? stackalloc double[Stride], sums = stackalloc double[Stride], logSums = stackalloc double[Stride];
        double total = 0;
        for (int start = 0; start < labels.Length; start += group)
        {
            int count = Math.Min(group, labels.Length - start);
            Exponentials(margins.Slice(start * k, count * k), e, sums, logSums);
            for (int r = 0; r < count; r++)
            {
                int i = start + r, y = (int)labels[i];
                Span<float> z = margins.Slice(i * k, k);
                ReadOnlySpan<double> exponentials = e.Slice(r * k, k);
                double weight = weights.IsEmpty ? 1.0 : weights[i];
                total += weight * (logSums[r] - z[y]);
                double sum = 0, others = 0;
                for (int c = 0; c < k; c++)
                {
                    sum += exponentials[c];
                    if (c != y)
                        others += exponentials[c];
                }
                double factor = weight * scale / sum;
                for (int c = 0; c < k; c++)
                    z[c] = (float)(exponentials[c] * factor); // ω·scale·softmax(z)_c
                // softmax(z)_y − 1 = −Σ_{c≠y} e_c / Σ e_c: no cancellation when the model is confident.
                z[y] = (float)(-others * factor);
            }
        }
        if (rented is not null)
            ArrayPool<double>.Shared.Return(rented);
        return total;
    }

    /// <inheritdoc/>
    /// <remarks>With p = softmax(z): ∂ℓ/∂z_c = p_c − 1{c = y} and ∂²ℓ/∂z_c∂z_c′ = p_c·1{c = c′} − p_c·p_c′.</remarks>
    public double ValueDerivativeAndHessian(ReadOnlySpan<double> margins, float label, Span<double> derivative, Span<double> hessian)
    {
        int k = OutputCount, y = (int)label;
        double max = double.NegativeInfinity, sum = 0;
        foreach (double z in margins)
            max = Math.Max(max, z);
        for (int c = 0; c < k; c++)
        {
            derivative[c] = Math.Exp(margins[c] - max);
            sum += derivative[c];
        }
        for (int c = 0; c < k; c++)
            derivative[c] /= sum; // p_c
        for (int c = 0; c < k; c++)
            for (int other = 0; other < k; other++)
                hessian[c * k + other] = (c == other ? derivative[c] : 0) - derivative[c] * derivative[other];
        double value = max + Math.Log(sum) - margins[y];
        derivative[y] -= 1;
        return value;
    }

    // Margins go through the vectorized exponential this many at a time (2 KiB of stack per buffer).
    private const int Stride = 256;

    // For each row r of the group: e[r·k + c] = exp(z_c − max z) (shifted so that none overflows) and
    // logSums[r] = max z + log Σ_c e[r·k + c] = log Σ_c exp(z_c), vectorized across the group.
    private void Exponentials(ReadOnlySpan<float> margins, Span<double> e, Span<double> sums, Span<double> logSums)
    {
        int k = OutputCount, count = margins.Length / k;
        e = e[..margins.Length];
        sums = sums[..count];
        for (int r = 0; r < count; r++)
        {
            ReadOnlySpan<float> z = margins.Slice(r * k, k);
            double max = Max(z);
            logSums[r] = max;
            for (int c = 0; c < k; c++)
                e[r * k + c] = z[c] - max;
        }
        TensorPrimitives.Exp(e, e);
        for (int r = 0; r < count; r++)
        {
            double sum = 0;
            foreach (double value in e.Slice(r * k, k))
                sum += value;
            sums[r] = sum;
        }
        TensorPrimitives.Log(sums, sums);
        for (int r = 0; r < count; r++)
            logSums[r] += sums[r];
    }

    private static double Max(ReadOnlySpan<float> margins)
    {
        double max = double.NegativeInfinity;
        foreach (float z in margins)
            max = Math.Max(max, z);
        return max;
    }
}
