namespace MlNetSparse.Core.Numerics.Blas.Managed;

/// <summary>
/// Picks a micro-kernel for a product's shape and runs the blocked GEMM with it. Each width has a
/// general kernel and two for skinny C — few columns (n=3 classes: a 32-wide tile would be 90%
/// padding) or few rows — and since every kernel rounds identically, the choice changes speed only.
/// </summary>
internal static unsafe class GemmKernels
{
    /// <summary>C at most this many rows tall takes the width's short kernel (4-row tiles).</summary>
    private const int ShortRows = 16;

    /// <summary>The kernel for an m×n C on vectors of <paramref name="width"/>: a function of the shape, never of the thread.</summary>
    public static GemmKernel Choose(ManagedVectorWidth width, int m, int n) => width switch
    {
        ManagedVectorWidth.Vector512 => n <= 16 ? GemmKernel.Vector512x12x16 : m <= ShortRows ? GemmKernel.Vector512x4x64 : GemmKernel.Vector512x12x32,
        ManagedVectorWidth.Vector256 => n <= 8 ? GemmKernel.Vector256x12x8 : m <= ShortRows ? GemmKernel.Vector256x4x24 : GemmKernel.Vector256x6x16,
        ManagedVectorWidth.Vector128 => n <= 4 ? GemmKernel.Vector128x12x4 : m <= ShortRows ? GemmKernel.Vector128x4x12 : GemmKernel.Vector128x6x8,
        _ => GemmKernel.Scalar4x4,
    };

    /// <summary>The kernels a width chooses from, for descriptions and tests.</summary>
    public static IReadOnlyList<GemmKernel> Of(ManagedVectorWidth width) => width switch
    {
        ManagedVectorWidth.Vector512 => [GemmKernel.Vector512x12x32, GemmKernel.Vector512x12x16, GemmKernel.Vector512x4x64],
        ManagedVectorWidth.Vector256 => [GemmKernel.Vector256x6x16, GemmKernel.Vector256x12x8, GemmKernel.Vector256x4x24],
        ManagedVectorWidth.Vector128 => [GemmKernel.Vector128x6x8, GemmKernel.Vector128x12x4, GemmKernel.Vector128x4x12],
        _ => [GemmKernel.Scalar4x4],
    };

    /// <summary>The vector width <paramref name="kernel"/> runs on.</summary>
    public static ManagedVectorWidth WidthOf(GemmKernel kernel) =>
        Enum.GetValues<ManagedVectorWidth>().First(width => Of(width).Contains(kernel));

    /// <summary>"12×32" for <see cref="GemmKernel.Vector512x12x32"/>.</summary>
    public static string TileSize(GemmKernel kernel)
    {
        string name = kernel.ToString(); // Vector512x12x32, Scalar4x4
        string tile = name.StartsWith("Scalar", StringComparison.Ordinal) ? name["Scalar".Length..] : name[(name.IndexOf('x') + 1)..];
        return tile.Replace('x', '×');
    }

    /// <summary>C ← α·op(A)·op(B) + β·C with <paramref name="kernel"/>, for validated arguments with m, n, k ≥ 1.</summary>
    public static void Run(GemmKernel kernel, bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
    {
        switch (kernel)
        {
            case GemmKernel.Vector512x12x32: BlockedGemm.Run<MicroKernel512x12x32>(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc); break;
            case GemmKernel.Vector512x12x16: BlockedGemm.Run<MicroKernel512x12x16>(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc); break;
            case GemmKernel.Vector512x4x64: BlockedGemm.Run<MicroKernel512x4x64>(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc); break;
            case GemmKernel.Vector256x6x16: BlockedGemm.Run<MicroKernel256x6x16>(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc); break;
            case GemmKernel.Vector256x12x8: BlockedGemm.Run<MicroKernel256x12x8>(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc); break;
            case GemmKernel.Vector256x4x24: BlockedGemm.Run<MicroKernel256x4x24>(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc); break;
            case GemmKernel.Vector128x6x8: BlockedGemm.Run<MicroKernel128x6x8>(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc); break;
            case GemmKernel.Vector128x12x4: BlockedGemm.Run<MicroKernel128x12x4>(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc); break;
            case GemmKernel.Vector128x4x12: BlockedGemm.Run<MicroKernel128x4x12>(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc); break;
            default: BlockedGemm.Run<MicroKernelScalar4x4>(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc); break;
        }
    }
}
