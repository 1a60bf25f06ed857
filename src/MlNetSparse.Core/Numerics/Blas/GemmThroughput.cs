using System.Diagnostics;

namespace MlNetSparse.Core.Numerics.Blas;

/// <summary>
/// Single-thread SGEMM speed of a backend on a square product, for benchmarks and reports
/// (not for tests: timings vary with the machine and its load).
/// </summary>
internal static class GemmThroughput
{
    /// <summary>Each timed sample runs enough calls to last about this long, so a small size is not all timer noise.</summary>
    private static readonly TimeSpan SampleDuration = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// GFLOP/s (2·n³ per call) of C ← A·B, all n×n, on <paramref name="blas"/> from the calling
    /// thread: the median of <paramref name="samples"/> timed samples after one warm-up call.
    /// </summary>
    /// <param name="blas">The backend to time.</param>
    /// <param name="size">n, in [1, 8192].</param>
    /// <param name="samples">Timed samples, in [1, 100]; the median is reported.</param>
    public static double MeasureGflops(IBlas blas, int size, int samples = 5)
    {
        ArgumentNullException.ThrowIfNull(blas);
        Guard.InRange(size, 1, 8192);
        Guard.InRange(samples, 1, 100);
        var random = new Random(size);
        float[] a = RandomMatrix(random, size), b = RandomMatrix(random, size), c = new float[size * size];

        void Call() => blas.Sgemm(false, false, size, size, size, 1f, a, size, b, size, 0f, c, size);

        // Warm-up: JIT, packing buffers, the library's own first-call setup; also sizes the samples.
        long start = Stopwatch.GetTimestamp();
        Call();
        double once = Math.Max(Stopwatch.GetElapsedTime(start).TotalSeconds, 1e-7);
        int callsPerSample = (int)Math.Clamp(Math.Ceiling(SampleDuration.TotalSeconds / once), 1, 10_000);

        var seconds = new double[samples];
        for (int s = 0; s < samples; s++)
        {
            start = Stopwatch.GetTimestamp();
            for (int call = 0; call < callsPerSample; call++)
                Call();
            seconds[s] = Stopwatch.GetElapsedTime(start).TotalSeconds / callsPerSample;
        }
        Array.Sort(seconds);
        double median = samples % 2 == 1 ? seconds[samples / 2] : 0.5 * (seconds[samples / 2 - 1] + seconds[samples / 2]);
        return 2.0 * size * size * size / median / 1e9;
    }

    private static float[] RandomMatrix(Random random, int size)
    {
        var values = new float[size * size];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)(2 * random.NextDouble() - 1);
        return values;
    }
}
