using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MlNetSparse.Core.Numerics;

/// <summary>
/// Copies and sums of short runs of floats (a convolution's rows: 5 to 30 floats), written for their
/// length: one 8-float vector after another, the last one overlapping the one before it instead of a
/// scalar tail. A span call per run (Slice, CopyTo, TensorPrimitives.Add) costs more than the run's
/// own work at these lengths. Each element gets exactly the operation the scalar loop gives it, so the
/// results are the same bits.
/// </summary>
internal static class ShortRuns
{
    /// <summary>destination[0..count) ← source[0..count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy(ref float source, ref float destination, int count)
    {
        if (count < Vector256<float>.Count)
        {
            for (int i = 0; i < count; i++)
                Unsafe.Add(ref destination, i) = Unsafe.Add(ref source, i);
            return;
        }
        int k = 0;
        for (; k <= count - Vector256<float>.Count; k += Vector256<float>.Count)
            Vector256.LoadUnsafe(ref source, (nuint)k).StoreUnsafe(ref destination, (nuint)k);
        if (k < count)
        {
            // The last 8 again: the overlap rewrites values already copied with the same values.
            nuint last = (nuint)(count - Vector256<float>.Count);
            Vector256.LoadUnsafe(ref source, last).StoreUnsafe(ref destination, last);
        }
    }

    /// <summary>destination[0..count) ← 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear(ref float destination, int count)
    {
        for (int i = 0; i < count; i++)
            Unsafe.Add(ref destination, i) = 0f;
    }

    /// <summary>destination[i] ← destination[i] + source[i] for i in [0, count), each element once.</summary>
    /// <remarks>The overlapping last vector is summed from the values before any store, so its lanes that the
    /// loop also wrote get the same sum again; loading it after the loop's store would stall the CPU's
    /// store-to-load forwarding on the partial overlap.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ref float source, ref float destination, int count)
    {
        if (count < Vector256<float>.Count)
        {
            for (int i = 0; i < count; i++)
                Unsafe.Add(ref destination, i) += Unsafe.Add(ref source, i);
            return;
        }
        nuint last = (nuint)(count - Vector256<float>.Count);
        Vector256<float> tail = Vector256.LoadUnsafe(ref destination, last) + Vector256.LoadUnsafe(ref source, last);
        for (nuint k = 0; k < last; k += (nuint)Vector256<float>.Count)
            (Vector256.LoadUnsafe(ref destination, k) + Vector256.LoadUnsafe(ref source, k)).StoreUnsafe(ref destination, k);
        tail.StoreUnsafe(ref destination, last);
    }
}
