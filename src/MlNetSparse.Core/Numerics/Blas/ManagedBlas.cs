using System.Runtime.Intrinsics;
using MlNetSparse.Core.Numerics.Blas.Managed;

namespace MlNetSparse.Core.Numerics.Blas;

/// <summary>
/// The managed backend, what a machine without a native BLAS gets: a cache-blocked SGEMM (packed
/// panels of A and B, a register-blocked micro-kernel) on the widest vectors the hardware
/// accelerates — Vector512, else Vector256, else Vector128, else scalar — with fused multiply-adds.
/// Each width has a general kernel and two for skinny C (few columns, few rows), chosen by shape.
/// </summary>
/// <remarks>
/// One call runs on the calling thread and, after that thread's first call, allocates nothing (the
/// packing buffers, about 1.7 MB, are per thread). Each element of C is the same sequence of
/// roundings whatever the vector width, the kernel or the element's position in a tile, so
/// splitting C's rows across threads (see <see cref="BlasParallel"/>) does not change a bit, and on
/// hardware with FMA the result does not depend on the vector width either.
/// </remarks>
public sealed class ManagedBlas : IBlas
{
    private readonly ManagedVectorWidth _width;
    private readonly GemmKernel? _forcedKernel;

    /// <summary>A managed backend on the widest vectors this machine accelerates.</summary>
    public ManagedBlas()
        : this(ManagedVectorWidth.Vector512)
    {
    }

    /// <summary>A managed backend on vectors no wider than <paramref name="maximumWidth"/> (and no wider than the hardware accelerates).</summary>
    internal ManagedBlas(ManagedVectorWidth maximumWidth)
    {
        Guard.Defined(maximumWidth);
        _width = Widest(maximumWidth);
        Description = $"managed ({_width}; tiles {string.Join(", ", GemmKernels.Of(_width).Select(GemmKernels.TileSize))} chosen by shape)";
    }

    /// <summary>A managed backend that always uses <paramref name="kernel"/>, whatever the shape: for tests of each kernel.</summary>
    internal ManagedBlas(GemmKernel kernel)
    {
        Guard.Defined(kernel);
        _width = GemmKernels.WidthOf(kernel);
        _forcedKernel = kernel;
        Description = $"managed ({_width}; tiles {GemmKernels.TileSize(kernel)} forced)";
    }

    /// <inheritdoc/>
    public BlasBackendKind Kind => BlasBackendKind.Managed;

    /// <inheritdoc/>
    public string Description { get; }

    /// <summary>The vector width this instance's kernel uses.</summary>
    internal ManagedVectorWidth Width => _width;

    /// <inheritdoc/>
    public unsafe void Sgemm(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        SgemmArguments.Validate(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (SgemmArguments.HandledWithoutProduct(m, n, k, alpha, beta, c, ldc))
            return;
        fixed (float* pa = a, pb = b, pc = c)
        {
            GemmKernels.Run(_forcedKernel ?? GemmKernels.Choose(_width, m, n), transposeA, transposeB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        }
    }

    private static ManagedVectorWidth Widest(ManagedVectorWidth cap)
    {
        if (cap >= ManagedVectorWidth.Vector512 && Vector512.IsHardwareAccelerated)
            return ManagedVectorWidth.Vector512;
        if (cap >= ManagedVectorWidth.Vector256 && Vector256.IsHardwareAccelerated)
            return ManagedVectorWidth.Vector256;
        if (cap >= ManagedVectorWidth.Vector128 && Vector128.IsHardwareAccelerated)
            return ManagedVectorWidth.Vector128;
        return ManagedVectorWidth.Scalar;
    }
}
