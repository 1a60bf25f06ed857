namespace MlNetSparse.Core.Numerics.Blas.Native;

/// <summary>
/// One native backend as discovery sees it: the library file names to try, in order, and the
/// export that makes a loaded file usable.
/// </summary>
/// <param name="Kind">The backend.</param>
/// <param name="DisplayName">How descriptions and messages name it.</param>
/// <param name="FileNames">Names handed to the loader, in order.</param>
/// <param name="GemmExport">The SGEMM entry point the library must export.</param>
internal sealed record NativeBlasLibrary(BlasBackendKind Kind, string DisplayName, IReadOnlyList<string> FileNames, string GemmExport)
{
    /// <summary>The CBLAS entry point.</summary>
    public const string CblasSgemm = "cblas_sgemm";

    /// <summary>oneDNN's row-major SGEMM.</summary>
    public const string DnnlSgemm = "dnnl_sgemm";

    /// <summary>The native backends in automatic discovery order (the order of <see cref="BlasBackendKind"/>).</summary>
    public static IReadOnlyList<NativeBlasLibrary> DiscoveryOrder { get; } =
    [
        // ML.NET's Microsoft.ML.Mkl.Redist ships it next to the application (runtimes/<rid>/native);
        // the bare name lets the runtime add the platform's prefix and suffix and look there.
        new(BlasBackendKind.MklImports, "MKL (ML.NET MklImports)", ["MklImports", "libMklImports.so"], CblasSgemm),
        new(BlasBackendKind.OneMkl, "oneMKL", ["mkl_rt", "libmkl_rt.so.2", "libmkl_rt.so"], CblasSgemm),
        new(BlasBackendKind.OpenBlas, "OpenBLAS", ["libopenblas.so.0", "libopenblas.so", "openblas"], CblasSgemm),
        new(BlasBackendKind.OneDnn, "oneDNN", ["libdnnl.so.2", "libdnnl.so", "dnnl"], DnnlSgemm),
        new(BlasBackendKind.SystemCblas, "system CBLAS", ["libcblas.so.3", "libblas.so.3"], CblasSgemm),
    ];

    /// <summary>The entry for <paramref name="kind"/>, which must be a native kind.</summary>
    public static NativeBlasLibrary For(BlasBackendKind kind) =>
        DiscoveryOrder.FirstOrDefault(library => library.Kind == kind)
        ?? throw new ArgumentOutOfRangeException(nameof(kind), $"kind must be a native backend ({string.Join(", ", DiscoveryOrder.Select(l => l.Kind))}); got {kind}.");
}
