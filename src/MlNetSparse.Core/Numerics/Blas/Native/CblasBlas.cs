namespace MlNetSparse.Core.Numerics.Blas.Native;

/// <summary>
/// Any library that exports CBLAS's <c>cblas_sgemm</c> — ML.NET's MklImports, oneMKL, OpenBLAS, a
/// system CBLAS — called through an unmanaged function pointer after managed argument checks.
/// </summary>
internal sealed unsafe class CblasBlas : IBlas
{
    // CBLAS enumerations (cblas.h): CBLAS_ORDER and CBLAS_TRANSPOSE.
    private const int RowMajor = 101, NoTrans = 111, Trans = 112;

    private readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> _sgemm;
    private readonly NativeThreadLimit _threadLimit;

    private CblasBlas(BlasBackendKind kind, LoadedLibrary library, NativeThreadLimit threadLimit, string description)
    {
        Kind = kind;
        _sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)library.Entry;
        _threadLimit = threadLimit;
        Description = description;
    }

    /// <inheritdoc/>
    public BlasBackendKind Kind { get; }

    /// <inheritdoc/>
    public string Description { get; }

    /// <summary>Loads <paramref name="spec"/>'s library; on failure <paramref name="attempts"/> lists the names tried.</summary>
    public static bool TryCreate(NativeBlasLibrary spec, out IBlas? blas, out string attempts)
    {
        if (!NativeLibraryProbe.TryLoad(spec.FileNames, NativeBlasLibrary.CblasSgemm, out LoadedLibrary library, out attempts))
        {
            blas = null;
            return false;
        }
        var threadLimit = NativeThreadLimit.Establish(library, openMpOnly: false);
        string details = string.Join("; ", new[] { library.FileName, OpenBlasCore(library), threadLimit.Description }.Where(s => s.Length > 0));
        blas = new CblasBlas(spec.Kind, library, threadLimit, $"{spec.DisplayName} ({details})");
        return true;
    }

    /// <inheritdoc/>
    public void Sgemm(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        SgemmArguments.Validate(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (SgemmArguments.HandledWithoutProduct(m, n, k, alpha, beta, c, ldc))
            return;
        _threadLimit.BeforeCall();
        fixed (float* pa = a, pb = b, pc = c)
            _sgemm(RowMajor, transposeA ? Trans : NoTrans, transposeB ? Trans : NoTrans, m, n, k,
                alpha, pa, lda, pb, ldb, beta, pc, ldc);
    }

    // OpenBLAS picks its kernels for the CPU at load time; the name says which it picked.
    private static string OpenBlasCore(LoadedLibrary library)
    {
        nint getter = library.OptionalExport("openblas_get_corename");
        if (getter == 0)
            return "";
        string? core = System.Runtime.InteropServices.Marshal.PtrToStringAnsi(((delegate* unmanaged<nint>)getter)());
        return string.IsNullOrEmpty(core) ? "" : $"core {core}";
    }
}
