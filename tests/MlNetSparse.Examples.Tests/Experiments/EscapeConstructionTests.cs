using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Sparsity;
using MlNetSparse.Experiments.Escape;

namespace MlNetSparse.Tests.Experiments;

/// <summary>
/// The saddle quadratics of the escape experiment: the fixed points, both sides of inequality (8) and
/// L₂ₛ are what <see cref="SaddleConstructions"/> derives, recomputed here from H and a.
/// </summary>
public class EscapeConstructionTests
{
    private const double T = SaddleConstructions.DefaultScale;

    public static TheoryData<string> Constructions => ["coupled", "separable"];

    internal static SaddleQuadratic Construction(string name)
        => name == "coupled" ? SaddleConstructions.Coupled() : SaddleConstructions.Separable();

    [Theory]
    [MemberData(nameof(Constructions))]
    public void TheUnstablePoint_IsACertifiedTieOfInequality8(string name)
    {
        SaddleQuadratic objective = Construction(name);
        float[] point = objective.Unstable.ToSingle();
        var certificate = objective.Certify(point);

        Assert.Equal(HtStabilityVerdict.Unstable, certificate.Verdict);
        Assert.Equal(T, certificate.SmallestSupportMagnitude);      // left: |θᵘ₀| = T
        Assert.Equal(T, certificate.OffSupportThreshold);           // right: γ·max(|∇₁f|, |∇₂f|) = 1·T
        Assert.Equal(0.0, certificate.Margin);
        Assert.Equal(0.0, certificate.SupportGradientNorm);
        Assert.Equal(objective.Unstable.SmallestSupportMagnitude, certificate.SmallestSupportMagnitude);
        Assert.Equal(objective.Unstable.OffSupportThreshold, certificate.OffSupportThreshold);

        // θᵘ − γ∇f(θᵘ) = T·(1, 1, −1): a three-way tie, kept at θᵘ only by the smaller-index rule.
        float[] stepped = Step(objective, point);
        Assert.Equal(new[] { (float)T, (float)T, (float)-T }, stepped);
        Assert.Equal(point, HardThresholdOperator.Apply(stepped, objective.Sparsity));
    }

    [Theory]
    [MemberData(nameof(Constructions))]
    public void EveryKnownStablePoint_IsCertifiedStableWithTheDerivedSides(string name)
    {
        SaddleQuadratic objective = Construction(name);
        foreach (KnownFixedPoint point in (IEnumerable<KnownFixedPoint>)[objective.Stable, .. objective.OtherStable])
        {
            var certificate = objective.Certify(point.ToSingle());
            Assert.Equal(HtStabilityVerdict.Stable, certificate.Verdict);
            Assert.Equal(point.SmallestSupportMagnitude, certificate.SmallestSupportMagnitude, 1e-7 * T);
            Assert.Equal(point.OffSupportThreshold, certificate.OffSupportThreshold, 1e-7 * T);
            Assert.True(certificate.Margin > T, $"{point}: margin {certificate.Margin}");
        }
        double[] expected = name == "coupled" ? [0, 0, -22 * T / 5] : [0, 0, -16 * T / 5];
        Assert.Equal(expected, objective.Stable.Parameters.ToArray());
    }

    [Theory]
    [MemberData(nameof(Constructions))]
    public void TheCenterAndTheGradientAtTheUnstablePoint_Agree(string name)
    {
        // b = ∇f(θᵘ) = H(θᵘ − a) = T·(0, −1, 1), and every known point minimises f on its support.
        SaddleQuadratic objective = Construction(name);
        double[] b = [0, -T, T];
        Assert.Equal(b, objective.GradientAtUnstable.ToArray());
        Assert.Equal(b, CurvatureTimes(objective, Minus(objective.Unstable.Parameters.ToArray(), objective.Center.ToArray())), new Tolerance(1e-15));
        foreach (KnownFixedPoint point in (IEnumerable<KnownFixedPoint>)[objective.Unstable, objective.Stable, .. objective.OtherStable])
        {
            double[] gradient = CurvatureTimes(objective, Minus(point.Parameters.ToArray(), objective.Center.ToArray()));
            int i = Array.FindIndex(point.Parameters.ToArray(), v => v != 0);
            Assert.Equal(0, gradient[i], 1e-15);
            double offSupport = gradient.Where((_, j) => j != i).Max(Math.Abs);
            Assert.Equal(point.OffSupportThreshold, objective.StepSize * offSupport, 1e-15);
        }
    }

    [Theory]
    [MemberData(nameof(Constructions))]
    public void TheRestrictedSmoothness_IsTheLargestEigenvalueOverTwoByTwoBlocks_AndTheStepRespectsIt(string name)
    {
        SaddleQuadratic objective = Construction(name);
        double largest = 0;
        for (int i = 0; i < 3; i++)
            for (int j = i + 1; j < 3; j++)
            {
                double hii = objective.Curvature(i, i), hjj = objective.Curvature(j, j), hij = objective.Curvature(i, j);
                largest = Math.Max(largest, (hii + hjj) / 2 + Math.Sqrt((hii - hjj) * (hii - hjj) / 4 + hij * hij));
            }
        Assert.Equal(largest, objective.RestrictedSmoothness, 1e-15);
        Assert.Equal(name == "coupled" ? (9 + 3 * Math.Sqrt(5)) / 16 : 0.75, objective.RestrictedSmoothness, 1e-15);
        Assert.True(objective.StepSize * objective.RestrictedSmoothness < 1);
    }

    [Fact]
    public void InTheCoupledConstruction_TheMinimiserOnTheOtherSupport_IsNoFixedPoint()
    {
        // T·(0, 5/3, 0): ∇f = T·(−11/8, 0, 91/48), and 5/3 < 91/48.
        SaddleQuadratic objective = SaddleConstructions.Coupled();
        float[] point = [0, (float)(5 * T / 3), 0];
        var certificate = objective.Certify(point);
        Assert.Equal(HtStabilityVerdict.NotStationary, certificate.Verdict);
        Assert.Equal(91 * T / 48, certificate.OffSupportThreshold, 1e-7 * T);
    }

    [Theory]
    [InlineData("coupled", +1, true)]    // c₁ = 1/8 > 0: coordinate 1 overtakes
    [InlineData("coupled", -1, true)]    // c₂ = −5/8 < 0: coordinate 2 overtakes
    [InlineData("separable", +1, false)] // c₁ = c₂ = −1/4: θᵘ₀ grows past the tie and stays
    [InlineData("separable", -1, true)]
    public void OnTheUnstableSupport_OneStepLeavesExactlyWhenSomeGapIsPositive(string name, int sign, bool leaves)
    {
        SaddleQuadratic objective = Construction(name);
        float[] point = [(float)(T * (1 + sign * 1e-3)), 0, 0];
        float[] next = HardThresholdOperator.Apply(Step(objective, point), objective.Sparsity);
        Assert.Equal(leaves, next[0] == 0);
    }

    [Fact]
    public void AScaleThatIsNotAPowerOfTwo_IsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SaddleConstructions.Coupled(0.3));
        Assert.Equal("scale", error.ParamName);
        Assert.Contains("power of two in [2^-20, 1]", error.Message);
    }

    private static float[] Step(SaddleQuadratic objective, float[] point)
    {
        var gradient = new float[point.Length];
        objective.ValueAndGradient(point, gradient);
        return [.. point.Select((v, i) => (float)(v - objective.StepSize * gradient[i]))];
    }

    private static double[] Minus(double[] x, double[] y) => [.. x.Select((v, i) => v - y[i])];

    private static double[] CurvatureTimes(SaddleQuadratic objective, double[] x)
        => [.. Enumerable.Range(0, 3).Select(i => Enumerable.Range(0, 3).Sum(j => objective.Curvature(i, j) * x[j]))];

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;
        public int GetHashCode(double value) => 0;
    }
}
