using System.Diagnostics;
using MlNetSparse.Core.Solvers;

namespace MlNetSparse.Benchmarks;

/// <summary>
/// Records when each IHT iteration ended and its loss, into arrays sized up front so that
/// observing adds no allocation to the step loop.
/// </summary>
internal sealed class LossTimeline(int capacity, long startTimestamp) : IIhtObserver
{
    private readonly long[] _timestamps = new long[capacity];
    private readonly double[] _losses = new double[capacity];
    private int _count;

    public int Count => _count;

    public void OnIteration(in IhtIteration iteration)
    {
        if (_count == capacity)
            return;
        _timestamps[_count] = Stopwatch.GetTimestamp();
        _losses[_count] = iteration.Loss;
        _count++;
    }

    /// <summary>The first iteration (counting from 1) whose loss is ≤ <paramref name="target"/>, and the time since the start; null if none.</summary>
    public (int Iteration, TimeSpan Elapsed)? FirstAtOrBelow(double target)
    {
        for (int k = 0; k < _count; k++)
            if (_losses[k] <= target)
                return (k + 1, Stopwatch.GetElapsedTime(startTimestamp, _timestamps[k]));
        return null;
    }
}
