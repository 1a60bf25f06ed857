namespace MlNetSparse.Core.Networks.Layers;

/// <summary>
/// The fixed shape of one 2-D convolution: input channels and spatial size, output channels, kernel
/// size, stride and zero padding (the same on every side). Tensors are NCHW, row-major.
/// </summary>
public sealed record Conv2DGeometry
{
    /// <summary>Validates the shape and derives the output size.</summary>
    /// <param name="inChannels">Channels of the input (≥ 1).</param>
    /// <param name="inputHeight">Height of the input (≥ 1).</param>
    /// <param name="inputWidth">Width of the input (≥ 1).</param>
    /// <param name="outChannels">Channels of the output, one filter each (≥ 1).</param>
    /// <param name="kernelHeight">Kernel height (≥ 1, ≤ padded input height).</param>
    /// <param name="kernelWidth">Kernel width (≥ 1, ≤ padded input width).</param>
    /// <param name="stride">Step between kernel positions, both directions (≥ 1).</param>
    /// <param name="padding">Zero rows/columns added on each side (≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size out of its range.</exception>
    /// <exception cref="ArgumentException">The kernel is larger than the padded input.</exception>
    public Conv2DGeometry(int inChannels, int inputHeight, int inputWidth, int outChannels,
        int kernelHeight, int kernelWidth, int stride = 1, int padding = 0)
    {
        Guard.InRange(inChannels, 1, int.MaxValue);
        Guard.InRange(inputHeight, 1, int.MaxValue);
        Guard.InRange(inputWidth, 1, int.MaxValue);
        Guard.InRange(outChannels, 1, int.MaxValue);
        Guard.InRange(kernelHeight, 1, int.MaxValue);
        Guard.InRange(kernelWidth, 1, int.MaxValue);
        Guard.InRange(stride, 1, int.MaxValue);
        Guard.InRange(padding, 0, int.MaxValue / 4);
        long paddedHeight = inputHeight + 2L * padding, paddedWidth = inputWidth + 2L * padding;
        if (kernelHeight > paddedHeight || kernelWidth > paddedWidth)
            throw new ArgumentException(
                $"The kernel {kernelHeight}×{kernelWidth} is larger than the padded input {paddedHeight}×{paddedWidth} " +
                $"(input {inputHeight}×{inputWidth} with padding {padding} on each side).", nameof(kernelHeight));
        InChannels = inChannels;
        InputHeight = inputHeight;
        InputWidth = inputWidth;
        OutChannels = outChannels;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        Stride = stride;
        Padding = padding;
        OutputHeight = (int)((paddedHeight - kernelHeight) / stride + 1);
        OutputWidth = (int)((paddedWidth - kernelWidth) / stride + 1);
        // Fail here, not mid-training, when a buffer size would overflow an int (OverflowException).
        _ = (InputSize, OutputSize, WeightCount, checked(PatchSize * OutputPixels));
    }

    /// <summary>Channels of the input.</summary>
    public int InChannels { get; }

    /// <summary>Height of the input.</summary>
    public int InputHeight { get; }

    /// <summary>Width of the input.</summary>
    public int InputWidth { get; }

    /// <summary>Channels of the output.</summary>
    public int OutChannels { get; }

    /// <summary>Kernel height.</summary>
    public int KernelHeight { get; }

    /// <summary>Kernel width.</summary>
    public int KernelWidth { get; }

    /// <summary>Step between kernel positions.</summary>
    public int Stride { get; }

    /// <summary>Zero padding on each side.</summary>
    public int Padding { get; }

    /// <summary>Height of the output: ⌊(H + 2p − kh) / stride⌋ + 1.</summary>
    public int OutputHeight { get; }

    /// <summary>Width of the output: ⌊(W + 2p − kw) / stride⌋ + 1.</summary>
    public int OutputWidth { get; }

    /// <summary>Floats in one input sample (C·H·W).</summary>
    public int InputSize => checked(InChannels * InputHeight * InputWidth);

    /// <summary>Floats in one output sample (outChannels·outH·outW).</summary>
    public int OutputSize => checked(OutChannels * OutputPixels);

    /// <summary>Output positions per channel (outH·outW): the columns of the im2col matrix.</summary>
    public int OutputPixels => checked(OutputHeight * OutputWidth);

    /// <summary>Floats in one receptive field (C·kh·kw): the rows of the im2col matrix.</summary>
    public int PatchSize => checked(InChannels * KernelHeight * KernelWidth);

    /// <summary>Floats in the weights (outChannels·C·kh·kw).</summary>
    public int WeightCount => checked(OutChannels * PatchSize);
}
