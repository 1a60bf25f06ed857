using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Tests.Core;

/// <summary>
/// <see cref="FreshArray"/> (src/MlNetSparse.Core/Numerics/FreshArray.cs): an array of the length asked for, below
/// and above the size whose memory is prepared, on one thread or several, that keeps every value written to it.
/// </summary>
public class FreshArrayTests
{
    [Theory]
    [InlineData(1_000, 1)]
    [InlineData((int)(FreshArray.PrepareBytes / sizeof(float)), 1)]          // exactly the size that is prepared
    [InlineData((int)(FreshArray.PrepareBytes / sizeof(float)) * 3 + 777, 3)] // a last huge page only partly in the array
    public void TheArray_HasTheLengthAskedFor_AndKeepsEveryValueWritten(int length, int threads)
    {
        float[] array = FreshArray.Allocate<float>(length, threads);

        Assert.Equal(length, array.Length);
        for (int i = 0; i < array.Length; i++)
            array[i] = i * 0.5f;
        for (int i = 0; i < array.Length; i++)
            Assert.Equal(i * 0.5f, array[i]);
    }

    [Fact]
    public void AnEmptyArray_IsEmpty()
        => Assert.Empty(FreshArray.Allocate<int>(0, 2));
}
