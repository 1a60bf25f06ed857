namespace MlNetSparse.Core.Numerics.Blas.Managed;

/// <summary>The cache blocking of the managed GEMM, shared by every micro-kernel.</summary>
/// <remarks>
/// <see cref="DepthBlock"/> is the same for every vector width on purpose: it fixes where a dot
/// product's partial sums are added into C, so it fixes the rounding; widths then agree bit for bit.
/// </remarks>
internal static class GemmBlocking
{
    /// <summary>kc: the depth of one packed panel. A B sliver (kc × 32 floats = 32 KiB) stays in L1.</summary>
    public const int DepthBlock = 256;

    /// <summary>mc: rows of A packed at once (kc × mc floats = 144 KiB, for L2). A multiple of every kernel's row count (4, 6, 12).</summary>
    public const int RowBlock = 144;

    /// <summary>nc: columns of B packed at once (kc × nc floats = 1.5 MiB, for L3). A multiple of every kernel's column count (4, 8, 12, 16, 24, 32, 64).</summary>
    public const int ColumnBlock = 1536;
}
