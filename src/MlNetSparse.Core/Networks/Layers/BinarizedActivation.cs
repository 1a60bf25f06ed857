using System.Numerics;

namespace MlNetSparse.Core.Networks.Layers;

/// <summary>
/// The binarized ReLU σ(z) = 1{z &gt; 0}, element-wise, with a coarse-gradient backward pass
/// ∂L/∂z = ∂L/∂σ · μ′(z) for the chosen surrogate μ (docs/algorithms.md#coarse-gradients).
/// </summary>
public sealed class BinarizedActivation : Layer
{
    /// <summary>An activation on samples of <paramref name="shape"/> whose backward pass uses <paramref name="surrogate"/>.</summary>
    /// <param name="shape">The sample shape (unchanged by the activation).</param>
    /// <param name="surrogate">The proxy derivative.</param>
    /// <param name="slope">The slope c of <see cref="CoarseGradient.ReluSlope"/> (finite, &gt; 0); ignored by the others.</param>
    /// <exception cref="ArgumentOutOfRangeException">An undefined surrogate or a slope that is not a finite number &gt; 0.</exception>
    public BinarizedActivation(TensorShape shape, CoarseGradient surrogate = CoarseGradient.ReluDerivative, float slope = 1f)
        : base(shape, shape)
    {
        Guard.Defined(surrogate);
        Guard.Positive(slope);
        Surrogate = surrogate;
        Slope = surrogate == CoarseGradient.ReluSlope ? slope : 1f;
    }

    /// <summary>The proxy derivative used by the backward pass.</summary>
    public CoarseGradient Surrogate { get; }

    /// <summary>The slope c of <see cref="CoarseGradient.ReluSlope"/>; 1 for the other surrogates.</summary>
    public float Slope { get; }

    /// <inheritdoc/>
    public override string Describe() => Surrogate == CoarseGradient.ReluSlope
        ? $"Binarized σ (coarse gradient {Surrogate}, c = {Slope})"
        : $"Binarized σ (coarse gradient {Surrogate})";

    /// <summary>output[i] = 1 if input[i] &gt; 0, else 0 (NaN maps to 0).</summary>
    /// <exception cref="ArgumentException">Spans of different lengths.</exception>
    public static void Apply(ReadOnlySpan<float> input, Span<float> output)
    {
        Guard.Length(output.Length, input.Length, nameof(output));
        int i = 0;
        // NaN > 0 is false in the vector compare too, so NaN maps to 0 on both paths.
        for (; i <= input.Length - Vector<float>.Count; i += Vector<float>.Count)
            Vector.ConditionalSelect(Vector.GreaterThan(new Vector<float>(input[i..]), Vector<float>.Zero), Vector<float>.One, Vector<float>.Zero)
                .CopyTo(output[i..]);
        for (; i < input.Length; i++)
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
    /// <param name="input">The pre-activations z.</param>
    /// <param name="outputGradient">∂L/∂σ.</param>
    /// <param name="inputGradient">The coarse ∂L/∂z, overwritten.</param>
    /// <exception cref="ArgumentException">Spans of different lengths.</exception>
    public void CoarseBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Guard.Length(outputGradient.Length, input.Length, nameof(outputGradient));
        Guard.Length(inputGradient.Length, input.Length, nameof(inputGradient));
        int i = 0;
        if (Surrogate == CoarseGradient.Identity)
        {
            outputGradient.CopyTo(inputGradient);
            return;
        }
        // μ′ is 0 or a constant on an interval: a mask, then a multiply (the same values as the scalar loop).
        var slope = new Vector<float>(Slope);
        var upper = new Vector<float>(Surrogate == CoarseGradient.ClippedRelu ? 1f : float.PositiveInfinity);
        for (; i <= input.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var z = new Vector<float>(input[i..]);
            var inside = Vector.BitwiseAnd(Vector.GreaterThan(z, Vector<float>.Zero), Vector.LessThan(z, upper));
            Vector.ConditionalSelect(inside, new Vector<float>(outputGradient[i..]) * slope, Vector<float>.Zero).CopyTo(inputGradient[i..]);
        }
        for (; i < input.Length; i++)
            inputGradient[i] = outputGradient[i] * SurrogateDerivative(input[i]);
    }

    internal override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, LayerState state)
    {
        int length = batch * InputShape.Size;
        Apply(input.Slice(0, length), output.Slice(0, length));
    }

    internal override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch, LayerState state)
    {
        if (inputGradient.IsEmpty)
            return;
        int length = batch * InputShape.Size;
        CoarseBackward(input.Slice(0, length), outputGradient.Slice(0, length), inputGradient.Slice(0, length));
    }
}
