namespace MlNetSparse.Core.Numerics;

/// <summary>
/// How a pass over the m rows of X is cut into chunks that may run on different threads. The count
/// and the boundaries depend only on the shape (m, n, k, stored entries), never on the number of
/// cores, so adding the chunks' partial sums in chunk order gives the same bits on any machine
/// and for any degree of parallelism.
/// </summary>
/// <param name="RowCount">m.</param>
/// <param name="ChunkCount">How many chunks, at least 1.</param>
internal readonly record struct RowChunkPlan(int RowCount, int ChunkCount)
{
    /// <summary>Below this many multiply-adds per chunk, scheduling a chunk costs more than it saves.</summary>
    public const long MinimumWorkPerChunk = 1 << 16;

    /// <summary>Enough chunks to balance today's many-core machines; more only add partial sums to reduce.</summary>
    public const int MaximumChunkCount = 64;

    /// <summary>The chunks' partial sums together stay under this many bytes.</summary>
    public const long PartialBytesBudget = 64L << 20;

    /// <summary>
    /// The plan for a pass doing about k multiply-adds per stored entry, whose chunks each keep
    /// k·n partial sums of <paramref name="bytesPerPartialEntry"/> bytes.
    /// </summary>
    public static RowChunkPlan For(int rowCount, int columnCount, int outputCount, long storedCount, int bytesPerPartialEntry)
    {
        long partialEntries = (long)outputCount * columnCount;
        long byWork = storedCount * outputCount / MinimumWorkPerChunk;
        // A chunk clears and reduces its k·n partial sums: keep that under an eighth of its share of
        // the k·stored multiply-adds (this is what limits very sparse, wide problems).
        long byReduction = storedCount / (8L * columnCount);
        long byMemory = PartialBytesBudget / (partialEntries * bytesPerPartialEntry);
        long count = Math.Min(Math.Min(byWork, byReduction), Math.Min(byMemory, Math.Min(MaximumChunkCount, rowCount)));
        return new RowChunkPlan(rowCount, (int)Math.Max(1, count));
    }

    /// <summary>The first row of <paramref name="chunk"/>; <c>Start(ChunkCount)</c> is m.</summary>
    public int Start(int chunk) => (int)((long)chunk * RowCount / ChunkCount);
}
