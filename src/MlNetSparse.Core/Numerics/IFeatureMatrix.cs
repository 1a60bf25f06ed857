namespace MlNetSparse.Core.Numerics;

/// <summary>
/// A design matrix X with m rows (examples) and n columns (features), seen through the two
/// products every linear-model loss needs, so that dense, sparse and (later) BLAS-backed storage
/// share one loss implementation.
/// </summary>
/// <remarks>
/// Matrices of k rows are passed row-major: W[c, j] is <c>weights[c·n + j]</c>, and the m×k
/// matrices Z and C are <c>[i·k + c]</c>. Implementations own scratch buffers and are not
/// thread-safe; results must not depend on the number of threads used.
/// </remarks>
public interface IFeatureMatrix
{
    /// <summary>m, the number of rows.</summary>
    int RowCount { get; }

    /// <summary>n, the number of columns.</summary>
    int ColumnCount { get; }

    /// <summary>The number of stored entries (m·n when dense).</summary>
    long StoredCount { get; }

    /// <summary>Z = X·Wᵀ: <c>margins[i·k + c] = Σ_j X[i, j]·W[c, j]</c>.</summary>
    /// <param name="weights">W, k×n row-major.</param>
    /// <param name="outputCount">k, the number of rows of W.</param>
    /// <param name="margins">Z, m×k row-major; overwritten.</param>
    void Multiply(ReadOnlySpan<float> weights, int outputCount, Span<float> margins);

    /// <summary>G = Cᵀ·X: <c>result[c·n + j] = Σ_i C[i, c]·X[i, j]</c>, with double-precision accumulation across blocks of rows.</summary>
    /// <param name="coefficients">C, m×k row-major.</param>
    /// <param name="outputCount">k, the number of columns of C.</param>
    /// <param name="result">G, k×n row-major; overwritten.</param>
    void TransposeMultiply(ReadOnlySpan<float> coefficients, int outputCount, Span<float> result);

    /// <summary><c>result[j] = Σ_i w[i]·X[i, j]²</c>, summed in double precision.</summary>
    /// <param name="rowWeights">w, one weight per row.</param>
    /// <param name="result">n column sums; overwritten.</param>
    void WeightedColumnSquares(ReadOnlySpan<float> rowWeights, Span<double> result);
}
