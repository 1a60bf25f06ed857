using System.Runtime.CompilerServices;

namespace MlNetSparse.Core.Numerics.Blas.Managed;

/// <summary>
/// The GotoBLAS/BLIS loop nest around a micro-kernel: for each nc-wide panel of B and each
/// kc-deep slice, pack B once; for each mc-tall block of A, pack it; then sweep the kernel over
/// the block's tiles. Packed data is read sequentially from L1/L2, which is where the speed comes from.
/// </summary>
internal static unsafe class BlockedGemm
{
    /// <summary>
    /// C ← α·op(A)·op(B) + β·C for validated arguments with m, n, k ≥ 1 and α ≠ 0, on this thread.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TKernel>(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
        where TKernel : struct, IMicroKernel
    {
        var workspace = GemmWorkspace.Current;
        float* packedA = workspace.PackedA;
        float* packedB = workspace.PackedB;
        for (int j0 = 0; j0 < n; j0 += GemmBlocking.ColumnBlock)
        {
            int columns = Math.Min(GemmBlocking.ColumnBlock, n - j0);
            for (int p0 = 0; p0 < k; p0 += GemmBlocking.DepthBlock)
            {
                int depth = Math.Min(GemmBlocking.DepthBlock, k - p0);
                // The first slice applies β; later slices add onto what the earlier ones stored.
                float sliceBeta = p0 == 0 ? beta : 1f;
                GemmPacking.PackB(b, ldb, transposeB, p0, j0, depth, columns, TKernel.Columns, packedB);
                for (int i0 = 0; i0 < m; i0 += GemmBlocking.RowBlock)
                {
                    int rows = Math.Min(GemmBlocking.RowBlock, m - i0);
                    GemmPacking.PackA(a, lda, transposeA, i0, p0, rows, depth, TKernel.Rows, packedA);
                    MacroKernel<TKernel>(rows, columns, depth, alpha, packedA, packedB, sliceBeta, c + (long)i0 * ldc + j0, ldc);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit] // the edge tile is scratch: written in full before it is read
    private static void MacroKernel<TKernel>(int rows, int columns, int depth, float alpha,
        float* packedA, float* packedB, float beta, float* c, int ldc)
        where TKernel : struct, IMicroKernel
    {
        float* tile = stackalloc float[TKernel.Rows * TKernel.Columns];
        for (int j = 0; j < columns; j += TKernel.Columns)
        {
            float* sliverB = packedB + (long)j * depth;
            int tileColumns = Math.Min(TKernel.Columns, columns - j);
            for (int i = 0; i < rows; i += TKernel.Rows)
            {
                float* sliverA = packedA + (long)i * depth;
                int tileRows = Math.Min(TKernel.Rows, rows - i);
                float* cTile = c + (long)i * ldc + j;
                if (tileRows == TKernel.Rows && tileColumns == TKernel.Columns)
                {
                    TKernel.Run(depth, sliverA, sliverB, cTile, ldc, alpha, beta);
                }
                else
                {
                    // Edge tile: compute the whole tile into scratch (α·s, rounded as in C), then
                    // apply β the way the kernel does, only where C exists.
                    TKernel.Run(depth, sliverA, sliverB, tile, TKernel.Columns, alpha, 0f);
                    MergeEdge(tile, TKernel.Columns, tileRows, tileColumns, beta, cTile, ldc);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MergeEdge(float* tile, int tileStride, int rows, int columns, float beta, float* c, int ldc)
    {
        for (int r = 0; r < rows; r++)
        {
            float* source = tile + r * tileStride;
            float* target = c + (long)r * ldc;
            if (beta == 0f)
                for (int j = 0; j < columns; j++)
                    target[j] = source[j];
            else
                for (int j = 0; j < columns; j++)
                    target[j] = source[j] + beta * target[j];
        }
    }
}
