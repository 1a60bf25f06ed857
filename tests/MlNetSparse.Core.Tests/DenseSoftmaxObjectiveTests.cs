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
