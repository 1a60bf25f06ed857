using System.Numerics;
using System.Runtime.InteropServices;

namespace MlNetSparse.Core.Numerics;

/// <summary>Cheap whole-vector checks.</summary>
public static class VectorChecks
{
    /// <summary>True when some entry is NaN or ±∞.</summary>
    /// <remarks>
    /// Every feature row is checked as it is read (docs/architecture.md#training-call, step 4), so the test runs
    /// a vector at a time: x − x is 0 for a finite x and NaN for NaN or ±∞, and NaN equals nothing.
    /// </remarks>
    public static bool ContainsNonFinite(ReadOnlySpan<float> x)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<float>.Count)
        {
            ReadOnlySpan<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(x);
            foreach (Vector<float> v in vectors)
                if (!Vector.EqualsAll(v - v, Vector<float>.Zero))
                    return true;
            i = vectors.Length * Vector<float>.Count;
        }
        for (; i < x.Length; i++)
            if (!float.IsFinite(x[i]))
                return true;
        return false;
    }
}
