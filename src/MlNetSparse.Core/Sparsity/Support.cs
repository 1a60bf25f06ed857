namespace MlNetSparse.Core.Sparsity;

/// <summary>Supports of parameter vectors: supp(θ) = { i : θᵢ ≠ 0 }.</summary>
public static class Support
{
    /// <summary>‖x‖₀, the number of nonzero entries.</summary>
    public static int CountNonzero(ReadOnlySpan<float> x)
    {
        int count = 0;
        foreach (float value in x)
            if (value != 0f)
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
