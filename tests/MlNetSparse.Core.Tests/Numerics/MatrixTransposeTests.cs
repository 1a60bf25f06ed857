using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Tests.Core.Numerics;

/// <summary>The transpose against its definition, for shapes with whole 8 × 8 blocks, edges of every width, and none.</summary>
public class MatrixTransposeTests
{
    [Theory]
    [InlineData(16, 100)]
    [InlineData(8, 8)]
    [InlineData(100, 16)]
    [InlineData(13, 21)]
    [InlineData(3, 5)]
    [InlineData(1, 9)]
    [InlineData(24, 7)]
    [InlineData(0, 4)]
    public void Transpose_MovesEveryEntry(int rows, int columns)
    {
        var random = new Random(rows * 100 + columns);
        float[] source = Enumerable.Range(0, rows * columns).Select(_ => (float)random.NextDouble()).ToArray();
        var destination = new float[rows * columns + 3];
        destination.AsSpan().Fill(-7f);

        MatrixTranspose.Transpose(source, rows, columns, destination);

        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                Assert.Equal(source[r * columns + c], destination[c * rows + r]);
        Assert.All(destination.Skip(rows * columns), v => Assert.Equal(-7f, v));   // nothing written past the matrix
    }

    [Fact]
    public void TooShortADestination_SaysWhatItNeeds()
    {
        var e = Assert.Throws<ArgumentException>(() => MatrixTranspose.Transpose(new float[12], 3, 4, new float[11]));
        Assert.Contains("needs 12 floats", e.Message);
    }
}
