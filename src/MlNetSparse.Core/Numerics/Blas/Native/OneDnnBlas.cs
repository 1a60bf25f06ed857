using System.Runtime.InteropServices;

namespace MlNetSparse.Core.Numerics.Blas.Native;

/// <summary>
/// Intel oneDNN's <c>dnnl_sgemm</c>: row-major, 64-bit dimensions, JIT-compiled for the CPU it
/// runs on, and returns a status instead of aborting.
/// </summary>
/// <remarks>
/// Debian's libdnnl.so.2 is built on OpenMP (it links libgomp): <c>dnnl_sgemm</c> runs an OpenMP
/// parallel region with as many threads as <c>omp_get_max_threads()</c>, i.e. every core. oneDNN has
/// no thread-count API of its own in that build, and OpenMP's setting is per thread, so
/// <see cref="NativeThreadLimit"/> calls <c>omp_set_num_threads(1)</c> on the calling thread before
/// each call.
/// </remarks>
internal sealed unsafe class OneDnnBlas : IBlas
{
    private const sbyte NoTrans = (sbyte)'N', Trans = (sbyte)'T';

    private readonly delegate* unmanaged<sbyte, sbyte, long, long, long, float, float*, long, float*, long, float, float*, long, int> _sgemm;
    private readonly NativeThreadLimit _threadLimit;

    private OneDnnBlas(LoadedLibrary library, NativeThreadLimit threadLimit, string description)
    {
        _sgemm = (delegate* unmanaged<sbyte, sbyte, long, long, long, float, float*, long, float*, long, float, float*, long, int>)library.Entry;
        _threadLimit = threadLimit;
        Description = description;
    }

    /// <inheritdoc/>
    public BlasBackendKind Kind => BlasBackendKind.OneDnn;

    /// <inheritdoc/>
    public string Description { get; }

    /// <summary>Loads oneDNN; on failure <paramref name="attempts"/> lists the names tried.</summary>
    public static bool TryCreate(NativeBlasLibrary spec, out IBlas? blas, out string attempts)
    {
        if (!NativeLibraryProbe.TryLoad(spec.FileNames, NativeBlasLibrary.DnnlSgemm, out LoadedLibrary library, out attempts))
        {
            blas = null;
            return false;
        }
        var threadLimit = NativeThreadLimit.Establish(library, openMpOnly: true);
        blas = new OneDnnBlas(library, threadLimit, $"{spec.DisplayName}{Version(library)} ({library.FileName}; {threadLimit.Description})");
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
        int status;
        fixed (float* pa = a, pb = b, pc = c)
            status = _sgemm(transposeA ? Trans : NoTrans, transposeB ? Trans : NoTrans, m, n, k,
                alpha, pa, lda, pb, ldb, beta, pc, ldc);
        if (status != 0)
            throw new InvalidOperationException(
                $"dnnl_sgemm failed with dnnl_status_t {status} for m={m}, n={n}, k={k}, lda={lda}, ldb={ldb}, ldc={ldc}.");
    }

    // dnnl_version() returns a pointer to { int major, minor, patch; const char* hash; ... }.
    private static string Version(LoadedLibrary library)
    {
        nint getter = library.OptionalExport("dnnl_version");
        if (getter == 0)
            return "";
        int* version = (int*)((delegate* unmanaged<nint>)getter)();
        return version == null ? "" : $" {version[0]}.{version[1]}.{version[2]}";
    }
}
