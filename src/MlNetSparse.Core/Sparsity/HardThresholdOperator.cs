using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Core.Sparsity;

/// <summary>
/// The hard-thresholding operator H_s: keeps the s entries of largest magnitude and zeroes the rest,
/// the Euclidean projection onto C = {θ : ‖θ‖₀ ≤ s} (docs/algorithms.md#hard-thresholding).
/// </summary>
/// <remarks>
/// <para>H_s is set-valued when entries tie at the boundary magnitude; <see cref="TieBreaking"/>
/// picks the member (docs/algorithms.md#hard-thresholding). Cost: O(n) expected time (selection, not a sort);
/// for n ≤ 32 with ties kept by smaller index, each entry's rank is counted directly instead (O(n²) comparisons,
/// eight at a time and free of data-dependent branches, which is faster than selection at that size: the IRIS
/// study's n = 15).</para>
/// <para>An instance owns its scratch buffers, so <see cref="Apply(ReadOnlySpan{float}, Span{float})"/> allocates nothing; it is not
/// thread-safe. With <see cref="Sparsity.TieBreaking.Random"/> each call advances one seeded
/// stream, so a sequence of calls is reproducible from the seed.</para>
/// </remarks>
public sealed class HardThresholdOperator : ISparsityProjection
{
    // n up to which H_s with ties by smaller index counts ranks (ApplyByRank) instead of selecting.
    internal const int RankCountingMaximumLength = 32;

    // n entries; for the rank count, padded to whole vectors with −1 (below every magnitude) and aligned, so that its
    // vector loads never straddle a cache line (an array's alignment varies with each allocation, and so would the step's time)
    private readonly AlignedPinnedFloats _magnitudes;
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
        _magnitudes = new AlignedPinnedFloats(UsesRankCounting(length, tieBreaking) ? (length + 7) / 8 * 8 : length);
        _magnitudes.Span[length..].Fill(-1f);
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

        if (UsesRankCounting(Length, TieBreaking))
            return ApplyByRank(source, destination);
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

    internal static bool UsesRankCounting(int length, TieBreaking tieBreaking)
        => length <= RankCountingMaximumLength && tieBreaking == TieBreaking.SmallerIndex;

    // The s-th largest magnitude is the (n − s)-th smallest.
    private float BoundaryMagnitude(ReadOnlySpan<float> source)
    {
        Span<float> magnitudes = Magnitudes(source);
        return Selection.Select(magnitudes, Length - Sparsity);
    }

    // |source| into the first n scratch entries; rejects NaN.
    private Span<float> Magnitudes(ReadOnlySpan<float> source)
    {
        Span<float> magnitudes = _magnitudes.Span[..Length];
        TensorPrimitives.Abs(source, magnitudes);
        if (float.IsNaN(TensorPrimitives.Sum<float>(magnitudes)))
            throw new ArgumentException($"source contains NaN at index {IndexOfNaN(source)}.", nameof(source));
        return magnitudes;
    }

    // H_s with ties by smaller index, for small n: entry i's rank is the number of entries ahead of it, those of larger
    // magnitude and those of equal magnitude and smaller index; it is kept when its rank is below s (and it is not 0,
    // as the selection path writes a zero boundary's ties as +0). The entry of rank s − 1 gives the boundary.
    private float ApplyByRank(ReadOnlySpan<float> source, Span<float> destination)
    {
        Magnitudes(source);
        ref float magnitudes = ref MemoryMarshal.GetReference(_magnitudes.Span);
        int vectors = _magnitudes.Length / Vector256<float>.Count;
        float boundary = 0f;
        for (int i = 0; i < Length; i++)
        {
            float magnitude = Unsafe.Add(ref magnitudes, i);
            Vector256<float> own = Vector256.Create(magnitude);
            Vector256<int> index = Vector256<int>.Indices, ownIndex = Vector256.Create(i);
            int rank = 0;
            for (int v = 0; v < vectors; v++, index += Vector256.Create(Vector256<float>.Count))
            {
                Vector256<float> others = Vector256.LoadUnsafe(ref magnitudes, (nuint)(v * Vector256<float>.Count));
                Vector256<float> ahead = Vector256.GreaterThan(others, own)
                    | (Vector256.Equals(others, own) & Vector256.LessThan(index, ownIndex).AsSingle());
                rank += BitOperations.PopCount(ahead.ExtractMostSignificantBits());
            }
            if (rank == Sparsity - 1)
                boundary = magnitude;
            destination[i] = rank < Sparsity && magnitude != 0f ? source[i] : 0f;
        }
        return boundary;
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
