namespace MlNetSparse.Core.Numerics;

/// <summary>
/// A design matrix X with m rows (examples) and n columns (features), seen through the products
/// every linear-model loss needs, so that dense and sparse storage share one loss implementation.
/// </summary>
/// <remarks>
/// Matrices of k rows are passed row-major: W[c, j] is <c>weights[c·n + j]</c>, and the m×k
/// matrices Z and C are <c>[i·k + c]</c>. Implementations own scratch buffers and are not
/// thread-safe (one call at a time), though a call may use several threads; results must not
/// depend on the number of threads used.
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

    /// <summary><c>result[j] = Σ_i w[i]·X[i, j]²</c>, in one pass over X, accumulated in double precision across blocks of rows.</summary>
    /// <param name="rowWeights">w, one weight per row.</param>
    /// <param name="result">n column sums; overwritten.</param>
    /// <param name="maxDegreeOfParallelism">The most threads to use (≥ 1); the result does not depend on it.</param>
    void WeightedColumnSquares(ReadOnlySpan<float> rowWeights, Span<double> result, int maxDegreeOfParallelism = 1);

    /// <summary>
    /// The value and gradient of a linear model's objective in one pass over X: block by block of rows,
    /// Z_B = X_B·Wᵀ + 1·bᵀ, then <paramref name="transform"/> turns Z_B into C_B and returns the
    /// block's share of f, then ∇_W f += C_Bᵀ·X_B and ∇_b f += C_Bᵀ·1 while X_B is still in cache.
    /// </summary>
    /// <param name="weights">W, k×n row-major, k = <see cref="IMarginBlockTransform.OutputCount"/>.</param>
    /// <param name="biases">b, k.</param>
    /// <param name="transform">The per-block loss; called concurrently on disjoint blocks.</param>
    /// <param name="weightGradient">∇_W f, k×n row-major; overwritten.</param>
    /// <param name="biasGradient">∇_b f, k; overwritten.</param>
    /// <param name="maxDegreeOfParallelism">The most threads to use (≥ 1); the result does not depend on it.</param>
    /// <returns>f, the sum of the blocks' shares, added in double precision in row order.</returns>
    double LossAndGradient(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, IMarginBlockTransform transform,
        Span<float> weightGradient, Span<float> biasGradient, int maxDegreeOfParallelism);

    /// <summary>
    /// f alone: the same blocks and margins as <see cref="LossAndGradient"/> (so the same value, bit
    /// for bit) without the gradient half of the pass.
    /// </summary>
    /// <param name="weights">W, k×n row-major.</param>
    /// <param name="biases">b, k.</param>
    /// <param name="transform">The per-block loss; only its <see cref="IMarginBlockTransform.Loss"/> is called.</param>
    /// <param name="maxDegreeOfParallelism">The most threads to use (≥ 1); the result does not depend on it.</param>
    double Loss(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, IMarginBlockTransform transform, int maxDegreeOfParallelism);
}
