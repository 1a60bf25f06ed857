namespace MlNetSparse.Core.Networks;

/// <summary>
/// The shape of one sample flowing between layers: channels × height × width, stored row-major
/// (CHW). A flat vector of n features is (n, 1, 1).
/// </summary>
/// <param name="Channels">Channels (≥ 1).</param>
/// <param name="Height">Height (≥ 1).</param>
/// <param name="Width">Width (≥ 1).</param>
public readonly record struct TensorShape(int Channels, int Height, int Width)
{
    /// <summary>A flat vector of <paramref name="length"/> features.</summary>
    public static TensorShape Vector(int length) => new(length, 1, 1);

    /// <summary>Floats in one sample, C·H·W.</summary>
    public int Size => checked(Channels * Height * Width);

    /// <summary>True for a flat vector (H = W = 1).</summary>
    public bool IsVector => Height == 1 && Width == 1;

    /// <inheritdoc/>
    public override string ToString() => IsVector ? $"{Channels}" : $"{Channels}×{Height}×{Width}";
}
