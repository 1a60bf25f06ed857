namespace MlNetSparse.Core.Networks;

/// <summary>
/// ℓ(z, y) = log Σⱼ exp zⱼ − z_y for logits z and a class index y; ∂ℓ/∂z = softmax(z) − e_y.
/// Computed with the max shifted out, in double, so large logits do not overflow.
/// </summary>
public sealed class SoftmaxCrossEntropyLoss : INetworkLoss
{
    /// <inheritdoc/>
    public int TargetsPerSample(int outputSize) => 1;

    /// <inheritdoc/>
    public string? CheckTargets(ReadOnlySpan<float> targets, int outputSize)
    {
        float y = targets[0];
        return y >= 0 && y < outputSize && y == MathF.Floor(y)
            ? null
            : $"a class index must be an integer in [0, {outputSize - 1}]; got {y}";
    }

    /// <inheritdoc/>
    public double Evaluate(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int batch, int outputSize,
        float gradientScale, Span<float> outputGradient)
    {
        double total = 0;
        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<float> z = outputs.Slice(n * outputSize, outputSize);
            Span<float> g = outputGradient.Slice(n * outputSize, outputSize);
            int label = (int)targets[n];
            float max = float.NegativeInfinity;
            foreach (float v in z)
                max = MathF.Max(max, v);
            double sum = 0;
            for (int j = 0; j < outputSize; j++)
                sum += Math.Exp(z[j] - max);
            total += Math.Log(sum) + max - z[label];
            for (int j = 0; j < outputSize; j++)
                g[j] = gradientScale * (float)(Math.Exp(z[j] - max) / sum - (j == label ? 1 : 0));
        }
        return total;
    }
}
