namespace MlNetSparse.Core.Objectives;

/// <summary>
/// Softmax cross-entropy: ℓ(z; y) = log Σ_c exp(z_c) − z_y, with ∂ℓ/∂z_c = softmax(z)_c − 1{c = y}.
/// Labels are class indices 0 … k−1. The loss of the paper's one-layer network on IRIS
/// (learning-sparse-nn-iht, §IV).
/// </summary>
public sealed class SoftmaxCrossEntropyLoss : IMarginLoss, IMarginBlockLoss
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

    double IMarginBlockLoss.WeightedLoss(ReadOnlySpan<float> margins, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights)
    {
        int k = OutputCount;
        double total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            ReadOnlySpan<float> z = margins.Slice(i * k, k);
            double max = Max(z), sum = 0;
            for (int c = 0; c < k; c++)
                sum += Math.Exp(z[c] - max);
            total += (weights.IsEmpty ? 1.0 : weights[i]) * (max + Math.Log(sum) - z[(int)labels[i]]);
        }
        return total;
    }

    double IMarginBlockLoss.WeightedLossAndScaledDerivatives(Span<float> margins, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights, double scale)
    {
        int k = OutputCount;
        double total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            Span<float> z = margins.Slice(i * k, k);
            int y = (int)labels[i];
            double max = Max(z), zy = z[y], sum = 0, others = 0;
            for (int c = 0; c < k; c++)
            {
                double e = Math.Exp(z[c] - max);
                sum += e;
                if (c != y)
                    others += e;
                z[c] = (float)e; // the margin is no longer needed: keep e_c in its place
            }
            double weight = weights.IsEmpty ? 1.0 : weights[i];
            total += weight * (max + Math.Log(sum) - zy);
            double factor = weight * scale / sum;
            for (int c = 0; c < k; c++)
                z[c] = (float)(z[c] * factor); // ω·scale·softmax(z)_c
            // softmax(z)_y − 1 = −Σ_{c≠y} e_c / Σ e_c: no cancellation when the model is confident.
            z[y] = (float)(-others * factor);
        }
        return total;
    }

    private static double Max(ReadOnlySpan<float> margins)
    {
        double max = double.NegativeInfinity;
        foreach (float z in margins)
            max = Math.Max(max, z);
        return max;
    }
}
