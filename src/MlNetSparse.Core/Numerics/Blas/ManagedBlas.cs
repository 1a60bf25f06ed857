namespace MlNetSparse.Core.Numerics.Blas;

/// <summary>The managed backend. (Placeholder: a plain triple loop until the blocked SIMD GEMM lands.)</summary>
public sealed class ManagedBlas : IBlas
{
    /// <inheritdoc/>
    public BlasBackendKind Kind => BlasBackendKind.Managed;

    /// <inheritdoc/>
    public string Description => "managed (reference loop)";

    /// <inheritdoc/>
    public void Sgemm(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float sum = 0f;
                for (int p = 0; p < k; p++)
                    sum += (transposeA ? a[p * lda + i] : a[i * lda + p]) * (transposeB ? b[j * ldb + p] : b[p * ldb + j]);
                c[i * ldc + j] = beta == 0f ? alpha * sum : alpha * sum + beta * c[i * ldc + j];
            }
    }
}
