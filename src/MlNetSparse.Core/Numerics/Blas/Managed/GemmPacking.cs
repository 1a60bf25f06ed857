using System.Runtime.CompilerServices;

namespace MlNetSparse.Core.Numerics.Blas.Managed;

/// <summary>
/// Copies blocks of A and B into the order the micro-kernel reads them: slivers of
/// <c>height</c> rows of A (or <c>width</c> columns of B), each stored p-major so the kernel walks
/// memory forwards. Rows or columns past the matrix edge are zero, so edge tiles run the same
/// kernel (the zeros add nothing) and only their store is trimmed.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs op(A)[row0 .. row0+rows, p0 .. p0+depth] into ⌈rows/height⌉ slivers of depth×height.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(float* a, int lda, bool transposed, int row0, int p0, int rows, int depth,
        int height, float* destination)
    {
        for (int s = 0; s < rows; s += height)
        {
            int valid = Math.Min(height, rows - s);
            float* sliver = destination + (long)s * depth;
            if (transposed)
            {
                // Stored k×m: the sliver's rows are adjacent in memory for each p.
                for (int p = 0; p < depth; p++)
                {
                    float* source = a + (long)(p0 + p) * lda + row0 + s;
                    float* target = sliver + p * height;
                    int r = 0;
                    for (; r < valid; r++)
                        target[r] = source[r];
                    for (; r < height; r++)
                        target[r] = 0f;
                }
            }
            else
            {
                // Stored m×k: read each row forwards, write with stride height.
                for (int r = 0; r < height; r++)
                {
                    float* target = sliver + r;
                    if (r < valid)
                    {
                        float* source = a + (long)(row0 + s + r) * lda + p0;
                        for (int p = 0; p < depth; p++)
                            target[p * height] = source[p];
                    }
                    else
                    {
                        for (int p = 0; p < depth; p++)
                            target[p * height] = 0f;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Packs op(B)[p0 .. p0+depth, column0 .. column0+columns] into ⌈columns/width⌉ slivers of depth×width.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(float* b, int ldb, bool transposed, int p0, int column0, int depth, int columns,
        int width, float* destination)
    {
        for (int t = 0; t < columns; t += width)
        {
            int valid = Math.Min(width, columns - t);
            float* sliver = destination + (long)t * depth;
            if (transposed)
            {
                // Stored n×k: read each of the sliver's columns forwards, write with stride width.
                for (int c = 0; c < width; c++)
                {
                    float* target = sliver + c;
                    if (c < valid)
                    {
                        float* source = b + (long)(column0 + t + c) * ldb + p0;
                        for (int p = 0; p < depth; p++)
                            target[p * width] = source[p];
                    }
                    else
                    {
                        for (int p = 0; p < depth; p++)
                            target[p * width] = 0f;
                    }
                }
            }
            else
            {
                // Stored k×n: each p contributes one contiguous run of the sliver's columns.
                for (int p = 0; p < depth; p++)
                {
                    var source = new ReadOnlySpan<float>(b + (long)(p0 + p) * ldb + column0 + t, valid);
                    var target = new Span<float>(sliver + p * width, width);
                    source.CopyTo(target);
                    target[valid..].Clear();
                }
            }
        }
    }
}
