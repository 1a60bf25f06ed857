using System.Runtime.InteropServices;
using MlNetSparse.Core.Numerics.Blas;

namespace MlNetSparse.Tests.Core.Blas;

/// <summary>Native libraries are held to one thread per call, as <see cref="IBlas"/> promises.</summary>
public class NativeThreadingTests
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int ThreadCount();

    [Fact]
    public void OpenBlas_IsSetToOneThreadWhenLoaded()
    {
        Backends.LoadOrSkip(BlasBackendKind.OpenBlas);
        Assert.Equal(1, Call("libopenblas.so.0", "openblas_get_num_threads"));
    }

    [Fact]
    public void OneDnn_LeavesTheCallingThreadWithOneOpenMpThread()
    {
        IBlas blas = Backends.LoadOrSkip(BlasBackendKind.OneDnn);
        float[] a = new float[64 * 64], b = new float[64 * 64], c = new float[64 * 64];
        // A fresh thread: OpenMP's thread count is a per-thread setting, so each calling thread needs it.
        int before = -1, after = -1;
        var thread = new Thread(() =>
        {
            before = Call("libgomp.so.1", "omp_get_max_threads");
            blas.Sgemm(false, false, 64, 64, 64, 1f, a, 64, b, 64, 0f, c, 64);
            after = Call("libgomp.so.1", "omp_get_max_threads");
        });
        thread.Start();
        thread.Join();
        // Before: OpenMP's default, every core (on a multi-core machine the test shows the change).
        Assert.True(before >= 1, $"omp_get_max_threads() = {before} before the call");
        Assert.Equal(1, after);
    }

    private static int Call(string library, string export) =>
        Marshal.GetDelegateForFunctionPointer<ThreadCount>(NativeLibrary.GetExport(NativeLibrary.Load(library), export))();
}
