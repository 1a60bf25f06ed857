using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Tests.Core.Numerics;

/// <summary>The short-run copy, clear and sum against the scalar loops they replace, bit for bit, at every length a convolution row can have.</summary>
public class ShortRunsTests
{
    // Values with −0, +0, subnormals and ordinary numbers, so a lane summed twice or a sign of zero lost would show.
    private static float[] Values(Random random, int count) => Enumerable.Range(0, count).Select(i => (i % 7) switch
    {
        0 => -0f,
        1 => 0f,
        2 => float.Epsilon * random.Next(1, 100),
        _ => (float)(random.NextDouble() * 4 - 2),
    }).ToArray();

    [Fact]
    public void Copy_WritesExactlyTheRun_AtEveryLengthAndOffset()
    {
        var random = new Random(1);
        for (int count = 0; count <= 41; count++)
            for (int offset = 0; offset < 3; offset++)
            {
                float[] source = Values(random, count + 3), destination = Values(random, count + 6), expected = (float[])destination.Clone();
                for (int i = 0; i < count; i++)
                    expected[offset + i] = source[offset + i];
                ShortRuns.Copy(ref source[offset], ref destination[offset], count);
                AssertBits(expected, destination, $"count {count}, offset {offset}");
            }
    }

    [Fact]
    public void Clear_ZeroesExactlyTheRun()
    {
        for (int count = 0; count <= 20; count++)
        {
            float[] destination = Enumerable.Repeat(-3f, count + 2).ToArray();
            ShortRuns.Clear(ref destination[1], count);
            Assert.Equal(-3f, destination[0]);
            Assert.Equal(-3f, destination[count + 1]);
            Assert.All(destination.Skip(1).Take(count), v => Assert.Equal(0, BitConverter.SingleToInt32Bits(v)));
        }
    }

    [Fact]
    public void Add_AddsEachElementOnce_AsTheScalarLoopDoes_BitForBit()
    {
        var random = new Random(2);
        for (int count = 0; count <= 41; count++)
            for (int offset = 0; offset < 3; offset++)
            {
                float[] source = Values(random, count + 3), destination = Values(random, count + 6), expected = (float[])destination.Clone();
                for (int i = 0; i < count; i++)
                    expected[offset + i] += source[offset + i];
                ShortRuns.Add(ref source[offset], ref destination[offset], count);
                AssertBits(expected, destination, $"count {count}, offset {offset}");
            }
    }

    private static void AssertBits(float[] expected, float[] actual, string where)
    {
        for (int i = 0; i < expected.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"{where}, element {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }
}
