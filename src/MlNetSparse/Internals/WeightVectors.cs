using Microsoft.ML.Data;

namespace MlNetSparse.Internals;

/// <summary>
/// The weights of a trained linear model as ML.NET stores and scores them: sparse (indices and values)
/// when few are nonzero, so the zip and the scoring cost grow with s; dense from
/// <see cref="DenseStorageDensity"/> on, where ML.NET's dense dot product is the faster one.
/// </summary>
internal static class WeightVectors
{
    /// <summary>
    /// The share of nonzero weights from which they are stored dense. ML.NET's sparse dot product costs about
    /// twice the dense one per stored entry (an index read and a gathered load): at density 1 sparse weights
    /// scored 2.0× slower than dense ones (one measurement, 4,000 rows × 500 features), so the costs cross
    /// near half (docs/architecture.md#mlnet-integration).
    /// </summary>
    public const double DenseStorageDensity = 0.5;

    /// <summary><paramref name="weights"/> as a dense VBuffer at or above <paramref name="denseStorageDensity"/> nonzeros, else sparse.</summary>
    public static VBuffer<float> ForScoring(ReadOnlySpan<float> weights, double denseStorageDensity = DenseStorageDensity)
        => Stored(weights, StoreDense(weights, denseStorageDensity));

    /// <summary>
    /// Whether <paramref name="weights"/> (one vector, or every class's vectors together) are stored dense. A
    /// multiclass model decides once for all its classes: ML.NET saves its weight matrix dense only when every
    /// class is dense, so a mixed model would load with other storage and score other bits.
    /// </summary>
    public static bool StoreDense(ReadOnlySpan<float> weights, double denseStorageDensity = DenseStorageDensity)
    {
        int nonzeros = 0;
        foreach (float w in weights)
            if (w != 0f)
                nonzeros++;
        return weights.Length > 0 && nonzeros >= denseStorageDensity * weights.Length;
    }

    /// <summary><paramref name="weights"/> as a dense VBuffer, or sparse with its nonzeros only.</summary>
    public static VBuffer<float> Stored(ReadOnlySpan<float> weights, bool dense)
        => dense ? new VBuffer<float>(weights.Length, weights.ToArray()) : SparseVectors.FromDense(weights);
}
