namespace MlNetSparse.Core.Networks;

/// <summary>A loss on the network's outputs, summed over samples, with its gradient.</summary>
public interface INetworkLoss
{
    /// <summary>Floats of target per sample, for a network with <paramref name="outputSize"/> outputs.</summary>
    int TargetsPerSample(int outputSize);

    /// <summary>Checks one sample's targets; returns null when valid, else what is wrong.</summary>
    string? CheckTargets(ReadOnlySpan<float> targets, int outputSize);

    /// <summary>
    /// Returns Σₙ ℓ(outputsₙ, targetsₙ) and writes outputGradient = gradientScale · ∂/∂outputs of that sum.
    /// </summary>
    double Evaluate(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int batch, int outputSize,
        float gradientScale, Span<float> outputGradient);
}
