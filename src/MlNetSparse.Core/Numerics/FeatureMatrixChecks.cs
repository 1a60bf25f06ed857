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

    public static void WeightedColumnSquares(IFeatureMatrix x, ReadOnlySpan<float> rowWeights, Span<double> result, int maxDegreeOfParallelism)
    {
        Guard.InRange(maxDegreeOfParallelism, 1, int.MaxValue);
        Guard.Length(rowWeights.Length, x.RowCount, nameof(rowWeights));
        Guard.Length(result.Length, x.ColumnCount, nameof(result));
    }

    public static void FusedPass(IFeatureMatrix x, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases,
        IMarginBlockTransform transform, int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(transform);
        Guard.InRange(transform.OutputCount, 1, int.MaxValue / x.ColumnCount, "OutputCount");
        Guard.Length(weights.Length, transform.OutputCount * x.ColumnCount, nameof(weights));
        Guard.Length(biases.Length, transform.OutputCount, nameof(biases));
        Guard.InRange(maxDegreeOfParallelism, 1, int.MaxValue);
    }

    public static void FusedGradient(IFeatureMatrix x, int outputCount, Span<float> weightGradient, Span<float> biasGradient)
    {
        Guard.Length(weightGradient.Length, outputCount * x.ColumnCount, nameof(weightGradient));
        Guard.Length(biasGradient.Length, outputCount, nameof(biasGradient));
    }
}
