using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MlNetSparse.Core.Numerics;

/// <summary>
/// C += A·Bᵀ for a small C and long rows: every C[i, j] is the dot product of row i of A with row j of B,
/// both <c>length</c> long. A convolution's weight gradient on few channels has this shape (conv 6@5×5 on one
/// input channel: C is 6 × 25, the rows 32 × 784 long), where a blocked SGEMM spends its time packing
/// panels it then barely reuses.
/// </summary>
/// <remarks>
/// Tiles of 3 rows of A by 4 rows of B keep twelve 8-float accumulators in registers, so each pair of
/// vector loads feeds several multiply-adds. Each dot product is summed the same way wherever it sits in
/// a tile: per lane in order of the 8-float blocks, the lanes added in a fixed tree, then the last
/// length mod 8 terms in order. So the result does not depend on the shapes around it, the machine's
/// widest vectors or the thread count.
/// </remarks>
internal static class LongDotProducts
{
    /// <summary>c[i·ldc + j] += Σₚ a[i·lda + p]·b[j·ldb + p] for i &lt; m, j &lt; n, p &lt; length.</summary>
    public static void AddProducts(int m, int n, int length, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc)
    {
        Guard.InRange(m, 0, int.MaxValue);
        Guard.InRange(n, 0, int.MaxValue);
        Guard.InRange(length, 0, int.MaxValue);
        if (m == 0 || n == 0)
            return;
        CheckMatrix(a.Length, m, length, lda, nameof(a));
        CheckMatrix(b.Length, n, length, ldb, nameof(b));
        CheckMatrix(c.Length, m, n, ldc, nameof(c));
        ref float a0 = ref MemoryMarshal.GetReference(a);
        ref float b0 = ref MemoryMarshal.GetReference(b);
        ref float c0 = ref MemoryMarshal.GetReference(c);
        int i = 0;
        for (; i + 3 <= m; i += 3)
        {
            int j = 0;
            for (; j + 4 <= n; j += 4)
                Tile3x4(ref Unsafe.Add(ref a0, i * lda), lda, ref Unsafe.Add(ref b0, j * ldb), ldb, length, ref Unsafe.Add(ref c0, i * ldc + j), ldc);
            for (; j < n; j++)
                for (int r = 0; r < 3; r++)
                    Unsafe.Add(ref c0, (i + r) * ldc + j) += Dot(ref Unsafe.Add(ref a0, (i + r) * lda), ref Unsafe.Add(ref b0, j * ldb), length);
        }
        for (; i < m; i++)
            for (int j = 0; j < n; j++)
                Unsafe.Add(ref c0, i * ldc + j) += Dot(ref Unsafe.Add(ref a0, i * lda), ref Unsafe.Add(ref b0, j * ldb), length);
    }

    private static void Tile3x4(ref float a, int lda, ref float b, int ldb, int length, ref float c, int ldc)
    {
        ref float a1 = ref Unsafe.Add(ref a, lda), a2 = ref Unsafe.Add(ref a, 2 * lda);
        ref float b1 = ref Unsafe.Add(ref b, ldb), b2 = ref Unsafe.Add(ref b, 2 * ldb), b3 = ref Unsafe.Add(ref b, 3 * ldb);
        Vector256<float> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector256<float> s10 = default, s11 = default, s12 = default, s13 = default;
        Vector256<float> s20 = default, s21 = default, s22 = default, s23 = default;
        int blocks = length & ~(Vector256<float>.Count - 1);
        for (nuint p = 0; p < (nuint)blocks; p += (nuint)Vector256<float>.Count)
        {
            Vector256<float> x0 = Vector256.LoadUnsafe(ref a, p), x1 = Vector256.LoadUnsafe(ref a1, p), x2 = Vector256.LoadUnsafe(ref a2, p);
            Vector256<float> y = Vector256.LoadUnsafe(ref b, p);
            s00 = Vector256.FusedMultiplyAdd(x0, y, s00); s10 = Vector256.FusedMultiplyAdd(x1, y, s10); s20 = Vector256.FusedMultiplyAdd(x2, y, s20);
            y = Vector256.LoadUnsafe(ref b1, p);
            s01 = Vector256.FusedMultiplyAdd(x0, y, s01); s11 = Vector256.FusedMultiplyAdd(x1, y, s11); s21 = Vector256.FusedMultiplyAdd(x2, y, s21);
            y = Vector256.LoadUnsafe(ref b2, p);
            s02 = Vector256.FusedMultiplyAdd(x0, y, s02); s12 = Vector256.FusedMultiplyAdd(x1, y, s12); s22 = Vector256.FusedMultiplyAdd(x2, y, s22);
            y = Vector256.LoadUnsafe(ref b3, p);
            s03 = Vector256.FusedMultiplyAdd(x0, y, s03); s13 = Vector256.FusedMultiplyAdd(x1, y, s13); s23 = Vector256.FusedMultiplyAdd(x2, y, s23);
        }
        Store(ref c, 0, s00, ref a, ref b, blocks, length); Store(ref c, 1, s01, ref a, ref b1, blocks, length);
        Store(ref c, 2, s02, ref a, ref b2, blocks, length); Store(ref c, 3, s03, ref a, ref b3, blocks, length);
        ref float c1 = ref Unsafe.Add(ref c, ldc), c2 = ref Unsafe.Add(ref c, 2 * ldc);
        Store(ref c1, 0, s10, ref a1, ref b, blocks, length); Store(ref c1, 1, s11, ref a1, ref b1, blocks, length);
        Store(ref c1, 2, s12, ref a1, ref b2, blocks, length); Store(ref c1, 3, s13, ref a1, ref b3, blocks, length);
        Store(ref c2, 0, s20, ref a2, ref b, blocks, length); Store(ref c2, 1, s21, ref a2, ref b1, blocks, length);
        Store(ref c2, 2, s22, ref a2, ref b2, blocks, length); Store(ref c2, 3, s23, ref a2, ref b3, blocks, length);
    }

    // c[j] += the lanes of s in a fixed tree, then the terms past the last whole block, in order.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref float c, int j, Vector256<float> s, ref float a, ref float b, int blocks, int length)
        => Unsafe.Add(ref c, j) += Finish(s, ref a, ref b, blocks, length);

    /// <summary>The eight lanes of <paramref name="s"/> added in a fixed tree, the same on every machine.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SumLanes(Vector256<float> s)
    {
        Vector128<float> half = s.GetLower() + s.GetUpper();
        return (half.GetElement(0) + half.GetElement(2)) + (half.GetElement(1) + half.GetElement(3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Finish(Vector256<float> s, ref float a, ref float b, int blocks, int length)
    {
        float sum = SumLanes(s);
        for (int p = blocks; p < length; p++)
            sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref a, p), Unsafe.Add(ref b, p), sum);
        return sum;
    }

    private static float Dot(ref float a, ref float b, int length)
    {
        Vector256<float> s = default;
        int blocks = length & ~(Vector256<float>.Count - 1);
        for (nuint p = 0; p < (nuint)blocks; p += (nuint)Vector256<float>.Count)
            s = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, p), Vector256.LoadUnsafe(ref b, p), s);
        return Finish(s, ref a, ref b, blocks, length);
    }

    private static void CheckMatrix(int available, int rows, int columns, int leading, string name)
    {
        if (leading < columns)
            throw new ArgumentOutOfRangeException(name, $"The leading dimension of {name} ({leading}) is below its row length {columns}.");
        long needed = (long)(rows - 1) * leading + columns;
        if (available < needed)
            throw new ArgumentException($"{name} holds {available} floats; {rows} rows of {columns}, {leading} apart, need {needed}.", name);
    }
}
