namespace MlNetSparse.Core.Numerics.Blas;

/// <summary>The linear-algebra backends; <see cref="BlasBackend.Available"/> lists those that load in this order.</summary>
public enum BlasBackendKind
{
    /// <summary>
    /// The automatic choice: <see cref="Managed"/>. It is as fast as the native libraries on the networks' GEMMs
    /// (a binarized LeNet-5 epoch: 7.45 s against OpenBLAS's 7.26 s on one thread, 4.37 s against 5.37 s on two,
    /// docs/benchmarks.md#binarized-lenet-5-epoch-per-backend), and its results do not depend on which library a
    /// machine has installed or which kernel that library picks for the CPU. A native backend is one setting away
    /// (<c>MLNETSPARSE_BLAS</c>, <see cref="BlasBackend.Use"/>).
    /// </summary>
    Auto = 0,

    /// <summary>ML.NET's MKL redistributable (<c>MklImports</c>, from Microsoft.ML.Mkl.Redist).</summary>
    MklImports,

    /// <summary>Intel oneMKL's single dynamic library (<c>mkl_rt</c>).</summary>
    OneMkl,

    /// <summary>OpenBLAS (<c>libopenblas.so.0</c>).</summary>
    OpenBlas,

    /// <summary>Intel oneDNN's JIT-compiled <c>dnnl_sgemm</c> (<c>libdnnl.so.2</c>).</summary>
    OneDnn,

    /// <summary>A system CBLAS (<c>libcblas.so.3</c> or <c>libblas.so.3</c> exporting <c>cblas_sgemm</c>).</summary>
    SystemCblas,

    /// <summary>The managed path: System.Numerics.Tensors and a cache-blocked SIMD GEMM. Always available.</summary>
    Managed,
}
