namespace MlNetSparse.Core.Numerics.Blas;

/// <summary>The linear-algebra backends, in the order automatic discovery tries them.</summary>
public enum BlasBackendKind
{
    /// <summary>Discover: the first of the native backends below that loads, else <see cref="Managed"/>.</summary>
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
