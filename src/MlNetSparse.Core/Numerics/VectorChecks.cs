namespace MlNetSparse.Core.Numerics;

/// <summary>Cheap whole-vector checks.</summary>
public static class VectorChecks
{
    /// <summary>True when some entry is NaN or ±∞.</summary>
    public static bool ContainsNonFinite(ReadOnlySpan<float> x)
    {
        foreach (float v in x)
            if (!float.IsFinite(v))
                return true;
        return false;
    }
}
