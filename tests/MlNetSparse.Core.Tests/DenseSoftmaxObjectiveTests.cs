using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>The vectorized softmax objective is the same f as the general one, and its step loop allocates nothing.</summary>
public class DenseSoftmaxObjectiveTests
{
    [Fact]
    public void ValueGradientAndCurvature_EqualTheGeneralLinearModelObjective()
    {
        var random = new Random(101);
        const int rows = 57, columns = 6, classes = 4;
        float[] x = SyntheticData.GaussianMatrix(random, rows, columns);
        float[] y = SyntheticData.ClassLabels(random, rows, classes);
        var general = new LinearModelObjective(new DenseFeatureMatrix(x, rows, columns), y, new SoftmaxCrossEntropyLoss(classes));
        var fast = new DenseSoftmaxObjective(x, rows, columns, y, classes);
        Assert.Equal(general.ParameterCount, fast.ParameterCount);

        for (int trial = 0; trial < 5; trial++)
        {
            float[] theta = SyntheticData.Uniform(random, general.ParameterCount, 3.0);
            var expected = new float[theta.Length];
            var actual = new float[theta.Length];
            double expectedValue = general.ValueAndGradient(theta, expected), actualValue = fast.ValueAndGradient(theta, actual);
            Assert.Equal(expectedValue, actualValue, expectedValue * 1e-5);
            Assert.Equal(expectedValue, fast.Value(theta), expectedValue * 1e-5);
            for (int i = 0; i < theta.Length; i++)
                Assert.Equal(expected[i], actual[i], 1e-5 + 1e-4 * Math.Abs(expected[i]));
        }
        float[] generalBounds = new float[general.ParameterCount], fastBounds = new float[general.ParameterCount];
        general.DiagonalCurvatureBounds(generalBounds);
        fast.DiagonalCurvatureBounds(fastBounds);
        for (int i = 0; i < generalBounds.Length; i++)
            Assert.Equal(generalBounds[i], fastBounds[i], 1e-5 * generalBounds[i]);
    }

    [Theory]
    [InlineData(1, 1, 2)]
    [InlineData(9, 3, 2)]
    [InlineData(120, 4, 3)]
    [InlineData(33, 2, 10)]
    public void ValueAndGradient_AreThePerRowLossSummed_AtConfidentMargins_ForAnyRowCount(int rows, int columns, int classes)
    {
        // Margins up to about ±60: exp overflows unless each row is shifted by its maximum; row counts that are not a
        // whole number of vectors (1, 9, 33) check the vectorised passes' tails.
        var random = new Random(rows * 7 + classes);
        float[] x = SyntheticData.GaussianMatrix(random, rows, columns);
        float[] y = SyntheticData.ClassLabels(random, rows, classes);
        var objective = new DenseSoftmaxObjective(x, rows, columns, y, classes);
        float[] theta = SyntheticData.Uniform(random, objective.ParameterCount, 20.0);
        var gradient = new float[theta.Length];
        double value = objective.ValueAndGradient(theta, gradient);

        var loss = new SoftmaxCrossEntropyLoss(classes);
        var expected = new double[theta.Length];
        double expectedValue = 0;
        var margins = new float[classes];
        var derivative = new float[classes];
        for (int i = 0; i < rows; i++)
        {
            for (int c = 0; c < classes; c++)
            {
                double z = theta[objective.Layout.BiasIndex(c)];
                for (int j = 0; j < columns; j++)
                    z += (double)theta[objective.Layout.WeightIndex(c, j)] * x[i * columns + j];
                margins[c] = (float)z;
            }
            expectedValue += loss.ValueAndDerivative(margins, y[i], derivative);
            for (int c = 0; c < classes; c++)
            {
                for (int j = 0; j < columns; j++)
                    expected[objective.Layout.WeightIndex(c, j)] += (double)derivative[c] * x[i * columns + j] / rows;
                expected[objective.Layout.BiasIndex(c)] += (double)derivative[c] / rows;
            }
        }
        expectedValue /= rows;
        Assert.True(double.IsFinite(value));
        Assert.Equal(expectedValue, value, 1e-4 * Math.Max(1, expectedValue));
        Assert.Equal(value, objective.Value(theta));
        double scale = expected.Max(Math.Abs) + 1;
        for (int p = 0; p < theta.Length; p++)
            Assert.True(Math.Abs(expected[p] - gradient[p]) <= 1e-4 * scale, $"∇[{p}]: {gradient[p]} vs {expected[p]}");
    }

    [Fact]
    public void ALabelOutsideTheClasses_IsOneErrorNamingItsRow()
    {
        var error = Assert.Throws<ArgumentException>(() => new DenseSoftmaxObjective([1f, 2f, 3f], 3, 1, [0f, 3f, 1f], 3));
        Assert.Contains("labels[1]", error.Message);
    }

    [Fact]
    public void IhtStepLoop_AllocatesNothing()
    {
        var random = new Random(102);
        float[] x = SyntheticData.GaussianMatrix(random, 120, 4);
        var objective = new DenseSoftmaxObjective(x, 120, 4, SyntheticData.ClassLabels(random, 120, 3), 3);
        var observer = new AllocationProbe(firstIteration: 10, lastIteration: 900);

        IhtSolver.Solve(objective, new float[15], new IhtSolverOptions
        {
            Sparsity = 7, StepSize = 0.005, MaximumIterations = 900, OptimizationTolerance = 0, RelativeLossTolerance = 0,
        }, observer);

        Assert.Equal(890, observer.Iterations);
        Assert.Equal(0, observer.AllocatedBytes);
    }

    private sealed class AllocationProbe(int firstIteration, int lastIteration) : IIhtObserver
    {
        private long _start;

        public long AllocatedBytes { get; private set; } = -1;
        public int Iterations { get; private set; }

        public void OnIteration(in IhtIteration iteration)
        {
            if (iteration.Iteration == firstIteration)
                _start = GC.GetAllocatedBytesForCurrentThread();
            else if (iteration.Iteration > firstIteration)
                Iterations++;
            if (iteration.Iteration == lastIteration)
                AllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - _start;
        }
    }
}
