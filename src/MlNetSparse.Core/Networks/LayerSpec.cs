using MlNetSparse.Core.Networks.Layers;
using MlNetSparse.Core.Numerics.Blas;

namespace MlNetSparse.Core.Networks;

/// <summary>
/// One entry of a network architecture, independent of the input size: a list of specs becomes a
/// network once the input shape is known (<see cref="Network"/>). Build one with the static methods,
/// e.g. <c>[LayerSpec.Convolution(6, 5, padding: 2), LayerSpec.BatchNorm(), LayerSpec.Binarized(), LayerSpec.MaxPool(2), …, LayerSpec.Dense(10)]</c>.
/// </summary>
public abstract record LayerSpec
{
    private protected LayerSpec()
    {
    }

    /// <summary>A 2-D convolution with <paramref name="filters"/> square kernels.</summary>
    public static LayerSpec Convolution(int filters, int kernelSize, int stride = 1, int padding = 0) =>
        new ConvolutionSpec(filters, kernelSize, stride, padding);

    /// <summary>Max pooling over square windows; <paramref name="stride"/> 0 means the window size.</summary>
    public static LayerSpec MaxPool(int size = 2, int stride = 0) => new PoolSpec(PoolKind.Max, size, stride == 0 ? size : stride);

    /// <summary>Average pooling over square windows; <paramref name="stride"/> 0 means the window size.</summary>
    public static LayerSpec AveragePool(int size = 2, int stride = 0) => new PoolSpec(PoolKind.Average, size, stride == 0 ? size : stride);

    /// <summary>A fully connected layer with <paramref name="units"/> outputs (flattens its input).</summary>
    public static LayerSpec Dense(int units) => new DenseSpec(units);

    /// <summary>Reads the sample as a flat vector.</summary>
    public static LayerSpec Flatten() => new FlattenSpec();

    /// <summary>Batch normalisation per channel (<see cref="BatchNormLayer"/>).</summary>
    public static LayerSpec BatchNorm(float epsilon = 1e-5f, float momentum = 0.1f) => new BatchNormSpec(epsilon, momentum);

    /// <summary>The binarized activation σ(z) = 1{z &gt; 0}, trained with the given coarse gradient.</summary>
    public static LayerSpec Binarized(CoarseGradient surrogate = CoarseGradient.ReluDerivative, float slope = 1f) =>
        new BinarizedSpec(surrogate, slope);

    /// <summary>The ReLU, for comparison.</summary>
    public static LayerSpec Relu() => new ReluSpec();

    /// <summary>The layer this spec describes, on samples of <paramref name="input"/>.</summary>
    internal abstract Layer Build(TensorShape input, string name, IBlas blas);

    /// <summary>The short name of the layer kind, used in parameter names ("conv", "dense", …).</summary>
    internal abstract string Kind { get; }
}

/// <summary>A 2-D convolution: <see cref="LayerSpec.Convolution"/>.</summary>
/// <param name="Filters">Output channels (≥ 1).</param>
/// <param name="KernelSize">Kernel side (≥ 1).</param>
/// <param name="Stride">Step between kernel positions (≥ 1).</param>
/// <param name="Padding">Zeros added on each side (≥ 0).</param>
public sealed record ConvolutionSpec(int Filters, int KernelSize, int Stride, int Padding) : LayerSpec
{
    internal override string Kind => "conv";

    internal override Layer Build(TensorShape input, string name, IBlas blas) => new Conv2DLayer(
        new Conv2DGeometry(input.Channels, input.Height, input.Width, Filters, KernelSize, KernelSize, Stride, Padding), blas, name);
}

/// <summary>Which statistic a pooling layer takes.</summary>
public enum PoolKind
{
    /// <summary>The window's maximum.</summary>
    Max,

    /// <summary>The window's mean.</summary>
    Average,
}

/// <summary>A pooling: <see cref="LayerSpec.MaxPool"/>, <see cref="LayerSpec.AveragePool"/>.</summary>
/// <param name="Pool">Max or average.</param>
/// <param name="Size">Window side (≥ 1).</param>
/// <param name="Stride">Step between windows (≥ 1).</param>
public sealed record PoolSpec(PoolKind Pool, int Size, int Stride) : LayerSpec
{
    internal override string Kind => Pool == PoolKind.Max ? "maxpool" : "avgpool";

    internal override Layer Build(TensorShape input, string name, IBlas blas)
    {
        var geometry = new PoolGeometry(input, Size, Stride);
        return Pool == PoolKind.Max ? new MaxPoolLayer(geometry) : new AveragePoolLayer(geometry);
    }
}

/// <summary>A fully connected layer: <see cref="LayerSpec.Dense"/>.</summary>
/// <param name="Units">Outputs (≥ 1).</param>
public sealed record DenseSpec(int Units) : LayerSpec
{
    internal override string Kind => "dense";

    internal override Layer Build(TensorShape input, string name, IBlas blas) => new DenseLayer(input, Units, blas, name);
}

/// <summary>A flatten: <see cref="LayerSpec.Flatten"/>.</summary>
public sealed record FlattenSpec : LayerSpec
{
    internal override string Kind => "flatten";

    internal override Layer Build(TensorShape input, string name, IBlas blas) => new FlattenLayer(input);
}

/// <summary>A batch normalisation: <see cref="LayerSpec.BatchNorm"/>.</summary>
/// <param name="Epsilon">ε added to the variance.</param>
/// <param name="Momentum">Weight of a new chunk in the running averages.</param>
public sealed record BatchNormSpec(float Epsilon, float Momentum) : LayerSpec
{
    internal override string Kind => "norm";

    internal override Layer Build(TensorShape input, string name, IBlas blas) => new BatchNormLayer(input, Epsilon, Momentum, name);
}

/// <summary>The binarized activation: <see cref="LayerSpec.Binarized"/>.</summary>
/// <param name="Surrogate">The coarse gradient.</param>
/// <param name="Slope">The slope of <see cref="CoarseGradient.ReluSlope"/>.</param>
public sealed record BinarizedSpec(CoarseGradient Surrogate, float Slope) : LayerSpec
{
    internal override string Kind => "sign";

    internal override Layer Build(TensorShape input, string name, IBlas blas) => new BinarizedActivation(input, Surrogate, Slope);
}

/// <summary>The ReLU: <see cref="LayerSpec.Relu"/>.</summary>
public sealed record ReluSpec : LayerSpec
{
    internal override string Kind => "relu";

    internal override Layer Build(TensorShape input, string name, IBlas blas) => new ReluLayer(input);
}
