using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MlNetSparse.Core.Numerics;

/// <summary>
/// exp and log of eight floats at once, in float arithmetic, inlined into the loop that calls them: the
/// transcendental part of a fused row pass (<see cref="Objectives.DenseSoftmaxObjective"/>).
/// </summary>
/// <remarks>
/// <para>Why not <see cref="Vector256.Exp(Vector256{float})"/>: .NET computes it in double (widened to a
/// 512-bit vector where the CPU has one, so the bits depend on the CPU) and behind a call, which spills every
/// live vector of the caller; in a pass of a few dozen vector operations per block the calls cost more than
/// the rest. These are the classic Cephes single-precision algorithms (range reduction by ln 2 in two parts,
/// then a polynomial), about 1 ulp from the correctly rounded result (tests check ≤ 2 ulp over the range), with
/// the same bits on every x64 CPU that has FMA.</para>
/// <para>Edge cases follow IEEE: exp(NaN) = NaN, exp(x) = 0 below −87.34 (no subnormal results), +∞ above
/// 88.38 (where eˣ > 2.4·10³⁸: the top of float's range is not used); log(NaN or x &lt; 0) = NaN, log(0) = −∞, log(+∞) = +∞; a subnormal input to log is read as
/// 2⁻¹²⁶.</para>
/// </remarks>
internal static class FloatVectorMath
{
    // Below ExpLowest eˣ is under float's smallest normal; above ExpHighest = 127.5·ln 2, n = 128 would overflow 2ⁿ.
    private const float ExpLowest = -87.33654f, ExpHighest = 88.37626f;
    private const float Ln2High = 0.693359375f, Ln2Low = -2.12194440e-4f; // ln 2 = high + low, high exact in 9 bits
    private const float Log2E = 1.44269504088896341f;
    private const float RoundingShift = 12582912f; // 1.5·2²³
    private const float SquareRootHalf = 0.707106781186547524f;

    /// <summary>eˣ lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        // x = n·ln 2 + r, |r| ≤ ln 2 / 2; eˣ = 2ⁿ·e^r with e^r = 1 + r + r²·P(r). n is rounded by adding 1.5·2²³, which
        // leaves n in the low bits of the sum (|n| < 2²²), so the sum's bits give n as an integer without a conversion.
        Vector256<float> shifted = Vector256.FusedMultiplyAdd(x, Vector256.Create(Log2E), Vector256.Create(RoundingShift));
        Vector256<float> n = shifted - Vector256.Create(RoundingShift);
        Vector256<float> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2High), x);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Low), r);
        Vector256<float> p = Vector256.Create(1.9875691500e-4f);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.3981999507e-3f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(8.3334519073e-3f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(4.1665795894e-2f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.6666665459e-1f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(5.0000001201e-1f));
        Vector256<float> y = Vector256.FusedMultiplyAdd(p, r * r, r + Vector256<float>.One);
        // 2ⁿ by writing n + 127 into the exponent field (n ∈ [−126, 127] inside the range; outside it the selects below decide)
        Vector256<int> exponent = (shifted.AsInt32() + Vector256.Create(127)) << 23;
        y *= exponent.AsSingle();
        y = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(ExpLowest)), Vector256<float>.Zero, y);
        return Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(ExpHighest)), Vector256.Create(float.PositiveInfinity), y);
    }

    /// <summary>ln x lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log(Vector256<float> x)
    {
        // x = m·2ᵉ with m ∈ [√½, √2); ln x = ln(1 + t) + e·ln 2, t = m − 1, ln(1 + t) = t − t²/2 + t³·P(t)
        Vector256<float> normal = Vector256.Max(x, Vector256.Create(1.17549435e-38f) /* the smallest normal float */);
        Vector256<int> bits = normal.AsInt32();
        Vector256<float> e = Vector256.ConvertToSingle((bits >>> 23) - Vector256.Create(126));
        Vector256<float> m = ((bits & Vector256.Create(0x007FFFFF)) | Vector256.Create(0x3F000000)).AsSingle(); // [½, 1)
        Vector256<float> small = Vector256.LessThan(m, Vector256.Create(SquareRootHalf));
        e -= small & Vector256<float>.One;
        Vector256<float> t = m - Vector256<float>.One + (small & m);
        Vector256<float> t2 = t * t;
        Vector256<float> p = Vector256.Create(7.0376836292e-2f);
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(-1.1514610310e-1f));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(1.1676998740e-1f));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(-1.2420140846e-1f));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(1.4249322787e-1f));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(-1.6668057665e-1f));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(2.0000714765e-1f));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(-2.4999993993e-1f));
        p = Vector256.FusedMultiplyAdd(p, t, Vector256.Create(3.3333331174e-1f));
        Vector256<float> y = p * t * t2;
        y = Vector256.FusedMultiplyAdd(e, Vector256.Create(Ln2Low), y);
        y = Vector256.FusedMultiplyAdd(t2, Vector256.Create(-0.5f), y);
        y = Vector256.FusedMultiplyAdd(e, Vector256.Create(Ln2High), t + y);
        // Outside (0, +∞): NaN below 0 and for NaN, −∞ at 0, +∞ at +∞
        Vector256<float> inside = Vector256.GreaterThan(x, Vector256<float>.Zero) & Vector256.LessThan(x, Vector256.Create(float.PositiveInfinity));
        Vector256<float> outside = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256<float>.Zero), Vector256.Create(float.NegativeInfinity),
            Vector256.ConditionalSelect(Vector256.Equals(x, Vector256.Create(float.PositiveInfinity)), x, Vector256.Create(float.NaN)));
        return Vector256.ConditionalSelect(inside, y, outside);
    }
}
