using System.Numerics.Tensors;

namespace MlNetSparse.Core.Sparsity;

/// <summary>
/// The hard-thresholding operator H_s: keeps the s entries of largest magnitude and zeroes the rest,
/// the Euclidean projection onto C = {θ : ‖θ‖₀ ≤ s} (docs/algorithms.md#hard-thresholding).
/// </summary>
/// <remarks>
/// <para>H_s is set-valued when entries tie at the boundary magnitude; <see cref="TieBreaking"/>
/// picks the member (docs/algorithms.md#hard-thresholding). Cost: O(n) expected time (selection, not a sort).</para>
/// <para>An instance owns its scratch buffers, so <see cref="Apply(ReadOnlySpan{float}, Span{float})"/> allocates nothing; it is not
/// thread-safe. With <see cref="Sparsity.TieBreaking.Random"/> each call advances one seeded
/// stream, so a sequence of calls is reproducible from the seed.</para>
/// </remarks>
public sealed class HardThresholdOperator : ISparsityProjection
{
    private readonly float[] _magnitudes;
    private readonly int[] _tieIndices;
    private readonly float[] _tieValues;
    private readonly Random? _tieRandom;

    /// <summary>Creates H_s for vectors of <paramref name="length"/> entries.</summary>
    /// <param name="length">n, the vector length (≥ 1).</param>
    /// <param name="sparsity">s, the number of entries kept, in [1, n].</param>
    /// <param name="tieBreaking">How ties at the boundary are broken.</param>
    /// <param name="tieSeed">Seed of the stream used by <see cref="Sparsity.TieBreaking.Random"/>.</param>
    public HardThresholdOperator(int length, int sparsity, TieBreaking tieBreaking = TieBreaking.SmallerIndex, int tieSeed = 0)
    {
        Guard.InRange(length, 1, int.MaxValue);
        Guard.InRange(sparsity, 1, length);
        Guard.Defined(tieBreaking);
        Length = length;
        Sparsity = sparsity;
        TieBreaking = tieBreaking;
        _magnitudes = new float[length];
        _tieIndices = new int[length];
        _tieValues = new float[length];
        _tieRandom = tieBreaking == TieBreaking.Random ? new Random(tieSeed) : null;
    }

    /// <summary>n, the vector length.</summary>
    public int Length { get; }

    /// <summary>s, the number of entries kept.</summary>
    public int Sparsity { get; }

    /// <summary>The rule that breaks ties at the boundary.</summary>
    public TieBreaking TieBreaking { get; }

    /// <summary>
    /// destination = H_s(source): <c>destination[i] = source[i]</c> for the s entries of largest
    /// |source[i]|, 0 elsewhere. <paramref name="destination"/> may be <paramref name="source"/> itself.
    /// </summary>
    /// <returns>The boundary magnitude: the s-th largest |source[i]|.</returns>
    /// <exception cref="ArgumentException">A span's length is not n, or source contains NaN.</exception>
    public float Apply(ReadOnlySpan<float> source, Span<float> destination)
    {
        Guard.Length(source.Length, Length, nameof(source));
        Guard.Length(destination.Length, Length, nameof(destination));
        if (Sparsity == Length)
        {
            // MinMagnitude returns the signed entry (NaN when there is one): report |·| and reject NaN as for s < n.
            float smallest = TensorPrimitives.MinMagnitude(source);
            if (float.IsNaN(smallest))
                throw new ArgumentException($"source contains NaN at index {IndexOfNaN(source)}.", nameof(source));
            source.CopyTo(destination);
            return Math.Abs(smallest);
        }

        float boundary = BoundaryMagnitude(source);
        int tieSlots = Sparsity - CountAbove(source, boundary);
        if (boundary == 0f)
            tieSlots = 0; // the "ties" are zeros: keeping them or not gives the same vector
        if (TieBreaking == TieBreaking.SmallerIndex)
            KeepSmallerIndexTies(source, destination, boundary, tieSlots);
        else
            KeepRandomTies(source, destination, boundary, tieSlots);
        return boundary;
    }

    /// <inheritdoc/>
    public void Project(ReadOnlySpan<float> source, Span<float> destination) => Apply(source, destination);

    /// <inheritdoc/>
    public string? Violation(ReadOnlySpan<float> x)
    {
        Guard.Length(x.Length, Length, nameof(x));
        int nonzeros = Support.CountNonzero(x);
        return nonzeros > Sparsity ? $"must have at most {Sparsity} nonzero entries (the sparsity); got {nonzeros}" : null;
    }

    /// <inheritdoc/>
    /// <remarks>The indicator of C: 0 when ‖x‖₀ ≤ s, +∞ otherwise.</remarks>
    public double Value(ReadOnlySpan<float> x) => Support.CountNonzero(x) <= Sparsity ? 0 : double.PositiveInfinity;

    /// <inheritdoc/>
    /// <remarks>u = H_s(w) whatever τ is: the prox of an indicator is the projection.</remarks>
    public void Prox(ReadOnlySpan<float> w, double tau, Span<float> u)
    {
        Guard.NonNegative(tau);
        Apply(w, u);
    }

    /// <inheritdoc/>
    public string Describe() => $"H_s (s = {Sparsity})";

    /// <summary>Returns H_s(<paramref name="source"/>) as a new array, ties kept by smaller index.</summary>
    public static float[] Apply(ReadOnlySpan<float> source, int sparsity)
    {
        var result = new float[source.Length];
        new HardThresholdOperator(source.Length, sparsity).Apply(source, result);
        return result;
    }

    // The s-th largest magnitude is the (n − s)-th smallest.
    private float BoundaryMagnitude(ReadOnlySpan<float> source)
    {
        TensorPrimitives.Abs(source, _magnitudes);
        if (float.IsNaN(TensorPrimitives.Sum<float>(_magnitudes)))
            throw new ArgumentException($"source contains NaN at index {IndexOfNaN(source)}.", nameof(source));
        return Selection.Select(_magnitudes, Length - Sparsity);
    }

    private static int IndexOfNaN(ReadOnlySpan<float> source)
    {
        for (int i = 0; i < source.Length; i++)
            if (float.IsNaN(source[i]))
                return i;
        return -1;
    }

    private static int CountAbove(ReadOnlySpan<float> source, float boundary)
    {
        int count = 0;
        foreach (float x in source)
            if (Math.Abs(x) > boundary)
                count++;
        return count;
    }

    private static void KeepSmallerIndexTies(ReadOnlySpan<float> source, Span<float> destination, float boundary, int tieSlots)
    {
        for (int i = 0; i < source.Length; i++)
        {
            float x = source[i], magnitude = Math.Abs(x);
            bool keep = magnitude > boundary || (magnitude == boundary && tieSlots-- > 0);
            destination[i] = keep ? x : 0f;
        }
    }

    private void KeepRandomTies(ReadOnlySpan<float> source, Span<float> destination, float boundary, int tieSlots)
    {
        int ties = 0;
        for (int i = 0; i < source.Length; i++)
        {
            float x = source[i], magnitude = Math.Abs(x);
            if (magnitude == boundary)
            {
                _tieIndices[ties] = i;
                _tieValues[ties++] = x;
            }
            destination[i] = magnitude > boundary ? x : 0f;
        }
        // Partial Fisher–Yates: the first tieSlots entries become a uniform random subset.
        for (int j = 0; j < tieSlots; j++)
        {
            int pick = _tieRandom!.Next(j, ties);
            (_tieIndices[j], _tieIndices[pick]) = (_tieIndices[pick], _tieIndices[j]);
            (_tieValues[j], _tieValues[pick]) = (_tieValues[pick], _tieValues[j]);
            destination[_tieIndices[j]] = _tieValues[j];
        }
    }
}
