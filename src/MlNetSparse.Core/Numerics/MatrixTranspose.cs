using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MlNetSparse.Core.Numerics;

/// <summary>
/// destination (columns × rows) ← sourceᵀ for a row-major source (rows × columns): the layout changes between
/// a convolution's NCHW tensors and its filters-across-lanes kernels. On AVX, 8 × 8 blocks go through registers
/// (eight loads, 24 shuffles, eight stores); the edges and other machines copy element by element. Values are
/// only moved, so every path gives the same bits.
/// </summary>
internal static class MatrixTranspose
{
    private const int Block = 8;

    /// <summary>destination[c·rows + r] = source[r·columns + c].</summary>
    public static void Transpose(ReadOnlySpan<float> source, int rows, int columns, Span<float> destination)
    {
        Guard.InRange(rows, 0, int.MaxValue);
        Guard.InRange(columns, 0, int.MaxValue);
        long size = (long)rows * columns;
        if (source.Length < size || destination.Length < size)
            throw new ArgumentException($"A {rows} × {columns} transpose needs {size} floats on each side; got {source.Length} and {destination.Length}.");
        ref float s = ref MemoryMarshal.GetReference(source);
        ref float d = ref MemoryMarshal.GetReference(destination);
        int wholeRows = Avx.IsSupported ? rows / Block * Block : 0, wholeColumns = Avx.IsSupported ? columns / Block * Block : 0;
        for (int r = 0; r < wholeRows; r += Block)
            for (int c = 0; c < wholeColumns; c += Block)
                TransposeBlock(ref Unsafe.Add(ref s, r * columns + c), columns, ref Unsafe.Add(ref d, c * rows + r), rows);
        // The edges: the columns past the last whole block, then the rows past it.
        for (int r = 0; r < wholeRows; r++)
            for (int c = wholeColumns; c < columns; c++)
                Unsafe.Add(ref d, c * rows + r) = Unsafe.Add(ref s, r * columns + c);
        for (int r = wholeRows; r < rows; r++)
            for (int c = 0; c < columns; c++)
                Unsafe.Add(ref d, c * rows + r) = Unsafe.Add(ref s, r * columns + c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransposeBlock(ref float source, int sourceStride, ref float destination, int destinationStride)
    {
        Vector256<float> r0 = Vector256.LoadUnsafe(ref source), r1 = Vector256.LoadUnsafe(ref source, (nuint)sourceStride);
        Vector256<float> r2 = Vector256.LoadUnsafe(ref source, (nuint)(2 * sourceStride)), r3 = Vector256.LoadUnsafe(ref source, (nuint)(3 * sourceStride));
        Vector256<float> r4 = Vector256.LoadUnsafe(ref source, (nuint)(4 * sourceStride)), r5 = Vector256.LoadUnsafe(ref source, (nuint)(5 * sourceStride));
        Vector256<float> r6 = Vector256.LoadUnsafe(ref source, (nuint)(6 * sourceStride)), r7 = Vector256.LoadUnsafe(ref source, (nuint)(7 * sourceStride));
        // Pairs of rows interleaved, then pairs of pairs, then the 128-bit halves exchanged.
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5), t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE), u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE), u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref destination);
        Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref destination, (nuint)destinationStride);
        Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref destination, (nuint)(2 * destinationStride));
        Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref destination, (nuint)(3 * destinationStride));
        Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref destination, (nuint)(4 * destinationStride));
        Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref destination, (nuint)(5 * destinationStride));
        Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref destination, (nuint)(6 * destinationStride));
        Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref destination, (nuint)(7 * destinationStride));
    }
}
