namespace MlNetSparse.Core.Sparsity.Penalties;

/// <summary>
/// λ from a wanted sparsity: the τ at which prox_{τP} zeroes a given fraction of w. The prox of a
/// <see cref="IThresholdingPenalty"/> zeroes exactly the |wᵢ| ≤ t(τ), so with |w| sorted ascending,
/// |w|₍ₖ₎ ≤ t &lt; |w|₍ₖ₊₁₎ zeroes exactly k entries, and τ = t⁻¹(t). RVSCGD then uses λ = β·τ.
/// </summary>
/// <remarks>
/// t is taken midway between |w|₍ₖ₎ and |w|₍ₖ₊₁₎, in double: two distinct floats are at least 2⁻²⁵ of
/// their size away from their midpoint, far beyond the rounding of t → τ → t, so the count is exact. Entries
/// tied at the cut (|w|₍ₖ₎ = |w|₍ₖ₊₁₎) fall on the same side, so the count can then exceed k by the ties.
/// NaN magnitudes count as +∞ (kept, so a diverged iterate still shows).
/// </remarks>
public static class ZeroFractionThreshold
{
    /// <summary>k = round(fraction · n) (halves away from zero), the entries a fraction zeroes of n.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is not in [0, 1].</exception>
    public static int ZeroCount(int length, double fraction)
    {
        if (!(fraction >= 0 && fraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), $"fraction must be in [0, 1]; got {fraction}.");
        return (int)Math.Min(length, Math.Round(fraction * length, MidpointRounding.AwayFromZero));
    }

    /// <summary>|wᵢ| into <paramref name="magnitudes"/> (NaN as +∞), the buffer <see cref="Cut"/> reorders.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Magnitudes(ReadOnlySpan<float> w, Span<float> magnitudes)
    {
        Guard.Length(magnitudes.Length, w.Length, nameof(magnitudes));
        for (int i = 0; i < w.Length; i++)
            magnitudes[i] = float.IsNaN(w[i]) ? float.PositiveInfinity : Math.Abs(w[i]);
    }

    /// <summary>
    /// A threshold t with exactly <paramref name="zeroCount"/> of <paramref name="magnitudes"/> ≤ t (ties at the cut
    /// aside): midway between the k-th and (k+1)-th smallest. Reorders <paramref name="magnitudes"/>; O(n) expected.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="zeroCount"/> is not in [0, n].</exception>
    public static double Cut(Span<float> magnitudes, int zeroCount)
    {
        int n = magnitudes.Length;
        Guard.InRange(zeroCount, 0, n);
        if (n == 0)
            return 0;
        // +∞ (a NaN or infinite weight) is clamped to the largest float, so t and τ stay finite.
        if (zeroCount == n)
            return 2.0 * Math.Min(MaxOf(magnitudes), float.MaxValue);
        // After the selection magnitudes[..k] ≤ magnitudes[k]: the (k+1)-th smallest and, below it, the k-th.
        double upper = Math.Min(Selection.Select(magnitudes, zeroCount), float.MaxValue);
        double lower = zeroCount == 0 ? 0 : Math.Min(MaxOf(magnitudes[..zeroCount]), float.MaxValue);
        return (lower + upper) / 2;
    }

    /// <summary>
    /// τ such that prox_{τP}(w) zeroes round(<paramref name="fraction"/> · n) entries of <paramref name="w"/>.
    /// Allocates a buffer of n floats; <see cref="Cut"/> with a reused buffer does not.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is not in [0, 1].</exception>
    public static double Tau(IThresholdingPenalty penalty, ReadOnlySpan<float> w, double fraction)
    {
        ArgumentNullException.ThrowIfNull(penalty);
        var magnitudes = new float[w.Length];
        Magnitudes(w, magnitudes);
        return penalty.TauForThreshold(Cut(magnitudes, ZeroCount(w.Length, fraction)));
    }

    private static float MaxOf(ReadOnlySpan<float> values)
    {
        float max = 0;
        foreach (float value in values)
            max = Math.Max(max, value);
        return max;
    }
}
