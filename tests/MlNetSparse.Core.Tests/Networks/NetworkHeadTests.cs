using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Objectives;

namespace MlNetSparse.Tests.Core.Networks;

/// <summary>The network's output loss is the shared <see cref="IMarginLoss"/>: its block form on the last layer's outputs.</summary>
public class NetworkHeadTests
{
    [Fact]
    public void SoftmaxHead_GradientIsScaledSoftmaxMinusOneHot_AndLossIsFiniteForHugeLogits()
    {
        float[] z = [1f, 2f, -1f, 3000f, 0f, -3000f];
        var g = new float[6];
        double total = NetworkHead.LossAndOutputGradient(new SoftmaxCrossEntropyLoss(3), z, [1f, 0f], 0.5, g);
        double s = Math.Exp(1) + Math.Exp(2) + Math.Exp(-1);
        Assert.Equal(Math.Log(s) - 2, total, 1e-9); // the second sample is certain: loss ≈ e^-3000
        Assert.Equal(0.5 * Math.Exp(1) / s, g[0], 1e-6);
        Assert.Equal(0.5 * (Math.Exp(2) / s - 1), g[1], 1e-6);
        Assert.Equal(0.5 * (1 - 1), g[3], 1e-6);
        Assert.Equal(0f, g[5]);
        Assert.Equal([1f, 2f, -1f, 3000f, 0f, -3000f], z); // the outputs themselves are left for the backward pass
    }

    [Fact]
    public void SquaredHead_OnOneOutput_IsHalfTheSquaredDistance()
    {
        var g = new float[3];
        double total = NetworkHead.LossAndOutputGradient(new SquaredLoss(), [1f, 2f, 4f], [0f, 2f, 1f], 2, g);
        Assert.Equal(0.5 * (1 + 0 + 9), total, 1e-12);
        Assert.Equal([2f, 0f, 6f], g);
    }

    [Fact]
    public void LossWithAnotherOutputCount_IsRejectedNamingBothCounts()
    {
        var network = new Network(new TensorShape(1, 1, 4), [LayerSpec.Dense(3)]);
        var error = Assert.Throws<ArgumentException>(() => NetworkHead.Check(network, new SoftmaxCrossEntropyLoss(4)));
        Assert.Equal("loss", error.ParamName);
        Assert.Contains("the network has 3 output(s); the loss takes 4", error.Message);
    }
}
