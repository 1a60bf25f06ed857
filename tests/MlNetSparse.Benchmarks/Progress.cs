using System.Diagnostics;

namespace MlNetSparse.Benchmarks;

/// <summary>Progress lines on stderr, so that stdout carries only the report.</summary>
internal static class Progress
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static void Log(string message) => Console.Error.WriteLine($"[{Clock.Elapsed.TotalSeconds,7:F1} s] {message}");

    /// <summary>Runs <paramref name="work"/>, logging its start and duration.</summary>
    public static T Step<T>(string what, Func<T> work)
    {
        Log(what + " …");
        long start = Stopwatch.GetTimestamp();
        T result = work();
        Log($"{what}: {Stopwatch.GetElapsedTime(start).TotalSeconds:F1} s");
        return result;
    }
}
