namespace MlNetSparse.Core.Networks.Layers;

/// <summary>
/// Reads a C×H×W sample as a flat vector of C·H·W features in CHW order (ONNX Flatten, axis 1).
/// The memory layout does not change, so forward and backward are copies.
/// </summary>
public sealed class FlattenLayer : Layer
{
    /// <summary>A flatten of samples of <paramref name="inputShape"/>.</summary>
    public FlattenLayer(TensorShape inputShape)
        : base(inputShape, TensorShape.Vector(inputShape.Size))
    {
    }

    /// <inheritdoc/>
    public override string Describe() => $"Flatten → {OutputShape}";

    internal override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, LayerState state) =>
        input.Slice(0, batch * InputShape.Size).CopyTo(output);

    internal override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch, LayerState state)
    {
        if (!inputGradient.IsEmpty)
            outputGradient.Slice(0, batch * InputShape.Size).CopyTo(inputGradient);
    }
}
