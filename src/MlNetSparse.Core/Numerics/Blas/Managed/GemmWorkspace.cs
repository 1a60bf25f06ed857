namespace MlNetSparse.Core.Numerics.Blas.Managed;

/// <summary>
/// The packing buffers of the managed GEMM, one pair per thread, allocated on a thread's first
/// call at the largest block size and reused by every later call, so a GEMM allocates nothing.
/// Pinned (they live on the pinned object heap) so the kernels can hold raw pointers into them,
/// and aligned to 64 bytes so vector loads of B never straddle a cache line.
/// </summary>
internal sealed unsafe class GemmWorkspace
{
    private const int AlignmentFloats = 16;

    [ThreadStatic]
    private static GemmWorkspace? _current;

    private readonly float[] _packedA;
    private readonly float[] _packedB;

    private GemmWorkspace()
    {
        // Largest slivers: 16 extra rows/columns cover rounding a block up to a whole tile.
        _packedA = GC.AllocateUninitializedArray<float>(GemmBlocking.DepthBlock * (GemmBlocking.RowBlock + 16) + AlignmentFloats, pinned: true);
        _packedB = GC.AllocateUninitializedArray<float>(GemmBlocking.DepthBlock * (GemmBlocking.ColumnBlock + 64) + AlignmentFloats, pinned: true);
    }

    /// <summary>This thread's workspace.</summary>
    public static GemmWorkspace Current => _current ??= new GemmWorkspace();

    /// <summary>Room for one packed block of A (mc × kc floats, rounded up to whole slivers).</summary>
    public float* PackedA => AlignedPinnedFloats.AlignedStart(_packedA);

    /// <summary>Room for one packed panel of B (kc × nc floats, rounded up to whole slivers).</summary>
    public float* PackedB => AlignedPinnedFloats.AlignedStart(_packedB);
}
