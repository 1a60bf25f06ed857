namespace MlNetSparse.Core.Networks;

/// <summary>Ready-made architectures.</summary>
public static class NetworkArchitecture
{
    /// <summary>
    /// The smallest height and width <see cref="BinarizedLeNet5"/> fits: two 2×2 max-pools halve each side
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
    {
        Guard.InRange(classes, 2, int.MaxValue);
        LayerSpec Activation() => binarized ? LayerSpec.Binarized(surrogate) : LayerSpec.Relu();
        int secondPadding = Math.Min(input.Height, input.Width) / 2 >= 8 ? 0 : 2;
        return
        [
            LayerSpec.Convolution(6, 5, padding: 2), LayerSpec.BatchNorm(), Activation(), LayerSpec.MaxPool(2),
            LayerSpec.Convolution(16, 5, padding: secondPadding), LayerSpec.BatchNorm(), Activation(), LayerSpec.MaxPool(2),
            LayerSpec.Flatten(),
            LayerSpec.Dense(120), LayerSpec.BatchNorm(), Activation(),
            LayerSpec.Dense(84), LayerSpec.BatchNorm(), Activation(),
            LayerSpec.Dense(classes),
        ];
    }
}
