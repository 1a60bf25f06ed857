using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Networks.Layers;

namespace MlNetSparse.Tests.Core.Networks;

/// <summary>Max pooling against its definition, bit for bit: the value of the window's first maximal entry, and the gradient routed there alone.</summary>
public class MaxPoolLayerTests
{
    // Widths below 8 take the scalar path, 8 and up four windows at a time (with an overlapping last block
    // unless the windows come in fours: 10 → 5 windows, 28 → 14); odd sides leave a last row or column no window
    // covers; 3×3 windows are always scalar.
    public static TheoryData<int, int, int, int> Shapes => new()
    {
        { 2, 6, 6, 2 }, { 2, 6, 10, 2 }, { 1, 4, 16, 2 }, { 3, 28, 28, 2 }, { 2, 7, 17, 2 }, { 1, 5, 30, 2 }, { 2, 9, 9, 3 },
        { 16, 10, 10, 2 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ForwardAndBackward_AreTheDefinitions_BitForBit(int channels, int height, int width, int size)
    {
        var random = new Random(height * 31 + width);
        var layer = new MaxPoolLayer(new PoolGeometry(new TensorShape(channels, height, width), size, size));
        const int batch = 3;
        int inPlane = height * width, planes = batch * channels;
        // Binarized activations (0s and 1s: ties everywhere), with −0, negatives and a few NaNs mixed in.
        float[] x = Enumerable.Range(0, planes * inPlane).Select(i => random.Next(20) switch
        {
            0 => float.NaN,
            1 => -0f,
            2 => -1f,
            < 12 => 1f,
            _ => 0f,
        }).ToArray();
        float[] dy = Enumerable.Range(0, planes * layer.OutputShape.Height * layer.OutputShape.Width)
            .Select(i => i % 9 == 0 ? -0f : (float)(random.NextDouble() - 0.5)).ToArray();

        float[] y = LayerHarness.Forward(layer, x, batch);
        var (dx, _) = LayerHarness.Backward(layer, x, dy, batch);

        int outH = layer.OutputShape.Height, outW = layer.OutputShape.Width;
        var expectedDx = new float[x.Length];
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < outH; i++)
                for (int j = 0; j < outW; j++)
                {
                    int best = p * inPlane + i * size * width + j * size;
                    for (int a = 0; a < size; a++)
                        for (int b = 0; b < size; b++)
                        {
                            int index = p * inPlane + (i * size + a) * width + j * size + b;
                            if (x[index] > x[best])
                                best = index;
                        }
                    int o = (p * outH + i) * outW + j;
                    AssertBits(x[best], y[o], $"y[{o}]");
                    expectedDx[best] += dy[o];
                }
        for (int k = 0; k < x.Length; k++)
            AssertBits(expectedDx[k], dx[k], $"dx[{k}]");
    }

    private static void AssertBits(float expected, float actual, string what) =>
        Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual) || (float.IsNaN(expected) && float.IsNaN(actual)),
            $"{what}: expected {expected:R}, got {actual:R}");
}
