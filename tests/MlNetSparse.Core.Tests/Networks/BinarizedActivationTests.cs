using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Networks.Layers;

namespace MlNetSparse.Tests.Core.Networks;

/// <summary>σ(z) = 1{z &gt; 0} and its coarse gradient, surrogate by surrogate (docs/algorithms.md#coarse-gradients).</summary>
public class BinarizedActivationTests
{
    private static readonly float[] Inputs = [-2f, -0.5f, 0f, 0.25f, 0.999f, 1f, 3f];
    private static readonly TensorShape Shape = TensorShape.Vector(Inputs.Length);

    [Fact]
    public void Forward_IsTheIndicatorOfPositive()
    {
        var output = new float[Inputs.Length];
        BinarizedActivation.Apply(Inputs, output);
        Assert.Equal([0f, 0f, 0f, 1f, 1f, 1f, 1f], output);
    }

    [Theory]
    [InlineData(CoarseGradient.ReluDerivative, 1f, new[] { 0f, 0f, 0f, 1f, 1f, 1f, 1f })]
    [InlineData(CoarseGradient.ReluSlope, 2.5f, new[] { 0f, 0f, 0f, 2.5f, 2.5f, 2.5f, 2.5f })]
    [InlineData(CoarseGradient.ClippedRelu, 1f, new[] { 0f, 0f, 0f, 1f, 1f, 0f, 0f })]
    [InlineData(CoarseGradient.Identity, 1f, new[] { 1f, 1f, 1f, 1f, 1f, 1f, 1f })]
    public void Backward_MultipliesBySurrogateDerivative(CoarseGradient surrogate, float slope, float[] derivative)
    {
        var activation = new BinarizedActivation(Shape, surrogate, slope);
        float[] upstream = Inputs.Select((_, i) => 0.5f + i).ToArray();
        var gradient = new float[Inputs.Length];

        activation.CoarseBackward(Inputs, upstream, gradient);

        for (int i = 0; i < Inputs.Length; i++)
            Assert.Equal(upstream[i] * derivative[i], gradient[i]);
    }

    [Theory]
    [InlineData(CoarseGradient.ReluDerivative, 1.0)]
    [InlineData(CoarseGradient.ReluSlope, 0.7)]
    [InlineData(CoarseGradient.ClippedRelu, 1.0)]
    [InlineData(CoarseGradient.Identity, 1.0)]
    public void SurrogateDerivative_MatchesFiniteDifferencesOfTheSurrogate(CoarseGradient surrogate, double slope)
    {
        // μ itself, from its definition, away from its kinks at 0 and 1.
        Func<double, double> mu = surrogate switch
        {
            CoarseGradient.ReluDerivative => z => Math.Max(z, 0),
            CoarseGradient.ReluSlope => z => slope * Math.Max(z, 0),
            CoarseGradient.ClippedRelu => z => Math.Min(Math.Max(z, 0), 1),
            _ => z => z,
        };
        var activation = new BinarizedActivation(Shape, surrogate, (float)slope);
        foreach (double z in new[] { -1.5, -0.3, 0.2, 0.6, 1.4, 2.0 })
        {
            const double h = 1e-3;
            double numeric = (mu(z + h) - mu(z - h)) / (2 * h);
            Assert.Equal(numeric, activation.SurrogateDerivative((float)z), 1e-4);
        }
    }

    [Fact]
    public void BadArguments_NameTheOptionAndRange()
    {
        Assert.Contains("slope must be a finite number > 0",
            Assert.Throws<ArgumentOutOfRangeException>(() => new BinarizedActivation(Shape, CoarseGradient.ReluSlope, 0f)).Message);
        Assert.Contains("surrogate must be one of",
            Assert.Throws<ArgumentOutOfRangeException>(() => new BinarizedActivation(Shape, (CoarseGradient)42)).Message);
        Assert.Contains("output must have length 7",
            Assert.Throws<ArgumentException>(() => BinarizedActivation.Apply(Inputs, new float[3])).Message);
    }
}
