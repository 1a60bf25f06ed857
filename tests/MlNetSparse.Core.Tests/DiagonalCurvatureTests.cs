using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>dᵢ bounds ∂²f/∂θᵢ² from above everywhere, and is exact for least squares.</summary>
public class DiagonalCurvatureTests
{
    [Theory]
    [InlineData(LossKind.Softmax)]
    [InlineData(LossKind.Logistic)]
    [InlineData(LossKind.Squared)]
    public void Bounds_AreAtLeastTheHessianDiagonal_AtRandomPoints(LossKind kind)
    {
        var random = new Random(91);
        const int rows = 40, columns = 5;
        float[] x = SyntheticData.GaussianMatrix(random, rows, columns);
        var weights = SyntheticData.ExampleWeights(random, rows);
        var objective = Objective(kind, new DenseFeatureMatrix(x, rows, columns), random, rows, weights);
        var bounds = new float[objective.ParameterCount];
        objective.DiagonalCurvatureBounds(bounds);

        for (int trial = 0; trial < 5; trial++)
        {
            float[] theta = SyntheticData.Uniform(random, objective.ParameterCount, 2.0);
            for (int i = 0; i < theta.Length; i++)
                Assert.True(SecondDerivative(objective, theta, i) <= bounds[i] * (1 + 1e-3) + 1e-6,
                    $"∂²f/∂θ{i}² = {SecondDerivative(objective, theta, i)} exceeds the bound {bounds[i]}");
        }
    }

    [Fact]
    public void ForLeastSquares_TheBoundIsTheExactDiagonal()
    {
        var random = new Random(92);
        const int rows = 30, columns = 4;
        float[] x = SyntheticData.GaussianMatrix(random, rows, columns);
        float[] weights = SyntheticData.ExampleWeights(random, rows);
        var matrix = new DenseFeatureMatrix(x, rows, columns);
        var objective = new LinearModelObjective(matrix, SyntheticData.Gaussian(random, rows), new SquaredLoss(), weights);
        var bounds = new float[columns + 1];
        objective.DiagonalCurvatureBounds(bounds);

        double weightSum = weights.Sum(w => (double)w);
        for (int j = 0; j < columns; j++)
        {
            double expected = Enumerable.Range(0, rows).Sum(i => weights[i] * (double)x[i * columns + j] * x[i * columns + j]) / weightSum;
            Assert.Equal(expected, bounds[j], expected * 1e-5);
        }
        Assert.Equal(1f, bounds[columns]);
        // The sparse matrix gives the same sums.
        var sparseBounds = new float[columns + 1];
        new LinearModelObjective(SyntheticData.ToSparse(x, rows, columns), SyntheticData.Gaussian(random, rows), new SquaredLoss(), weights)
            .DiagonalCurvatureBounds(sparseBounds);
        for (int i = 0; i <= columns; i++)
            Assert.Equal(bounds[i], sparseBounds[i], bounds[i] * 1e-5);
    }

    // Central difference of ∂f/∂θᵢ in θᵢ, in double through the objective's own gradient.
    private static double SecondDerivative(IDifferentiableObjective objective, float[] theta, int i)
    {
        const float h = 1e-2f;
        var gradient = new float[theta.Length];
        float[] plus = (float[])theta.Clone(), minus = (float[])theta.Clone();
        plus[i] += h;
        minus[i] -= h;
        objective.ValueAndGradient(plus, gradient);
        double up = gradient[i];
        objective.ValueAndGradient(minus, gradient);
        return (up - gradient[i]) / (plus[i] - minus[i]);
    }

    private static LinearModelObjective Objective(LossKind kind, IFeatureMatrix x, Random random, int rows, float[] weights) => kind switch
    {
        LossKind.Softmax => new LinearModelObjective(x, SyntheticData.ClassLabels(random, rows, 3), new SoftmaxCrossEntropyLoss(3), weights),
        LossKind.Logistic => new LinearModelObjective(x, SyntheticData.BinaryLabels(random, rows), new LogisticLoss(), weights),
        _ => new LinearModelObjective(x, SyntheticData.Gaussian(random, rows), new SquaredLoss(), weights),
    };
}
