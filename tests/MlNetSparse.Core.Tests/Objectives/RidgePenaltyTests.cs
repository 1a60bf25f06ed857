using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>
/// The ridge term of L0L2, f(θ) + (λ₂/2)·‖w‖² with the biases left out (docs/algorithms.md#ridge-term),
/// against its formula: value and gradient by finite differences, the curvature bounds, and L̂₂ₛ.
/// </summary>
public class RidgePenaltyTests
{
    private const int Rows = 30, Columns = 5;
    private const double Lambda = 0.7;

    public static TheoryData<LossKind, bool> Losses()
    {
        var data = new TheoryData<LossKind, bool>();
        foreach (LossKind kind in Enum.GetValues<LossKind>())
            foreach (bool weighted in new[] { false, true })
                data.Add(kind, weighted);
        return data;
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void GradientMatchesFiniteDifferencesOfThePenalisedLossInDouble(LossKind kind, bool weighted)
    {
        var (plain, reference, layout, random) = Problem(kind, weighted, seed: 41);
        IDifferentiableObjective penalised = RidgePenalty.Apply(plain, Lambda);
        double Reference(double[] theta)
        {
            double ridge = 0;
            for (int p = 0; p < layout.WeightCount; p++)
                ridge += theta[p] * theta[p];
            return reference.Value(theta) + Lambda / 2 * ridge;
        }
        for (int point = 0; point < 3; point++)
        {
            float[] theta = SyntheticData.Uniform(random, plain.ParameterCount, 1.5);
            var gradient = new float[theta.Length];
            double value = penalised.ValueAndGradient(theta, gradient);
            double[] at = [.. theta.Select(v => (double)v)];
            double expectedValue = Reference(at);
            Assert.True(Math.Abs(value - expectedValue) <= 1e-5 * Math.Max(1, Math.Abs(expectedValue)), $"f = {value}, reference {expectedValue}");
            Assert.Equal(value, penalised.Value(theta), 12);

            const double h = 1e-6;
            double scale = Math.Max(1, SyntheticData.MaxAbs(gradient));
            for (int p = 0; p < theta.Length; p++)
            {
                double saved = at[p];
                at[p] = saved + h;
                double up = Reference(at);
                at[p] = saved - h;
                double down = Reference(at);
                at[p] = saved;
                double difference = (up - down) / (2 * h);
                Assert.True(Math.Abs(gradient[p] - difference) <= 1e-5 * scale,
                    $"∂f/∂θ[{p}] ({layout.Describe(p)}) = {gradient[p]}, finite difference {difference}");
            }
        }
    }

    [Fact]
    public void TheBiasesGradientIsThePlainLosss_EachWeightsGainsLambdaTimesTheWeight()
    {
        var (plain, _, layout, random) = Problem(LossKind.Softmax, weighted: false, seed: 42);
        float[] theta = SyntheticData.Uniform(random, plain.ParameterCount, 2.0);
        float[] g = new float[theta.Length], gPenalised = new float[theta.Length];
        plain.ValueAndGradient(theta, g);
        RidgePenalty.Apply(plain, Lambda).ValueAndGradient(theta, gPenalised);
        for (int p = 0; p < theta.Length; p++)
        {
            float expected = layout.Describe(p).IsBias ? g[p] : g[p] + (float)Lambda * theta[p];
            Assert.Equal(expected, gPenalised[p]);
        }
    }

    [Fact]
    public void CurvatureBoundsGainLambdaOnTheWeightsOnly()
    {
        var (plain, _, layout, _) = Problem(LossKind.Logistic, weighted: true, seed: 43);
        float[] d = new float[plain.ParameterCount], dPenalised = new float[plain.ParameterCount];
        plain.DiagonalCurvatureBounds(d);
        var penalised = Assert.IsAssignableFrom<IDiagonalCurvature>(RidgePenalty.Apply(plain, Lambda));
        penalised.DiagonalCurvatureBounds(dPenalised);
        for (int p = 0; p < d.Length; p++)
            Assert.Equal(layout.Describe(p).IsBias ? d[p] : (float)(d[p] + Lambda), dPenalised[p]);
    }

    [Fact]
    public void LambdaZeroIsThePlainObjectiveItself_AnObjectiveWithoutCurvatureBoundsGetsNone()
    {
        var (plain, _, _, _) = Problem(LossKind.Squared, weighted: false, seed: 44);
        Assert.Same(plain, RidgePenalty.Apply(plain, 0));
        var quadratic = new QuadraticObjective([1, 2, 3], [0, 0, 0]);
        Assert.IsNotAssignableFrom<IDiagonalCurvature>(RidgePenalty.Apply(quadratic, Lambda));
    }

    [Theory]
    [InlineData(-1e-9)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ANegativeOrNonFiniteLambda_IsRejectedNamingTheOption(double lambda)
    {
        var (plain, _, _, _) = Problem(LossKind.Squared, weighted: false, seed: 45);
        var error = Assert.ThrowsAny<ArgumentException>(() => RidgePenalty.Apply(plain, lambda));
        Assert.Equal(nameof(IhtSolverOptions.L2Regularization), error.ParamName);
        Assert.Contains("a finite number ≥ 0", error.Message);
    }

    [Fact]
    public void ForAnIsotropicQuadratic_TheSmoothnessEstimateGainsExactlyLambda()
    {
        // f = (c/2)‖θ − a‖²: every Monte-Carlo ratio is c, and with the ridge term (no biases: every entry
        // is penalised) c + λ₂. So L̂₂ₛ grows by λ₂ (the scaling (λ₂/2)‖w‖²), not 2λ₂.
        var quadratic = new QuadraticObjective([3, 3, 3, 3, 3], [1, -1, 0, 2, 0]);
        var plain = RestrictedSmoothnessEstimator.Estimate(quadratic, 2, new UniformInitializer(1.0), 20, seed: 5);
        var penalised = RestrictedSmoothnessEstimator.Estimate(RidgePenalty.Apply(quadratic, Lambda), 2, new UniformInitializer(1.0), 20, seed: 5);
        // float gradients: equal to about 1e-5.
        Assert.Equal(3, plain.Estimate, 3e-5);
        Assert.Equal(3 + Lambda, penalised.Estimate, 3e-5);
    }

    [Fact]
    public void OnLeastSquares_TheEstimateIsBoundedByThePenalisedHessiansRestrictedColumnNorm()
    {
        // The Hessian of (1/2m)‖X̃θ − y‖² + (λ₂/2)‖w‖² is G + λ₂·D (D = 1 on the weights, 0 on the bias):
        // the bound of RestrictedSmoothnessEstimatorTests, for the penalised Hessian.
        var random = new Random(46);
        float[] x = SyntheticData.GaussianMatrix(random, Rows, Columns);
        float[] y = SyntheticData.Gaussian(random, Rows);
        var objective = RidgePenalty.Apply(SyntheticData.LeastSquares(x, y, Columns), Lambda);
        double[,] hessian = SmallLinearAlgebra.AugmentedGram(x, Rows, Columns);
        for (int j = 0; j < Columns; j++)
            hessian[j, j] += Lambda;
        double k2s = SmallLinearAlgebra.RestrictedColumnNorm(hessian, 4);
        double l2s = SmallLinearAlgebra.RestrictedLargestEigenvalue(hessian, 4);
        var estimate = RestrictedSmoothnessEstimator.Estimate(objective, 2, new UniformInitializer(1.0), 500, seed: 7);
        Assert.InRange(estimate.Estimate, 0.5 * l2s, k2s * (1 + 1e-4));
    }

    private static (LinearModelObjective Objective, ReferenceLoss Reference, LinearModelLayout Layout, Random Random) Problem(
        LossKind kind, bool weighted, int seed)
    {
        var random = new Random(seed);
        float[] x = SyntheticData.GaussianMatrix(random, Rows, Columns);
        int k = kind == LossKind.Softmax ? 3 : 1;
        float[] labels = kind switch
        {
            LossKind.Squared => SyntheticData.Gaussian(random, Rows, 2.0),
            LossKind.Logistic => SyntheticData.BinaryLabels(random, Rows),
            _ => SyntheticData.ClassLabels(random, Rows, k),
        };
        float[]? weights = weighted ? SyntheticData.ExampleWeights(random, Rows) : null;
        IMarginLoss loss = kind switch
        {
            LossKind.Squared => new SquaredLoss(),
            LossKind.Logistic => new LogisticLoss(),
            _ => new SoftmaxCrossEntropyLoss(k),
        };
        var objective = new LinearModelObjective(new DenseFeatureMatrix(x, Rows, Columns), labels, loss, weights);
        return (objective, new ReferenceLoss(kind, x, Rows, Columns, labels, k, weights), objective.Layout, random);
    }
}
