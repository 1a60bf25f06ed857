using System.Numerics.Tensors;

namespace MlNetSparse.Core.Networks.Layers;

/// <summary>The ReLU max(z, 0), element-wise, for comparison with the binarized activation.</summary>
public sealed class ReluLayer : Layer
{
    /// <summary>A ReLU on samples of <paramref name="shape"/>.</summary>
    public ReluLayer(TensorShape shape)
        : base(shape, shape)
    {
    }

    /// <inheritdoc/>
    public override string Describe() => "ReLU";

    internal override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, LayerState state)
    {
        int length = batch * InputShape.Size;
        TensorPrimitives.Max(input.Slice(0, length), 0f, output.Slice(0, length));
    }

    internal override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch, LayerState state)
    {
        if (inputGradient.IsEmpty)
            return;
        int length = batch * InputShape.Size;
        for (int i = 0; i < length; i++)
            inputGradient[i] = input[i] > 0f ? outputGradient[i] : 0f;
    }
}
