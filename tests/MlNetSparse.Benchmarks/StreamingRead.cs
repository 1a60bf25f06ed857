using System.Numerics;
using System.Numerics.Tensors;

namespace MlNetSparse.Benchmarks;

/// <summary>
/// The memory-bound limit of a pass over the features: a vectorised sum (TensorPrimitives picks
/// the widest vectors the CPU has) that reads every stored byte once and does almost no arithmetic.
/// A kernel cannot read the same arrays faster than this, so kernel time / read time says how close
/// to the limit it is.
/// </summary>
internal static class StreamingRead
{
    // 4 MiB of floats: large enough that scheduling is noise, small enough to share out over cores.
    private const int ChunkLength = 1 << 20;

    /// <summary>Σ values, read by <paramref name="threads"/> threads in fixed chunks (the chunking, not the thread count, fixes the result).</summary>
    public static T Sum<T>(T[] values, int threads) where T : INumber<T>
    {
        int chunks = (int)((values.LongLength + ChunkLength - 1) / ChunkLength);
        var partial = new T[chunks];
        if (threads == 1)
        {
            for (int c = 0; c < chunks; c++)
                partial[c] = SumChunk(values, c);
        }
        else
        {
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, c => partial[c] = SumChunk(values, c));
        }
        T total = T.Zero;
        foreach (T p in partial)
            total += p;
        return total;
    }

    private static T SumChunk<T>(T[] values, int chunk) where T : INumber<T>
    {
        int start = chunk * ChunkLength;
        return TensorPrimitives.Sum<T>(values.AsSpan(start, Math.Min(ChunkLength, values.Length - start)));
    }
}
