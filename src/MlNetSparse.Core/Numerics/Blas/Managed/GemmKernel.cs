namespace MlNetSparse.Core.Numerics.Blas.Managed;

/// <summary>The managed micro-kernels: vector width, then tile rows × columns.</summary>
internal enum GemmKernel
{
    /// <summary><see cref="MicroKernel512x12x32"/>.</summary>
    Vector512x12x32,

    /// <summary><see cref="MicroKernel512x12x16"/>.</summary>
    Vector512x12x16,

    /// <summary><see cref="MicroKernel512x4x64"/>.</summary>
    Vector512x4x64,

    /// <summary><see cref="MicroKernel256x6x16"/>.</summary>
    Vector256x6x16,

    /// <summary><see cref="MicroKernel256x12x8"/>.</summary>
    Vector256x12x8,

    /// <summary><see cref="MicroKernel256x4x24"/>.</summary>
    Vector256x4x24,

    /// <summary><see cref="MicroKernel128x6x8"/>.</summary>
    Vector128x6x8,

    /// <summary><see cref="MicroKernel128x12x4"/>.</summary>
    Vector128x12x4,

    /// <summary><see cref="MicroKernel128x4x12"/>.</summary>
    Vector128x4x12,

    /// <summary><see cref="MicroKernelScalar4x4"/>.</summary>
    Scalar4x4,
}
