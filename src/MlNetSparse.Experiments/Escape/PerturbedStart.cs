using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Experiments.Escape;

/// <summary>
/// The start of run i: θᵘ + δ with δ uniform in the ball ‖δ‖₂ ≤ ρ (a Gaussian direction and a radius
/// ρ·U^{1/n}), rounded to float32, redrawn if the rounding lands outside the ball. The stream depends
/// on (seed, i) alone, so a run's start does not depend on the thread that draws it.
/// </summary>
internal static class PerturbedStart
{
    public static float[] Draw(ReadOnlySpan<double> center, double radius, int seed, int index)
    {
        int n = center.Length;
        var random = new Random(Derive(seed, index));
        var direction = new float[n];
        var start = new float[n];
        while (true)
        {
            Gaussian.Fill(random, direction);
            double norm = Math.Sqrt(direction.Sum(v => (double)v * v));
            double length = radius * Math.Pow(random.NextDouble(), 1.0 / n);
            if (norm == 0)
                continue;
            double distance = 0;
            for (int i = 0; i < n; i++)
            {
                start[i] = (float)(center[i] + length * direction[i] / norm);
                distance += (start[i] - center[i]) * (start[i] - center[i]);
            }
            if (Math.Sqrt(distance) <= radius)
                return start;
        }
    }

    // SplitMix64 of (seed, index): neighbouring runs get unrelated streams.
    private static int Derive(int seed, int index)
    {
        ulong z = ((ulong)(uint)seed << 32) | (uint)index;
        z += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }
}
