using System.Diagnostics;

namespace MlNetSparse.Benchmarks;

/// <summary>Median wall time of repeated runs after untimed warm-ups (JIT, caches, page faults).</summary>
internal static class MedianTimer
{
    public static double Milliseconds(Action action, int warmups, int repeats)
    {
        for (int w = 0; w < warmups; w++)
            action();
        var times = new double[repeats];
        for (int r = 0; r < repeats; r++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return repeats % 2 == 1 ? times[repeats / 2] : (times[repeats / 2 - 1] + times[repeats / 2]) / 2;
    }
}
