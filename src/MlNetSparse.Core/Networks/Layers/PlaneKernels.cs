using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Core.Networks.Layers;

/// <summary>
/// Batch normalisation's passes over one channel plane of one sample, each fused into one loop: a sum, a
/// sum of squared deviations, the affine map, and backward's two sums and its combination. Separate span
/// calls made five passes forward and five backward, each writing or rereading the plane.
/// </summary>
/// <remarks>
/// 8-float vectors with the lanes added in a fixed tree (<see cref="LongDotProducts.SumLanes"/>) and the tail
/// in order: the same bits on AVX2 and AVX-512 machines.
/// </remarks>
internal static class PlaneKernels
{
    private const int Lanes = 8;

    /// <summary>Σ x.</summary>
    public static float Sum(ReadOnlySpan<float> x)
    {
        ref float p = ref MemoryMarshal.GetReference(x);
        int whole = x.Length & ~(Lanes - 1);
        Vector256<float> s = default;
        for (int i = 0; i < whole; i += Lanes)
            s += Vector256.LoadUnsafe(ref p, (nuint)i);
        float sum = LongDotProducts.SumLanes(s);
        for (int i = whole; i < x.Length; i++)
            sum += Unsafe.Add(ref p, i);
        return sum;
    }

    /// <summary>Σ (x − μ)², without writing x − μ anywhere.</summary>
    public static float SumOfSquaredDeviations(ReadOnlySpan<float> x, float mean)
    {
        ref float p = ref MemoryMarshal.GetReference(x);
        int whole = x.Length & ~(Lanes - 1);
        var mu = Vector256.Create(mean);
        Vector256<float> s = default;
        for (int i = 0; i < whole; i += Lanes)
        {
            Vector256<float> d = Vector256.LoadUnsafe(ref p, (nuint)i) - mu;
            s = Vector256.FusedMultiplyAdd(d, d, s);
        }
        float sum = LongDotProducts.SumLanes(s);
        for (int i = whole; i < x.Length; i++)
        {
            float d = Unsafe.Add(ref p, i) - mean;
            sum = MathF.FusedMultiplyAdd(d, d, sum);
        }
        return sum;
    }

    /// <summary>y ← a·x + b (one fused multiply-add per element).</summary>
    public static void Affine(ReadOnlySpan<float> x, float a, float b, Span<float> y)
    {
        Guard.Length(y.Length, x.Length, nameof(y));
        ref float source = ref MemoryMarshal.GetReference(x);
        ref float target = ref MemoryMarshal.GetReference(y);
        int whole = x.Length & ~(Lanes - 1);
        Vector256<float> slope = Vector256.Create(a), intercept = Vector256.Create(b);
        for (int i = 0; i < whole; i += Lanes)
            Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref source, (nuint)i), slope, intercept).StoreUnsafe(ref target, (nuint)i);
        for (int i = whole; i < x.Length; i++)
            Unsafe.Add(ref target, i) = MathF.FusedMultiplyAdd(Unsafe.Add(ref source, i), a, b);
    }

    /// <summary>(Σ dy, Σ dy·x) in one pass.</summary>
    public static (float SumDy, float SumDyX) SumAndDot(ReadOnlySpan<float> dy, ReadOnlySpan<float> x)
    {
        Guard.Length(x.Length, dy.Length, nameof(x));
        ref float g = ref MemoryMarshal.GetReference(dy);
        ref float p = ref MemoryMarshal.GetReference(x);
        int whole = dy.Length & ~(Lanes - 1);
        Vector256<float> sum = default, dot = default;
        for (int i = 0; i < whole; i += Lanes)
        {
            Vector256<float> d = Vector256.LoadUnsafe(ref g, (nuint)i);
            sum += d;
            dot = Vector256.FusedMultiplyAdd(d, Vector256.LoadUnsafe(ref p, (nuint)i), dot);
        }
        float sumDy = LongDotProducts.SumLanes(sum), sumDyX = LongDotProducts.SumLanes(dot);
        for (int i = whole; i < dy.Length; i++)
        {
            sumDy += Unsafe.Add(ref g, i);
            sumDyX = MathF.FusedMultiplyAdd(Unsafe.Add(ref g, i), Unsafe.Add(ref p, i), sumDyX);
        }
        return (sumDy, sumDyX);
    }

    /// <summary>dx ← gain·dy + slope·x + offset (two fused multiply-adds per element).</summary>
    public static void Combine(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, float gain, float slope, float offset, Span<float> dx)
    {
        Guard.Length(x.Length, dy.Length, nameof(x));
        Guard.Length(dx.Length, dy.Length, nameof(dx));
        ref float g = ref MemoryMarshal.GetReference(dy);
        ref float p = ref MemoryMarshal.GetReference(x);
        ref float target = ref MemoryMarshal.GetReference(dx);
        int whole = dy.Length & ~(Lanes - 1);
        Vector256<float> a = Vector256.Create(gain), b = Vector256.Create(slope), c = Vector256.Create(offset);
        for (int i = 0; i < whole; i += Lanes)
        {
            Vector256<float> partial = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref p, (nuint)i), b, c);
            Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref g, (nuint)i), a, partial).StoreUnsafe(ref target, (nuint)i);
        }
        for (int i = whole; i < dy.Length; i++)
            Unsafe.Add(ref target, i) = MathF.FusedMultiplyAdd(Unsafe.Add(ref g, i), gain, MathF.FusedMultiplyAdd(Unsafe.Add(ref p, i), slope, offset));
    }

    /// <summary>y[i] ← a[i]·x[i] + b[i]: <see cref="Affine(ReadOnlySpan{float}, float, float, Span{float})"/> with a coefficient per element.</summary>
    public static void Affine(ReadOnlySpan<float> x, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
    {
        Guard.Length(a.Length, x.Length, nameof(a));
        Guard.Length(b.Length, x.Length, nameof(b));
        Guard.Length(y.Length, x.Length, nameof(y));
        int whole = x.Length & ~(Lanes - 1);
        for (int i = 0; i < whole; i += Lanes)
            Vector256.FusedMultiplyAdd(Vector256.Create(x[i..]), Vector256.Create(a[i..]), Vector256.Create(b[i..])).CopyTo(y[i..]);
        for (int i = whole; i < x.Length; i++)
            y[i] = MathF.FusedMultiplyAdd(x[i], a[i], b[i]);
    }

    /// <summary>dx[i] ← gain[i]·dy[i] + slope[i]·x[i] + offset[i]: <see cref="Combine(ReadOnlySpan{float}, ReadOnlySpan{float}, float, float, float, Span{float})"/> with coefficients per element.</summary>
    public static void Combine(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, ReadOnlySpan<float> gain, ReadOnlySpan<float> slope,
        ReadOnlySpan<float> offset, Span<float> dx)
    {
        Guard.Length(x.Length, dy.Length, nameof(x));
        Guard.Length(gain.Length, dy.Length, nameof(gain));
        Guard.Length(slope.Length, dy.Length, nameof(slope));
        Guard.Length(offset.Length, dy.Length, nameof(offset));
        Guard.Length(dx.Length, dy.Length, nameof(dx));
        int whole = dy.Length & ~(Lanes - 1);
        for (int i = 0; i < whole; i += Lanes)
        {
            Vector256<float> partial = Vector256.FusedMultiplyAdd(Vector256.Create(x[i..]), Vector256.Create(slope[i..]), Vector256.Create(offset[i..]));
            Vector256.FusedMultiplyAdd(Vector256.Create(dy[i..]), Vector256.Create(gain[i..]), partial).CopyTo(dx[i..]);
        }
        for (int i = whole; i < dy.Length; i++)
            dx[i] = MathF.FusedMultiplyAdd(dy[i], gain[i], MathF.FusedMultiplyAdd(x[i], slope[i], offset[i]));
    }
}
