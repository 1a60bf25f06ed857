using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>∇f of <see cref="LinearModelObjective"/> against central finite differences, for every loss.</summary>
public class LinearModelObjectiveGradientTests
{
    private const int Rows = 30, Columns = 5;

    public static TheoryData<LossKind, bool, bool> Cases() => LinearModelProblem.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientMatchesFiniteDifferencesOfTheDoublePrecisionLoss(LossKind kind, bool sparse, bool weighted)
    {
        var (objective, reference, random) = Problem(kind, sparse, weighted, seed: 31);
        for (int point = 0; point < 3; point++)
        {
            float[] theta = SyntheticData.Uniform(random, objective.ParameterCount, 0.7);
            var gradient = new float[theta.Length];
            double value = objective.ValueAndGradient(theta, gradient);

            // f itself against the double-precision formula.
            double expectedValue = reference.Value(theta);
            Assert.True(Math.Abs(value - expectedValue) <= 1e-5 * Math.Max(1, Math.Abs(expectedValue)),
                $"f = {value}, reference {expectedValue}");

            // ∇f against central differences (h = 1e-6 in double: error ≈ 1e-9).
            double[] expected = reference.FiniteDifferenceGradient(theta);
            double scale = expected.Max(Math.Abs);
            for (int p = 0; p < theta.Length; p++)
                Assert.True(Math.Abs(gradient[p] - expected[p]) <= 1e-5 * Math.Max(scale, 1e-2),
                    $"∂f/∂θ[{p}] = {gradient[p]}, finite difference {expected[p]} (scale {scale})");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientMatchesFiniteDifferencesOfItsOwnValue(LossKind kind, bool sparse, bool weighted)
    {
        // The code's Value (float margins) differenced with a float-sized step: a looser check that
        // Value and ValueAndGradient describe the same function.
        var (objective, _, random) = Problem(kind, sparse, weighted, seed: 32);
        float[] theta = SyntheticData.Uniform(random, objective.ParameterCount, 0.7);
        var gradient = new float[theta.Length];
        objective.ValueAndGradient(theta, gradient);
        double scale = Math.Max(1, SyntheticData.MaxAbs(gradient));
        for (int p = 0; p < theta.Length; p++)
        {
            float saved = theta[p];
            theta[p] = saved + 1e-2f;
            float upAt = theta[p];
            double up = objective.Value(theta);
            theta[p] = saved - 1e-2f;
            float downAt = theta[p];
            double down = objective.Value(theta);
            theta[p] = saved;
            double difference = (up - down) / ((double)upAt - downAt);
            Assert.True(Math.Abs(gradient[p] - difference) <= 2e-3 * scale, $"∂f/∂θ[{p}] = {gradient[p]}, finite difference {difference}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ValueEqualsTheValueReturnedWithTheGradient(LossKind kind, bool sparse, bool weighted)
    {
        var (objective, _, random) = Problem(kind, sparse, weighted, seed: 33);
        for (int point = 0; point < 5; point++)
        {
            float[] theta = SyntheticData.Uniform(random, objective.ParameterCount, 2.0);
            double value = objective.Value(theta);
            double withGradient = objective.ValueAndGradient(theta, new float[theta.Length]);
            Assert.True(Math.Abs(value - withGradient) <= 1e-12 * Math.Max(1, Math.Abs(value)), $"Value {value} vs ValueAndGradient {withGradient}");
        }
    }

    [Theory]
    [InlineData(LossKind.Squared, false)]
    [InlineData(LossKind.Logistic, true)]
    [InlineData(LossKind.Softmax, true)]
    [InlineData(LossKind.Softmax, false)]
    public void DenseAndSparseStorageGiveTheSameObjective(LossKind kind, bool weighted)
    {
        // The same matrix (half its entries zero) stored both ways.
        var (dense, _, _) = Problem(kind, sparse: false, weighted, seed: 34, zeroFraction: 0.5);
        var (sparse, _, random) = Problem(kind, sparse: true, weighted, seed: 34, zeroFraction: 0.5);
        float[] theta = SyntheticData.Uniform(random, dense.ParameterCount, 1.0);
        float[] g1 = new float[theta.Length], g2 = new float[theta.Length];
        double f1 = dense.ValueAndGradient(theta, g1), f2 = sparse.ValueAndGradient(theta, g2);
        Assert.True(Math.Abs(f1 - f2) <= 1e-6 * Math.Max(1, Math.Abs(f1)), $"dense f {f1}, sparse f {f2}");
        Assert.True(SyntheticData.MaxAbsDifference(g1, g2) <= 1e-5 * Math.Max(1, SyntheticData.MaxAbs(g1)));
    }

    [Fact]
    public void ExampleWeightsAreEquivalentToRepeatingRows()
    {
        // ω = [2, 1, 0, 3] is the same objective as rows 0, 0, 1, 3, 3, 3 unweighted: a closed-form
        // identity that pins down both the weighting and the division by Σω.
        var random = new Random(35);
        float[] x = SyntheticData.GaussianMatrix(random, 4, 3);
        float[] y = [0, 2, 1, 2];
        int[] repeated = [0, 0, 1, 3, 3, 3];
        float[] xRepeated = repeated.SelectMany(i => x.Skip(i * 3).Take(3)).ToArray();
        float[] yRepeated = repeated.Select(i => y[i]).ToArray();
        var weighted = new LinearModelObjective(new DenseFeatureMatrix(x, 4, 3), y, new SoftmaxCrossEntropyLoss(3), [2, 1, 0, 3]);
        var plain = new LinearModelObjective(new DenseFeatureMatrix(xRepeated, 6, 3), yRepeated, new SoftmaxCrossEntropyLoss(3));
        float[] theta = SyntheticData.Uniform(random, weighted.ParameterCount, 1.0);
        float[] g1 = new float[theta.Length], g2 = new float[theta.Length];
        double f1 = weighted.ValueAndGradient(theta, g1), f2 = plain.ValueAndGradient(theta, g2);
        Assert.True(Math.Abs(f1 - f2) <= 1e-6 * Math.Abs(f2));
        Assert.True(SyntheticData.MaxAbsDifference(g1, g2) <= 1e-6 * Math.Max(1, SyntheticData.MaxAbs(g2)));
    }

    private static (LinearModelObjective Objective, ReferenceLoss Reference, Random Random) Problem(LossKind kind, bool sparse, bool weighted, int seed,
        double? zeroFraction = null)
    {
        var random = new Random(seed);
        float[] x = SyntheticData.GaussianMatrix(random, Rows, Columns, zeroFraction ?? (sparse ? 0.5 : 0));
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
        IFeatureMatrix matrix = sparse ? SyntheticData.ToSparse(x, Rows, Columns) : new DenseFeatureMatrix(x, Rows, Columns);
        var objective = new LinearModelObjective(matrix, labels, loss, weights);
        return (objective, new ReferenceLoss(kind, x, Rows, Columns, labels, k, weights), random);
    }
}
