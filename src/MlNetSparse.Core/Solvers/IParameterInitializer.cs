namespace MlNetSparse.Core.Solvers;

/// <summary>
/// The model's usual random initialisation of θ (all n entries), used by the random sparse start
/// and by the Monte-Carlo estimate of L₂ₛ.
/// </summary>
public interface IParameterInitializer
{
    /// <summary>Fills <paramref name="parameters"/> with a draw from <paramref name="random"/>.</summary>
    void Sample(Random random, Span<float> parameters);
}

/// <summary>
/// θᵢ ~ U(−a, a) independently. <see cref="ForLinearLayer"/> gives PyTorch's default for
/// nn.Linear (a = 1/√fan_in for weights and biases), the initialisation of the paper's experiments.
/// </summary>
public sealed class UniformInitializer : IParameterInitializer
{
    /// <summary>U(−<paramref name="bound"/>, <paramref name="bound"/>), bound &gt; 0.</summary>
    public UniformInitializer(double bound)
    {
        Guard.Positive(bound);
        Bound = bound;
    }

    /// <summary>a, the half-width of the interval.</summary>
    public double Bound { get; }

    /// <summary>a = 1/√n for a layer over n input features.</summary>
    public static UniformInitializer ForLinearLayer(int featureCount)
    {
        Guard.InRange(featureCount, 1, int.MaxValue);
        return new UniformInitializer(1 / Math.Sqrt(featureCount));
    }

    /// <inheritdoc/>
    public void Sample(Random random, Span<float> parameters)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < parameters.Length; i++)
            parameters[i] = (float)((2 * random.NextDouble() - 1) * Bound);
    }
}
