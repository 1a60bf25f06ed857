namespace MlNetSparse.Core.Numerics.Blas.Managed;

/// <summary>
/// The widest vectors the managed GEMM may use. The widest the hardware accelerates is the
/// default; a cap lets tests run the narrower kernels (an AVX2-only or ARM machine's path) here too.
/// </summary>
internal enum ManagedVectorWidth
{
    /// <summary>No SIMD: one float at a time.</summary>
    Scalar = 32,

    /// <summary>128-bit vectors (SSE, NEON).</summary>
    Vector128 = 128,

    /// <summary>256-bit vectors (AVX2).</summary>
    Vector256 = 256,

    /// <summary>512-bit vectors (AVX-512).</summary>
    Vector512 = 512,
}
