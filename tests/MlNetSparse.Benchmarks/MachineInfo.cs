using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MlNetSparse.Core.Numerics.Blas;

namespace MlNetSparse.Benchmarks;

/// <summary>What the numbers were measured on: they mean little without it.</summary>
internal static class MachineInfo
{
    public static IEnumerable<string> Lines()
    {
        yield return $"Cores: {Environment.ProcessorCount} ({RuntimeInformation.ProcessArchitecture})";
        yield return $"Vectors: Vector512 {Accelerated(Vector512.IsHardwareAccelerated)}, Vector256 {Accelerated(Vector256.IsHardwareAccelerated)}, " +
            $"Vector<T> {Vector<byte>.Count * 8} bits";
        yield return $"OS: {RuntimeInformation.OSDescription}";
        yield return $".NET: {RuntimeInformation.FrameworkDescription}" + (IsOptimized() ? "" : " (DEBUG build: numbers are not representative)");
        if (LoadAverage() is string load)
            yield return $"Load average (1, 5, 15 min) at the end: {load} — other work on the machine slows every number";
        yield return $"BLAS backend in use: {BlasBackend.Current.Kind} — {BlasBackend.Current.Description}";
        yield return $"BLAS backends that load here: {string.Join(", ", BlasBackend.Available())}";
    }

    /// <summary>
    /// Returns freed memory to the OS and, on Linux, restarts the peak working set count (writing 5
    /// to /proc/self/clear_refs resets VmHWM, which PeakWorkingSet64 reads), so that the next peak
    /// belongs to one section alone. False where the peak cannot be reset: it then spans the whole process.
    /// </summary>
    public static bool StartNewPeak()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The process's peak working set since the last <see cref="StartNewPeak"/> (or since it started), in MiB.</summary>
    public static double PeakWorkingSetMebibytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024.0 * 1024);
    }

    // Linux only: the machine is shared, and a busy one inflates every time here.
    private static string? LoadAverage()
    {
        const string path = "/proc/loadavg";
        if (!File.Exists(path))
            return null;
        string[] fields = File.ReadAllText(path).Split(' ');
        return fields.Length >= 3 ? string.Join(", ", fields[..3]) : null;
    }

    private static string Accelerated(bool accelerated) => accelerated ? "accelerated" : "not accelerated";

    private static bool IsOptimized()
    {
        var debuggable = typeof(MachineInfo).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false).OfType<DebuggableAttribute>().FirstOrDefault();
        return debuggable is null || !debuggable.IsJITOptimizerDisabled;
    }
}
