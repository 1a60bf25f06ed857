namespace MlNetSparse.Core.Objectives;

/// <summary>
/// Softmax cross-entropy: ℓ(z; y) = log Σ_c exp(z_c) − z_y, with ∂ℓ/∂z_c = softmax(z)_c − 1{c = y}.
/// Labels are class indices 0 … k−1. The loss of the paper's one-layer network on IRIS
/// (learning-sparse-nn-iht, §IV).
/// </summary>
public sealed class SoftmaxCrossEntropyLoss : IMarginLoss
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
    public bool IsValidLabel(float label) => label >= 0 && label < OutputCount && label == MathF.Floor(label);

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<float> margins, float label)
        => LogSumExp(margins, out _) - margins[(int)label];

    /// <inheritdoc/>
    public double ValueAndDerivative(ReadOnlySpan<float> margins, float label, Span<float> derivative)
    {
        double logSum = LogSumExp(margins, out _);
        for (int c = 0; c < margins.Length; c++)
            derivative[c] = (float)Math.Exp(margins[c] - logSum); // softmax(z)_c
        int y = (int)label;
        derivative[y] -= 1f;
        return logSum - margins[y];
    }

    // log Σ exp(z_c), shifted by max z so that no exponential overflows.
    private static double LogSumExp(ReadOnlySpan<float> margins, out double max)
    {
        max = double.NegativeInfinity;
        foreach (float z in margins)
            max = Math.Max(max, z);
        double sum = 0;
        foreach (float z in margins)
            sum += Math.Exp(z - max);
        return max + Math.Log(sum);
    }
}
