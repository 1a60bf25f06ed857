using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>With s = n, H_s is the identity and IHT is gradient descent θ ← θ − γ∇f(θ), step for step.</summary>
public class IhtGradientDescentEquivalenceTests
{
    private const int MaximumSteps = 12;

    [Theory]
    [InlineData(LossKind.Squared)]
    [InlineData(LossKind.Logistic)]
    [InlineData(LossKind.Softmax)]
    public void IhtWithSEqualToNIsGradientDescent(LossKind kind)
    {
        const int rows = 50, columns = 6;
        var random = new Random(91);
        float[] x = SyntheticData.GaussianMatrix(random, rows, columns);
        var matrix = new DenseFeatureMatrix(x, rows, columns);
        // γ = 1/L with L the full Lipschitz constant of ∇f (λmax(X̃ᵀX̃)/m times the loss's curvature
        // bound: 1 squared, ¼ logistic, ½ softmax), so gradient descent descends and never backtracks.
        double lambda = SmallLinearAlgebra.LargestEigenvalue(SmallLinearAlgebra.AugmentedGram(x, rows, columns));
        var (objective, curvature) = kind switch
        {
            LossKind.Squared => (new LinearModelObjective(matrix, SyntheticData.Gaussian(random, rows), new SquaredLoss()), 1.0),
            LossKind.Logistic => (new LinearModelObjective(matrix, SyntheticData.BinaryLabels(random, rows), new LogisticLoss()), 0.25),
            _ => (new LinearModelObjective(matrix, SyntheticData.ClassLabels(random, rows, 3), new SoftmaxCrossEntropyLoss(3)), 0.5),
        };
        double stepSize = 1 / (curvature * lambda);
        int n = objective.ParameterCount;
        float[] start = SyntheticData.Uniform(random, n, 0.5);

        // Plain gradient descent, written out.
        var reference = new List<float[]> { start };
        var referenceLoss = new List<double>();
        var gradient = new float[n];
        for (int k = 0; k <= MaximumSteps; k++)
        {
            float[] theta = reference[^1];
            referenceLoss.Add(objective.ValueAndGradient(theta, gradient));
            reference.Add(theta.Select((t, i) => t - (float)stepSize * gradient[i]).ToArray());
        }

        // Compare only while each step lowers f by more than 1e-7 relative: past that (about 20 steps
        // here) f is at float32 rounding level, where a rounding-level rise makes IHT halve the step
        // and the two sequences part for reasons unrelated to the equivalence.
        for (int k = 1; k <= MaximumSteps; k++)
            Assert.True(referenceLoss[k - 1] - referenceLoss[k] > 1e-7 * referenceLoss[k], $"gradient descent stalled at step {k}");

        foreach (int steps in new[] { 1, 2, 5, MaximumSteps })
        {
            var solution = IhtSolver.Solve(objective, start, new IhtSolverOptions
            {
                Sparsity = n,
                StepSize = stepSize,
                MaximumIterations = steps,
                OptimizationTolerance = 0,
                RelativeLossTolerance = 0,
            });
            Assert.Equal(0, solution.Backtracks);
            Assert.Equal(steps, solution.Iterations);
            Assert.Equal(stepSize, solution.StepSize);
            double scale = Math.Max(1, SyntheticData.MaxAbs(reference[steps]));
            Assert.True(SyntheticData.MaxAbsDifference(solution.Parameters, reference[steps]) <= 1e-5 * scale,
                $"after {steps} steps: ‖θ_IHT − θ_GD‖∞ = {SyntheticData.MaxAbsDifference(solution.Parameters, reference[steps])}");
            for (int k = 0; k <= steps; k++)
                Assert.True(Math.Abs(solution.LossHistory[k] - referenceLoss[k]) <= 1e-6 * Math.Max(1, referenceLoss[k]),
                    $"f at step {k}: IHT {solution.LossHistory[k]}, GD {referenceLoss[k]}");
        }
    }
}
