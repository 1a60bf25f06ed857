namespace MlNetSparse.Core.Numerics.Blas.Native;

/// <summary>
/// Keeps a native library's SGEMM on the calling thread, as <see cref="IBlas"/> promises.
/// Libraries thread internally by default (OpenBLAS's pthread pool, MKL's and oneDNN's OpenMP
/// teams); left alone they would fight <see cref="BlasParallel"/> and the solvers' own parallel
/// loops for the same cores, and their results would depend on the core count.
/// </summary>
/// <remarks>
/// A process-wide switch is used when the library exports one (<c>openblas_set_num_threads</c>,
/// <c>MKL_Set_Num_Threads</c>/<c>mkl_set_num_threads</c>), called once at load; it also affects
/// any other user of the same library in the process. Otherwise, when the library brings in an
/// OpenMP runtime (oneDNN with libgomp, ML.NET's MklImports with libiomp5), OpenMP's thread count
/// is a per-thread setting, so <c>omp_set_num_threads(1)</c> is called on the calling thread
/// before each SGEMM — it only changes that thread's setting, which is a few nanoseconds.
/// </remarks>
internal sealed unsafe class NativeThreadLimit
{
    private static readonly string[] ProcessWideSetters = ["openblas_set_num_threads", "MKL_Set_Num_Threads", "mkl_set_num_threads"];
    private const string OpenMpSetter = "omp_set_num_threads";

    private readonly delegate* unmanaged<int, void> _perCallSetter;

    private NativeThreadLimit(delegate* unmanaged<int, void> perCallSetter, string description)
    {
        _perCallSetter = perCallSetter;
        Description = description;
    }

    /// <summary>How the limit is applied, for descriptions: e.g. "1 thread via openblas_set_num_threads".</summary>
    public string Description { get; }

    /// <summary>
    /// Applies the library's process-wide switch if it has one (unless <paramref name="openMpOnly"/>),
    /// else arranges the per-call OpenMP setting; if neither is exported the library is taken to be sequential.
    /// </summary>
    public static NativeThreadLimit Establish(LoadedLibrary library, bool openMpOnly)
    {
        if (!openMpOnly)
        {
            foreach (string name in ProcessWideSetters)
            {
                nint setter = library.OptionalExport(name);
                if (setter == 0)
                    continue;
                ((delegate* unmanaged<int, void>)setter)(1);
                return new NativeThreadLimit(null, $"1 thread via {name}");
            }
        }
        nint openMp = library.OptionalExport(OpenMpSetter);
        return openMp != 0
            ? new NativeThreadLimit((delegate* unmanaged<int, void>)openMp, $"1 thread via {OpenMpSetter} per call")
            : new NativeThreadLimit(null, "no thread control exported: taken as sequential");
    }

    /// <summary>Called on the calling thread right before each native SGEMM.</summary>
    public void BeforeCall()
    {
        if (_perCallSetter != null)
            _perCallSetter(1);
    }
}
