using System.Numerics;
using System.Runtime.InteropServices;

namespace MlNetSparse.Core.Sparsity;

/// <summary>Supports of parameter vectors: supp(θ) = { i : θᵢ ≠ 0 }.</summary>
public static class Support
{
    /// <summary>‖x‖₀, the number of nonzero entries (NaN counts as nonzero; −0 as zero).</summary>
    /// <remarks>A vector at a time: the reader counts every dense feature row it stores (docs/architecture.md#training-call, step 4).</remarks>
    public static int CountNonzero(ReadOnlySpan<float> x)
    {
        int count = 0, i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<float>.Count)
        {
            // Each lane of `zeros` counts down once per zero it sees (an equal lane is all ones, i.e. −1).
            Vector<int> zeros = Vector<int>.Zero;
            ReadOnlySpan<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(x);
            foreach (Vector<float> v in vectors)
                zeros += Vector.Equals(v, Vector<float>.Zero);
            i = vectors.Length * Vector<float>.Count;
            count = i + Vector.Sum(zeros);
        }
        for (; i < x.Length; i++)
            if (x[i] != 0f)
                count++;
        return count;
    }

    /// <summary>supp(x) as ascending indices.</summary>
    public static int[] Indices(ReadOnlySpan<float> x)
    {
        var indices = new int[CountNonzero(x)];
        for (int i = 0, k = 0; i < x.Length; i++)
            if (x[i] != 0f)
                indices[k++] = i;
        return indices;
    }

    /// <summary>True when supp(a) = supp(b).</summary>
    public static bool Same(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Guard.Length(b.Length, a.Length, nameof(b));
        for (int i = 0; i < a.Length; i++)
            if ((a[i] != 0f) != (b[i] != 0f))
                return false;
        return true;
    }
}
