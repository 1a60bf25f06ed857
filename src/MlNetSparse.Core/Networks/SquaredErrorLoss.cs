namespace MlNetSparse.Core.Networks;

/// <summary>ℓ(o, t) = ½‖o − t‖² for a target vector t of the output's size; ∂ℓ/∂o = o − t.</summary>
public sealed class SquaredErrorLoss : INetworkLoss
{
    /// <inheritdoc/>
    public int TargetsPerSample(int outputSize) => outputSize;

    /// <inheritdoc/>
    public string? CheckTargets(ReadOnlySpan<float> targets, int outputSize)
    {
        foreach (float t in targets)
            if (!float.IsFinite(t))
                return $"targets must be finite; got {t}";
        return null;
    }

    /// <inheritdoc/>
    public double Evaluate(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int batch, int outputSize,
        float gradientScale, Span<float> outputGradient)
    {
        double total = 0;
        int length = batch * outputSize;
        for (int i = 0; i < length; i++)
        {
            float r = outputs[i] - targets[i];
            total += 0.5 * r * r;
            outputGradient[i] = gradientScale * r;
        }
        return total;
    }
}
