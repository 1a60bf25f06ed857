using System.Runtime.Intrinsics;
using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Tests.Core.Numerics;

/// <summary>The fused kernels' exp and log against the correctly rounded values (double precision, then rounded), and at their edges.</summary>
public class FloatVectorMathTests
{
    [Fact]
    public void Exp_IsWithinTwoUlpsOfTheRoundedValue_OverItsWholeFiniteRange()
    {
        // Every 97th float bit pattern between −87.3 and 88.3 (about 4·10⁷ values): negative and positive arguments alike.
        long worst = MaxUlpError(-87.3f, 88.3f, FloatVectorMath.Exp, Math.Exp);
        Assert.InRange(worst, 0, 2);
    }

    [Fact]
    public void Log_IsWithinTwoUlpsOfTheRoundedValue_FromTheSmallestNormalToTheLargestFloat()
    {
        long worst = MaxUlpError(1.17549435e-38f, float.MaxValue, FloatVectorMath.Log, Math.Log);
        Assert.InRange(worst, 0, 2);
    }

    [Fact]
    public void Exp_AndLog_FollowIeeeAtTheirEdges()
    {
        float[] expInputs = [float.NaN, float.NegativeInfinity, -1000f, -87.5f, 0f, -0f, 89f, float.PositiveInfinity];
        float[] expExpected = [float.NaN, 0f, 0f, 0f, 1f, 1f, float.PositiveInfinity, float.PositiveInfinity];
        Assert.Equal(expExpected, Lanes(FloatVectorMath.Exp, expInputs));
        float[] logInputs = [float.NaN, -1f, float.NegativeInfinity, 0f, 1f, float.PositiveInfinity, 2f, 0.5f];
        float[] logExpected = [float.NaN, float.NaN, float.NaN, float.NegativeInfinity, 0f, float.PositiveInfinity, MathF.Log(2f), MathF.Log(0.5f)];
        Assert.Equal(logExpected, Lanes(FloatVectorMath.Log, logInputs));
    }

    private static float[] Lanes(Func<Vector256<float>, Vector256<float>> function, float[] eight)
    {
        var result = new float[8];
        function(Vector256.Create(eight)).CopyTo(result);
        return result;
    }

    // The largest distance in ulps between the function and the double-precision reference rounded to float, over float
    // bit patterns from lowest to highest in steps of 97 (both signs when the range straddles 0).
    private static long MaxUlpError(float lowest, float highest, Func<Vector256<float>, Vector256<float>> function, Func<double, double> reference)
    {
        long worst = 0;
        var batch = new float[8];
        int filled = 0;
        foreach (float x in Sweep(lowest, highest))
        {
            batch[filled++] = x;
            if (filled < 8)
                continue;
            Vector256<float> results = function(Vector256.Create(batch));
            for (int lane = 0; lane < 8; lane++)
                worst = Math.Max(worst, UlpDistance(results[lane], (float)reference(batch[lane])));
            filled = 0;
        }
        return worst;
    }

    private static IEnumerable<float> Sweep(float lowest, float highest)
    {
        const int stride = 97;
        if (lowest < 0)
            for (int bits = BitConverter.SingleToInt32Bits(-lowest); bits > 0; bits -= stride)
                yield return -BitConverter.Int32BitsToSingle(bits);
        for (int bits = BitConverter.SingleToInt32Bits(Math.Max(lowest, 0f)); bits <= BitConverter.SingleToInt32Bits(highest); bits += stride)
            yield return BitConverter.Int32BitsToSingle(bits);
    }

    // Distance along the float line (both finite, same sign or either side of 0).
    private static long UlpDistance(float a, float b)
    {
        static long Ordered(float v)
        {
            int bits = BitConverter.SingleToInt32Bits(v);
            return bits < 0 ? -(long)(bits & int.MaxValue) : bits;
        }
        return Math.Abs(Ordered(a) - Ordered(b));
    }
}
