using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MlNetSparse.Core.Numerics.Blas.Managed;

/// <summary>
/// Copies blocks of A and B into the order the micro-kernel reads them: slivers of
/// <c>height</c> rows of op(A) (or <c>width</c> columns of op(B)), each stored p-major so the
/// kernel walks memory forwards. Entries past the matrix edge are zero, so edge tiles run the
/// same kernel (the zeros add nothing) and only their store is trimmed.
/// </summary>
/// <remarks>
/// Both packs are one operation on "lines" x (rows of op(A), columns of op(B)) along the depth p:
/// either a line is contiguous in memory (A as stored m×k, B as stored n×k) and the pack is a
/// transpose, or each p is contiguous (A stored k×m, B stored k×n) and the pack is a copy. When C
/// has few columns each packed element of A is used only a few times, so packing speed matters:
/// the transpose goes through 4×4 SSE blocks where available.
/// </remarks>
internal static unsafe class GemmPacking
{
    /// <summary>Packs op(A)[row0 .. row0+rows, p0 .. p0+depth] into ⌈rows/height⌉ slivers of depth×height.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(float* a, int lda, bool transposed, int row0, int p0, int rows, int depth,
        int height, float* destination)
    {
        if (transposed)
            PackCopying(a + (long)p0 * lda + row0, lda, rows, depth, height, destination);
        else
            PackTransposing(a + (long)row0 * lda + p0, lda, rows, depth, height, destination);
    }

    /// <summary>Packs op(B)[p0 .. p0+depth, column0 .. column0+columns] into ⌈columns/width⌉ slivers of depth×width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(float* b, int ldb, bool transposed, int p0, int column0, int depth, int columns,
        int width, float* destination)
    {
        if (transposed)
            PackTransposing(b + (long)column0 * ldb + p0, ldb, columns, depth, width, destination);
        else
            PackCopying(b + (long)p0 * ldb + column0, ldb, columns, depth, width, destination);
    }

    /// <summary>Line x at depth p is <c>source[p·stride + x]</c>: each p's run of lines is copied as is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackCopying(float* source, int stride, int lines, int depth, int group, float* destination)
    {
        for (int x0 = 0; x0 < lines; x0 += group)
        {
            int valid = Math.Min(group, lines - x0);
            float* sliver = destination + (long)x0 * depth;
            for (int p = 0; p < depth; p++)
            {
                float* from = source + (long)p * stride + x0;
                float* to = sliver + p * group;
                int x = 0;
                for (; x + 4 <= valid; x += 4)
                    Vector128.Store(Vector128.Load(from + x), to + x);
                for (; x < valid; x++)
                    to[x] = from[x];
                ClearTail(to, valid, group);
            }
        }
    }

    /// <summary>Line x at depth p is <c>source[x·stride + p]</c>: lines are transposed into p-major groups.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackTransposing(float* source, int stride, int lines, int depth, int group, float* destination)
    {
        for (int x0 = 0; x0 < lines; x0 += group)
        {
            int valid = Math.Min(group, lines - x0);
            float* sliver = destination + (long)x0 * depth;
            int x = 0;
            if (Sse.IsSupported)
            {
                for (; x + 4 <= valid; x += 4)
                {
                    float* line = source + (long)(x0 + x) * stride;
                    int p = 0;
                    for (; p + 4 <= depth; p += 4)
                        Transpose4x4(line + p, stride, sliver + p * group + x, group);
                    for (; p < depth; p++)
                        for (int i = 0; i < 4; i++)
                            sliver[p * group + x + i] = line[(long)i * stride + p];
                }
            }
            for (; x < valid; x++)
            {
                float* line = source + (long)(x0 + x) * stride;
                for (int p = 0; p < depth; p++)
                    sliver[p * group + x] = line[p];
            }
            if (valid < group)
                for (int p = 0; p < depth; p++)
                    ClearTail(sliver + p * group, valid, group);
        }
    }

    /// <summary>Zeroes <c>group[from .. to]</c>, the padding past the matrix edge, four at a time where it can.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ClearTail(float* group, int from, int to)
    {
        int x = from;
        for (; x < to && (x & 3) != 0; x++)
            group[x] = 0f;
        for (; x + 4 <= to; x += 4)
            Vector128.Store(Vector128<float>.Zero, group + x);
        for (; x < to; x++)
            group[x] = 0f;
    }

    /// <summary>Four lines × four depths in, four depths × four lines out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4(float* from, int fromStride, float* to, int toStride)
    {
        Vector128<float> r0 = Sse.LoadVector128(from);
        Vector128<float> r1 = Sse.LoadVector128(from + fromStride);
        Vector128<float> r2 = Sse.LoadVector128(from + 2L * fromStride);
        Vector128<float> r3 = Sse.LoadVector128(from + 3L * fromStride);
        Vector128<float> low01 = Sse.UnpackLow(r0, r1), low23 = Sse.UnpackLow(r2, r3);
        Vector128<float> high01 = Sse.UnpackHigh(r0, r1), high23 = Sse.UnpackHigh(r2, r3);
        Sse.Store(to, Sse.MoveLowToHigh(low01, low23));
        Sse.Store(to + toStride, Sse.MoveHighToLow(low23, low01));
        Sse.Store(to + 2 * toStride, Sse.MoveLowToHigh(high01, high23));
        Sse.Store(to + 3 * toStride, Sse.MoveHighToLow(high23, high01));
    }
}
