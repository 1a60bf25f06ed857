namespace MlNetSparse.Core.Numerics;

/// <summary>Shape checks shared by every <see cref="IFeatureMatrix"/>, done once before any kernel.</summary>
internal static class FeatureMatrixChecks
{
    public static void Multiply(IFeatureMatrix x, ReadOnlySpan<float> weights, int outputCount, Span<float> margins)
    {
        Guard.InRange(outputCount, 1, int.MaxValue);
        Guard.Length(weights.Length, outputCount * x.ColumnCount, nameof(weights));
        Guard.Length(margins.Length, outputCount * x.RowCount, nameof(margins));
    }

    public static void TransposeMultiply(IFeatureMatrix x, ReadOnlySpan<float> coefficients, int outputCount, Span<float> result)
    {
        Guard.InRange(outputCount, 1, int.MaxValue);
        Guard.Length(coefficients.Length, outputCount * x.RowCount, nameof(coefficients));
        Guard.Length(result.Length, outputCount * x.ColumnCount, nameof(result));
    }

    public static void WeightedColumnSquares(IFeatureMatrix x, ReadOnlySpan<float> rowWeights, Span<double> result)
    {
        Guard.Length(rowWeights.Length, x.RowCount, nameof(rowWeights));
        Guard.Length(result.Length, x.ColumnCount, nameof(result));
    }
}
