using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Tests.Core;

/// <summary>How the fused passes cut the rows into chunks: from the shape alone, tiling the rows, within the memory budget.</summary>
public class RowChunkPlanTests
{
    [Theory]
    [InlineData(120, 4, 3, 480L)]                  // IRIS
    [InlineData(1, 1, 1, 1L)]
    [InlineData(1000, 33, 1, 33_000L)]
    public void SmallProblems_AreOneChunk(int rows, int columns, int outputs, long stored)
        => Assert.Equal(1, RowChunkPlan.For(rows, columns, outputs, stored, 12).ChunkCount);

    [Theory]
    [InlineData(100_000, 1_000, 1, 100_000_000L, 12)]   // dense binary
    [InlineData(200_000, 100_000, 1, 10_000_000L, 8)]   // sparse, 50 entries a row
    [InlineData(1_000_000, 100_000, 10, 50_000_000L, 8)] // sparse softmax: the partials' budget binds
    [InlineData(4099, 40, 3, 163_960L, 12)]
    public void Chunks_TileTheRows_AndTheirPartialsStayInTheBudget(int rows, int columns, int outputs, long stored, int bytesPerEntry)
    {
        RowChunkPlan plan = RowChunkPlan.For(rows, columns, outputs, stored, bytesPerEntry);
        Assert.InRange(plan.ChunkCount, 2, RowChunkPlan.MaximumChunkCount);
        Assert.Equal(0, plan.Start(0));
        Assert.Equal(rows, plan.Start(plan.ChunkCount));
        for (int c = 0; c < plan.ChunkCount; c++)
            Assert.True(plan.Start(c + 1) > plan.Start(c), $"chunk {c} is empty");
        Assert.True((long)plan.ChunkCount * outputs * columns * bytesPerEntry <= RowChunkPlan.PartialBytesBudget);
    }

    [Fact]
    public void WhenOneChunksPartialsExceedTheBudget_ThereIsStillOneChunk()
        => Assert.Equal(1, RowChunkPlan.For(10_000_000, 10_000_000, 100, 500_000_000L, 8).ChunkCount);
}
