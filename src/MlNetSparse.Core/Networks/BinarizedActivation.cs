namespace MlNetSparse.Core.Networks;

/// <summary>
/// The binarized ReLU σ(z) = 1{z &gt; 0}, element-wise, with a coarse-gradient backward pass
/// ∂L/∂z = ∂L/∂σ · μ′(z) for the chosen surrogate μ (ALGORITHMS.md §7).
/// </summary>
public sealed class BinarizedActivation
{
    /// <summary>An activation whose backward pass uses <paramref name="surrogate"/>.</summary>
    /// <param name="surrogate">The proxy derivative.</param>
    /// <param name="slope">The slope c of <see cref="CoarseGradient.ReluSlope"/> (finite, &gt; 0); ignored by the others.</param>
    /// <exception cref="ArgumentOutOfRangeException">An undefined surrogate or a slope that is not a finite number &gt; 0.</exception>
    public BinarizedActivation(CoarseGradient surrogate = CoarseGradient.ReluDerivative, float slope = 1f)
    {
        Guard.Defined(surrogate);
        Guard.Positive(slope);
        Surrogate = surrogate;
        Slope = surrogate == CoarseGradient.ReluSlope ? slope : 1f;
    }

    /// <summary>The proxy derivative used by <see cref="Backward"/>.</summary>
    public CoarseGradient Surrogate { get; }

    /// <summary>The slope c of <see cref="CoarseGradient.ReluSlope"/>; 1 for the other surrogates.</summary>
    public float Slope { get; }

    /// <summary>output[i] = 1 if input[i] &gt; 0, else 0 (NaN maps to 0).</summary>
    /// <exception cref="ArgumentException">Spans of different lengths.</exception>
    public static void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        Guard.Length(output.Length, input.Length, nameof(output));
        for (int i = 0; i < input.Length; i++)
            output[i] = input[i] > 0f ? 1f : 0f;
    }

    /// <summary>μ′(z) for this surrogate.</summary>
    public float SurrogateDerivative(float z) => Surrogate switch
    {
        CoarseGradient.ReluDerivative => z > 0f ? 1f : 0f,
        CoarseGradient.ReluSlope => z > 0f ? Slope : 0f,
        CoarseGradient.ClippedRelu => z > 0f && z < 1f ? 1f : 0f,
        _ => 1f,
    };

    /// <summary>inputGradient[i] = outputGradient[i] · μ′(input[i]): the coarse gradient.</summary>
    /// <param name="input">The pre-activations z given to <see cref="Forward"/>.</param>
    /// <param name="outputGradient">∂L/∂σ.</param>
    /// <param name="inputGradient">The coarse ∂L/∂z, overwritten.</param>
    /// <exception cref="ArgumentException">Spans of different lengths.</exception>
    public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Guard.Length(outputGradient.Length, input.Length, nameof(outputGradient));
        Guard.Length(inputGradient.Length, input.Length, nameof(inputGradient));
        for (int i = 0; i < input.Length; i++)
            inputGradient[i] = outputGradient[i] * SurrogateDerivative(input[i]);
    }
}
