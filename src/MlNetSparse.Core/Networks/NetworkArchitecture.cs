namespace MlNetSparse.Core.Networks;

/// <summary>Ready-made architectures.</summary>
public static class NetworkArchitecture
{
    /// <summary>
    /// The smallest height and width <see cref="BinarizedLeNet5(TensorShape, int, CoarseGradient, bool)"/> fits: two 2×2 max-pools halve each side
    /// twice (4 → 2 → 1), and the padded convolutions keep it, so a side below 4 pools to nothing.
    /// </summary>
    public const int BinarizedLeNet5MinimumSide = 4;

    /// <summary>
    /// LeNet-5 with every activation binarized and batch normalisation before each σ:
    /// conv 6@5×5 (pad 2) → BN → σ → maxpool 2 → conv 16@5×5 → BN → σ → maxpool 2 → dense 120 → BN → σ
    /// → dense 84 → BN → σ → dense <paramref name="classes"/>. On inputs smaller than 16×16 the
    /// second convolution is padded too, so the default fits any image of at least
    /// <see cref="BinarizedLeNet5MinimumSide"/> × <see cref="BinarizedLeNet5MinimumSide"/> (4×4).
    /// </summary>
    /// <param name="input">The image shape.</param>
    /// <param name="classes">Outputs of the last layer (≥ 2).</param>
    /// <param name="surrogate">The coarse gradient of every σ.</param>
    /// <param name="binarized">False puts ReLU in place of σ (the usual LeNet, for comparison).</param>
    public static IReadOnlyList<LayerSpec> BinarizedLeNet5(TensorShape input, int classes,
        CoarseGradient surrogate = CoarseGradient.ReluDerivative, bool binarized = true)
        => BinarizedLeNet5(input, classes, width: 1, surrogate, binarized);

    /// <summary>
    /// <see cref="BinarizedLeNet5(TensorShape, int, CoarseGradient, bool)"/> with every hidden layer <paramref name="width"/>
    /// times as wide: 6w and 16w filters, 120w and 84w units, each rounded to the nearest whole number. A binary
    /// activation carries one bit where ReLU carries a real number, so a binarized LeNet-5 underfits at LeNet's
    /// widths (docs/benchmarks.md#binarized-cnns); parameters grow about as w² (the dense layers dominate).
    /// </summary>
    /// <param name="input">The image shape.</param>
    /// <param name="classes">Outputs of the last layer (≥ 2).</param>
    /// <param name="width">The width multiplier, from 0.25 to 16; 1 is LeNet-5.</param>
    /// <param name="surrogate">The coarse gradient of every σ.</param>
    /// <param name="binarized">False puts ReLU in place of σ (the usual LeNet, for comparison).</param>
    public static IReadOnlyList<LayerSpec> BinarizedLeNet5(TensorShape input, int classes, double width,
        CoarseGradient surrogate = CoarseGradient.ReluDerivative, bool binarized = true)
    {
        Guard.InRange(classes, 2, int.MaxValue);
        if (!(width >= MinimumWidth && width <= MaximumWidth))
            throw new ArgumentOutOfRangeException(nameof(width), width, $"width must be from {MinimumWidth} to {MaximumWidth} (1 is LeNet-5).");
        LayerSpec Activation() => binarized ? LayerSpec.Binarized(surrogate) : LayerSpec.Relu();
        int Scaled(int units) => (int)Math.Round(units * width, MidpointRounding.AwayFromZero);
        int secondPadding = Math.Min(input.Height, input.Width) / 2 >= 8 ? 0 : 2;
        return
        [
            LayerSpec.Convolution(Scaled(6), 5, padding: 2), LayerSpec.BatchNorm(), Activation(), LayerSpec.MaxPool(2),
            LayerSpec.Convolution(Scaled(16), 5, padding: secondPadding), LayerSpec.BatchNorm(), Activation(), LayerSpec.MaxPool(2),
            LayerSpec.Flatten(),
            LayerSpec.Dense(Scaled(120)), LayerSpec.BatchNorm(), Activation(),
            LayerSpec.Dense(Scaled(84)), LayerSpec.BatchNorm(), Activation(),
            LayerSpec.Dense(classes),
        ];
    }

    /// <summary>The narrowest <see cref="BinarizedLeNet5(TensorShape, int, double, CoarseGradient, bool)"/>: 2 filters in the first convolution.</summary>
    public const double MinimumWidth = 0.25;

    /// <summary>The widest: 96 and 256 filters, 1,920 and 1,344 units.</summary>
    public const double MaximumWidth = 16;
}
