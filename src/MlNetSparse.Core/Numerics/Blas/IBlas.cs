namespace MlNetSparse.Core.Numerics.Blas;

/// <summary>
/// The dense linear algebra the numerics need, served by one backend: a native CBLAS (MKL,
/// OpenBLAS, a system CBLAS), oneDNN, or the managed SIMD fallback. Row-major throughout, as the
/// feature matrices store their rows.
/// </summary>
/// <remarks>
/// One call runs on the calling thread only: callers parallelise by splitting the work (rows of C)
/// in a way that depends on the shapes, not on the number of threads, so that results are the same
/// bit for bit on any number of cores for a given backend.
/// </remarks>
public interface IBlas
{
    /// <summary>Which backend this is.</summary>
    BlasBackendKind Kind { get; }

    /// <summary>A human-readable description (library and path or vector width), for logs and reports.</summary>
    string Description { get; }

    /// <summary>
    /// C ← α·op(A)·op(B) + β·C with op(A) m×k and op(B) k×n, all row-major; op(X) = Xᵀ when the
    /// matching transpose flag is set. With β = 0, C need not be initialised (NaNs in C are ignored).
    /// </summary>
    /// <param name="transposeA">Use Aᵀ: A is then stored k×m.</param>
    /// <param name="transposeB">Use Bᵀ: B is then stored n×k.</param>
    /// <param name="m">Rows of op(A) and of C.</param>
    /// <param name="n">Columns of op(B) and of C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">α.</param>
    /// <param name="a">A, row-major with leading dimension <paramref name="lda"/>.</param>
    /// <param name="lda">Distance between rows of A as stored (≥ its column count).</param>
    /// <param name="b">B, row-major with leading dimension <paramref name="ldb"/>.</param>
    /// <param name="ldb">Distance between rows of B as stored.</param>
    /// <param name="beta">β.</param>
    /// <param name="c">C, m×n row-major with leading dimension <paramref name="ldc"/>.</param>
    /// <param name="ldc">Distance between rows of C (≥ n).</param>
    void Sgemm(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc);
}
