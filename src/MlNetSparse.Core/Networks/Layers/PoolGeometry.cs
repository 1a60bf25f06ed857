namespace MlNetSparse.Core.Networks.Layers;

/// <summary>
/// The shape of a 2-D pooling: square windows of <see cref="Size"/> moved by <see cref="Stride"/>,
/// no padding, windows that would cross the border dropped (ONNX's default floor rounding).
/// </summary>
public sealed record PoolGeometry
{
    /// <summary>Validates the window against the input.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or stride below 1.</exception>
    /// <exception cref="ArgumentException">The window is larger than the input.</exception>
    public PoolGeometry(TensorShape input, int size, int stride)
    {
        Guard.InRange(size, 1, int.MaxValue);
        Guard.InRange(stride, 1, int.MaxValue);
        if (size > input.Height || size > input.Width)
            throw new ArgumentException(
                $"The pooling window {size}×{size} is larger than its input {input.Height}×{input.Width}.", nameof(size));
        Input = input;
        Size = size;
        Stride = stride;
        Output = new TensorShape(input.Channels, (input.Height - size) / stride + 1, (input.Width - size) / stride + 1);
    }

    /// <summary>The input sample shape.</summary>
    public TensorShape Input { get; }

    /// <summary>The output sample shape: ⌊(H − size)/stride⌋ + 1 per side.</summary>
    public TensorShape Output { get; }

    /// <summary>Window side.</summary>
    public int Size { get; }

    /// <summary>Step between windows.</summary>
    public int Stride { get; }
}
