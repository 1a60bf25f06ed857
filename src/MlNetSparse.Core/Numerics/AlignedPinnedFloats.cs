using System.Runtime.CompilerServices;

namespace MlNetSparse.Core.Numerics;

/// <summary>
/// A run of floats that starts on a 64-byte boundary and never moves: the storage of kernels that load whole
/// vectors. A .NET array's data is only 8-byte aligned and the GC may move it, so a 32-byte vector load from it
/// straddles a cache line at random, by allocation, costing about twice as much (and making timings differ from
/// run to run). The floats live in an array on the pinned object heap, which the GC never moves, at the first
/// 64-byte boundary inside it.
/// </summary>
internal sealed unsafe class AlignedPinnedFloats
{
    private const int AlignmentBytes = 64;

    private readonly float[] _pinned; // keeps the memory alive; Start points into it

    /// <summary>Allocates <paramref name="length"/> floats, all 0.</summary>
    public AlignedPinnedFloats(int length)
    {
        Guard.InRange(length, 0, int.MaxValue - AlignmentBytes);
        _pinned = GC.AllocateArray<float>(length + AlignmentBytes / sizeof(float), pinned: true);
        Start = AlignedStart(_pinned);
        Length = length;
    }

    /// <summary>The first float, on a 64-byte boundary.</summary>
    public float* Start { get; }

    /// <summary>The number of floats.</summary>
    public int Length { get; }

    /// <summary>The floats as a span.</summary>
    public Span<float> Span => new(Start, Length);

    /// <summary>The first 64-byte boundary inside <paramref name="pinned"/>, an array on the pinned object heap with 16 floats to spare.</summary>
    public static float* AlignedStart(float[] pinned)
    {
        var address = (nint)Unsafe.AsPointer(ref pinned[0]);
        return (float*)((address + (AlignmentBytes - 1)) & ~(nint)(AlignmentBytes - 1));
    }
}
