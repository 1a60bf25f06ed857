using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Networks.Layers;
using MlNetSparse.Core.Numerics.Blas;

namespace MlNetSparse.Tests.Core.Networks;

/// <summary>The im2col + SGEMM convolution against the direct definition and finite differences.</summary>
public class Conv2DLayerTests
{
    public static TheoryData<int, int> StridesAndPaddings => new() { { 1, 0 }, { 1, 1 }, { 2, 0 }, { 2, 1 } };

    private static Conv2DGeometry SmallGeometry(int stride, int padding) =>
        new(inChannels: 2, inputHeight: 5, inputWidth: 4, outChannels: 3, kernelHeight: 3, kernelWidth: 2, stride, padding);

    private static float[] RandomFloats(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();

    private static double[] ToDouble(float[] v) => v.Select(f => (double)f).ToArray();

    private static Conv2DLayer RandomLayer(Conv2DGeometry g, Random random, IBlas? blas = null)
    {
        var layer = new Conv2DLayer(g, blas);
        RandomFloats(random, g.WeightCount).CopyTo(layer.Weights, 0);
        RandomFloats(random, g.OutChannels).CopyTo(layer.Bias, 0);
        return layer;
    }

    [Theory]
    [MemberData(nameof(StridesAndPaddings))]
    public void Forward_MatchesDirectConvolution(int stride, int padding)
    {
        var random = new Random(1);
        Conv2DGeometry g = SmallGeometry(stride, padding);
        const int batch = 2;
        Conv2DLayer layer = RandomLayer(g, random);
        float[] x = RandomFloats(random, batch * g.InputSize);
        float[] y = LayerHarness.Forward(layer, x, batch);

        double[] expected = NaiveConvolution.Forward(g, batch, ToDouble(x), ToDouble(layer.Weights), ToDouble(layer.Bias));
        for (int i = 0; i < y.Length; i++)
            Assert.Equal(expected[i], y[i], 1e-5);
    }

    [Theory]
    [MemberData(nameof(StridesAndPaddings))]
    public void Backward_MatchesFiniteDifferencesOfTheDirectConvolution(int stride, int padding)
    {
        var random = new Random(2 + stride * 10 + padding);
        Conv2DGeometry g = SmallGeometry(stride, padding);
        const int batch = 2;
        Conv2DLayer layer = RandomLayer(g, random);
        float[] x = RandomFloats(random, batch * g.InputSize);
        float[] target = RandomFloats(random, batch * g.OutputSize);
        float[] y = LayerHarness.Forward(layer, x, batch);
        // L = ½‖y − t‖² ⇒ ∂L/∂y = y − t.
        float[] dy = y.Zip(target, (a, t) => a - t).ToArray();

        var (dx, grads) = LayerHarness.Backward(layer, x, dy, batch);
        float[] dw = grads[0], db = grads[1];

        double[] xd = ToDouble(x), wd = ToDouble(layer.Weights), bd = ToDouble(layer.Bias), td = ToDouble(target);
        double Loss() => NaiveConvolution.Loss(g, batch, xd, wd, bd, td);
        AssertGradient(dx, xd, Loss);
        AssertGradient(dw, wd, Loss);
        AssertGradient(db, bd, Loss);
    }

    // Every path: the direct convolution along rows (conv1-like rows of 20, an overlapping last block; 2
    // channels, a 7-wide kernel and 5 filters, short tiles; rows of exactly 16); across filters (conv2-like 16
    // filters on rows of 10, two overlapping pixel tiles; 8 and 24 filters, a half filter tile; a 7-wide kernel,
    // a short column tile; padding); and im2col (rows of 10: whole vectors plus an overlapping tail in im2col
    // and col2im) with the SGEMM for its 576 weights.
    public static TheoryData<int, int, int, int, int, int> WideGeometries => new()
    {
        { 1, 12, 20, 6, 5, 2 },
        { 2, 10, 17, 5, 7, 1 },
        { 1, 9, 16, 4, 3, 1 },
        { 6, 9, 9, 16, 5, 0 },
        { 3, 8, 9, 8, 3, 1 },
        { 2, 9, 9, 24, 7, 1 },
        { 4, 9, 13, 9, 4, 0 },
    };

    [Fact]
    public void WideGeometries_CoverEveryPath()
    {
        string[] paths = WideGeometries.Select(row => row.Data)
            .Select(d => new Conv2DLayer(new Conv2DGeometry(d.Item1, d.Item2, d.Item3, d.Item4, d.Item5, d.Item5, 1, d.Item6)).Path).ToArray();
        Assert.Equal(["DirectConvolution", "DirectConvolution", "DirectConvolution", "ChannelVectorConvolution",
            "ChannelVectorConvolution", "ChannelVectorConvolution", "im2col"], paths);
        Assert.Equal("im2col", new Conv2DLayer(SmallGeometry(1, 0)).Path);   // rows of 3: long dot products for ∂L/∂W
    }

    [Theory]
    [MemberData(nameof(WideGeometries))]
    public void WideRows_BothWeightGradientPaths_MatchTheDirectConvolution(int inChannels, int height, int width, int outChannels, int kernel, int padding)
    {
        var random = new Random(height * 100 + width);
        var g = new Conv2DGeometry(inChannels, height, width, outChannels, kernel, kernel, stride: 1, padding);
        const int batch = 2;
        Conv2DLayer layer = RandomLayer(g, random);
        float[] x = RandomFloats(random, batch * g.InputSize);
        float[] target = RandomFloats(random, batch * g.OutputSize);
        float[] y = LayerHarness.Forward(layer, x, batch);
        double[] xd = ToDouble(x), wd = ToDouble(layer.Weights), bd = ToDouble(layer.Bias), td = ToDouble(target);
        double[] expected = NaiveConvolution.Forward(g, batch, xd, wd, bd);
        for (int i = 0; i < y.Length; i++)
            Assert.Equal(expected[i], y[i], 1e-4);

        float[] dy = y.Zip(target, (a, t) => a - t).ToArray();
        var (dx, grads) = LayerHarness.Backward(layer, x, dy, batch);
        double Loss() => NaiveConvolution.Loss(g, batch, xd, wd, bd, td);
        AssertGradient(dx, xd, Loss);
        AssertGradient(grads[0], wd, Loss);
        AssertGradient(grads[1], bd, Loss);
    }

    [Theory]
    [InlineData(6, 9, 9, 16, 5, 0)]   // filters across the lanes
    [InlineData(4, 9, 13, 9, 4, 0)]   // im2col
    [InlineData(1, 12, 20, 6, 5, 2)]  // along the rows
    public void ABatchOfEleven_GivesEachSampleItsOwnOutputAndInputGradient_BitForBit(int inChannels, int height, int width, int outChannels, int kernel, int padding)
    {
        // Backward computes ∂L/∂col in blocks of samples: a sample's results must not depend on its block or its neighbours.
        var random = new Random(11);
        var g = new Conv2DGeometry(inChannels, height, width, outChannels, kernel, kernel, stride: 1, padding);
        Conv2DLayer layer = RandomLayer(g, random);
        const int batch = 11;
        float[] x = RandomFloats(random, batch * g.InputSize), dy = RandomFloats(random, batch * g.OutputSize);
        float[] y = LayerHarness.Forward(layer, x, batch);
        var (dx, _) = LayerHarness.Backward(layer, x, dy, batch);
        for (int n = 0; n < batch; n++)
        {
            float[] xn = x.AsSpan(n * g.InputSize, g.InputSize).ToArray(), dyn = dy.AsSpan(n * g.OutputSize, g.OutputSize).ToArray();
            Assert.Equal(LayerHarness.Forward(layer, xn, 1), y.AsSpan(n * g.OutputSize, g.OutputSize).ToArray());
            Assert.Equal(LayerHarness.Backward(layer, xn, dyn, 1).InputGradient, dx.AsSpan(n * g.InputSize, g.InputSize).ToArray());
        }
    }

    // Central differences on the double-precision reference: exact up to O(h²) and rounding.
    private static void AssertGradient(float[] analytic, double[] parameters, Func<double> loss)
    {
        const double h = 1e-4;
        for (int i = 0; i < parameters.Length; i++)
        {
            double saved = parameters[i];
            parameters[i] = saved + h;
            double up = loss();
            parameters[i] = saved - h;
            double down = loss();
            parameters[i] = saved;
            double numeric = (up - down) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[i]) <= 1e-4 * (1 + Math.Abs(numeric)),
                $"component {i}: finite difference {numeric}, backward {analytic[i]}");
        }
    }

    [Fact]
    public void Backward_SameOnManagedAndCurrentBackend()
    {
        // The SGEMM backend is injectable; any backend must give the same gradients up to rounding.
        var random = new Random(9);
        Conv2DGeometry g = SmallGeometry(2, 1);
        Conv2DLayer managed = RandomLayer(g, random, BlasBackend.Resolve(BlasBackendKind.Managed, "test"));
        var current = new Conv2DLayer(g);
        managed.Weights.CopyTo(current.Weights, 0);
        managed.Bias.CopyTo(current.Bias, 0);
        float[] x = RandomFloats(random, g.InputSize), dy = RandomFloats(random, g.OutputSize);
        var (dxA, gradsA) = LayerHarness.Backward(managed, x, dy, 1);
        var (dxB, gradsB) = LayerHarness.Backward(current, x, dy, 1);
        float[] dwA = gradsA[0], dbA = gradsA[1], dwB = gradsB[0], dbB = gradsB[1];

        for (int i = 0; i < dxA.Length; i++)
            Assert.Equal(dxA[i], dxB[i], 1e-5f);
        for (int i = 0; i < dwA.Length; i++)
            Assert.Equal(dwA[i], dwB[i], 1e-5f);
        Assert.Equal(dbA, dbB);
    }

    [Fact]
    public void Geometry_KernelLargerThanPaddedInput_NamesBothSizes()
    {
        var error = Assert.Throws<ArgumentException>(() => new Conv2DGeometry(1, 3, 3, 1, 6, 2, stride: 1, padding: 1));
        Assert.Contains("kernel 6×2", error.Message);
        Assert.Contains("padded input 5×5", error.Message);
    }

    [Fact]
    public void Geometry_NonPositiveSizes_NameTheArgumentAndRange()
    {
        var stride = Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2DGeometry(1, 3, 3, 1, 2, 2, stride: 0));
        Assert.Contains("stride must be in [1,", stride.Message);
        var padding = Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2DGeometry(1, 3, 3, 1, 2, 2, padding: -1));
        Assert.Contains("padding must be in [0,", padding.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2DGeometry(0, 3, 3, 1, 2, 2));
    }

    [Fact]
    public void Geometry_OutputSize_FollowsTheFormula()
    {
        var g = new Conv2DGeometry(1, 7, 6, 1, 3, 2, stride: 2, padding: 1);
        Assert.Equal((7 + 2 - 3) / 2 + 1, g.OutputHeight);
        Assert.Equal((6 + 2 - 2) / 2 + 1, g.OutputWidth);
    }
}
