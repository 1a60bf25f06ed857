using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Stochastic;
using MlNetSparse.Core.Training;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>
/// Training with the ridge term of L0L2 (<see cref="IhtSolverOptions.L2Regularization"/>,
/// docs/algorithms.md#ridge-term): the closed-form ridge fit on the support for squared loss, finite
/// weights on separable data, and the term applied exactly once by every entry point.
/// </summary>
public class RidgeTrainingTests
{
    private const int Rows = 60, Columns = 8;

    [Fact]
    public void SquaredLoss_ConvergesToTheClosedFormRidgeFitOnItsSupport_WithTheBiasUnpenalised()
    {
        // y = 2x₀ − 1.5x₂ + x₅ + 0.5 + noise; s = 4 finds {w₀, w₂, w₅, b}. On that support the minimiser of
        // (1/2m)‖X̃θ − y‖² + (λ₂/2)‖w‖² solves (X̃ₛᵀX̃ₛ/m + λ₂·D)θₛ = X̃ₛᵀy/m, D = 1 on weights, 0 on the bias.
        const double lambda = 0.5;
        var random = new Random(51);
        float[] truth = [2, 0, -1.5f, 0, 0, 1, 0, 0, 0.5f];
        var (x, y) = SyntheticData.LinearRegression(random, Rows, Columns, truth, noise: 0.1);
        var options = new IhtSolverOptions
        {
            Sparsity = 4, L2Regularization = lambda, MaximumIterations = 20_000, OptimizationTolerance = 1e-7, CompareWithDenseOptimum = false,
        };
        var result = IhtTraining.Train(SyntheticData.LeastSquares(x, y, Columns), new UniformInitializer(1.0), options);

        int[] support = [0, 2, 5, Columns];
        double[] expected = RidgeOnSupport(x, y, support, lambda);
        Assert.Equal(support, Enumerable.Range(0, Columns + 1).Where(p => result.Solution.Parameters[p] != 0));
        for (int p = 0; p <= Columns; p++)
            Assert.True(Math.Abs(result.Solution.Parameters[p] - expected[p]) <= 1e-4, $"θ[{p}] = {result.Solution.Parameters[p]}, closed form {expected[p]}");
        // Converged, or a fixed point to float precision (the rounding limit): not the iteration cap.
        Assert.NotEqual(IhtStopReason.MaximumIterations, result.Solution.StopReason);
        Assert.Equal(HtStabilityVerdict.Stable, result.Certificate.Verdict);
        // The ridge shrinks the weights: the plain least-squares fit on the support is further from 0.
        double[] plain = SmallLinearAlgebra.RestrictedLeastSquares(x, y, Columns, support);
        Assert.True(Math.Abs(expected[0]) < Math.Abs(plain[0]) - 0.1, $"ridge w₀ {expected[0]}, least squares {plain[0]}");
    }

    [Fact]
    public void ThePolish_MinimisesThePenalisedObjective_NotThePlainLoss()
    {
        // The polish's Newton steps see the ridge term through the wrapper's restricted Hessian (λ₂ on the weights'
        // diagonal). Had they minimised the plain loss, they would move θ to the least-squares fit on the support,
        // more than 0.1 away from the ridge fit in w₀ (the test above); on the penalised objective the polish ends
        // at a fixed point within the float32 resolution of f of the closed-form ridge fit.
        const double lambda = 0.5;
        var random = new Random(51);
        float[] truth = [2, 0, -1.5f, 0, 0, 1, 0, 0, 0.5f];
        var (x, y) = SyntheticData.LinearRegression(random, Rows, Columns, truth, noise: 0.1);
        var options = new IhtSolverOptions { Sparsity = 4, L2Regularization = lambda, MaximumIterations = 30, PolishSupport = true };
        var result = IhtTraining.Train(SyntheticData.LeastSquares(x, y, Columns), new UniformInitializer(1.0), options);

        Assert.NotNull(result.Polish);
        Assert.Equal(SupportPolishOutcome.FixedPoint, result.Polish.Outcome);
        Assert.Equal(IhtStopReason.Converged, result.Solution.StopReason);
        double[] expected = RidgeOnSupport(x, y, [0, 2, 5, Columns], lambda);
        for (int p = 0; p <= Columns; p++)
            Assert.True(Math.Abs(result.Solution.Parameters[p] - expected[p]) <= 1e-4, $"θ[{p}] = {result.Solution.Parameters[p]}, closed form {expected[p]}; {result.Polish}");
    }

    [Fact]
    public void SeparableData_WithoutTheTermDriftsToEverLargerWeights_WithItConvergesToFiniteOnes()
    {
        var (objective, _) = Separable(seed: 52);
        double Largest(double lambda, int iterations, out IhtTrainingResult result)
        {
            result = IhtTraining.Train(objective, new UniformInitializer(1.0), new IhtSolverOptions
            {
                // IHT alone, whose weights drift on separable data; the polish would carry them to float32's resolution of f.
                Sparsity = 3, L2Regularization = lambda, MaximumIterations = iterations, CompareWithDenseOptimum = false, PolishSupport = false,
            });
            return SyntheticData.MaxAbs(result.Solution.Parameters.AsSpan(0, 2));
        }

        double plainShort = Largest(0, 1000, out var plainRun), plainLong = Largest(0, 4000, out _);
        Assert.Equal(IhtStopReason.MaximumIterations, plainRun.Solution.StopReason);
        Assert.True(plainLong > plainShort * 1.1, $"λ₂ = 0: ‖w‖∞ {plainShort} after 1,000 steps, {plainLong} after 4,000: still growing");

        double ridgeShort = Largest(0.05, 1000, out var ridgeRun), ridgeLong = Largest(0.05, 4000, out _);
        Assert.NotEqual(IhtStopReason.MaximumIterations, ridgeRun.Solution.StopReason);
        Assert.Equal(ridgeShort, ridgeLong);
        // At the optimum λ₂wⱼ = −∂loss/∂wⱼ, and |∂loss/∂wⱼ| ≤ mean|xᵢⱼ| ≤ max|xᵢⱼ|.
        Assert.True(ridgeShort < plainLong && ridgeShort <= 3 / 0.05, $"λ₂ = 0.05: ‖w‖∞ {ridgeShort}");
        Assert.NotEqual(HtStabilityVerdict.NotStationary, ridgeRun.Certificate.Verdict);
    }

    [Fact]
    public void MiniBatchesCoveringTheData_AreFullBatchIhtWithTheTerm_BitForBit()
    {
        // The term is added once, whether the solver, the training run or the stochastic run is called.
        var (objective, problem) = Separable(seed: 53);
        // Mini-batch runs are not polished, so the full-batch run compared with them is IHT alone.
        var options = new IhtSolverOptions { Sparsity = 2, L2Regularization = 0.1, MaximumIterations = 300, PolishSupport = false };
        var full = IhtTraining.Train(objective, new UniformInitializer(1.0), options);
        var source = new InMemoryMiniBatchSource(problem.Features, problem.Labels, null, seed: 1);
        var stochastic = StochasticIhtTraining.Train(source, new LogisticLoss(), objective, new UniformInitializer(1.0), options,
            new MiniBatchOptions { InitialSize = problem.Labels.Length, Growth = 1 });

        Assert.Equal(full.Solution.Parameters, stochastic.Run.Iht.Parameters);
        Assert.Equal(full.Solution.LossHistory, stochastic.Run.Iht.LossHistory);
        Assert.Equal(full.Solution.Gradient, stochastic.Gradient);
        Assert.Equal(full.Smoothness, stochastic.Smoothness);
        Assert.Equal(full.Certificate, stochastic.Certificate);
        Assert.Equal(full.DenseReference, stochastic.DenseReference);

        // The reported loss is the penalised objective at the trained point.
        double plain = objective.Value(full.Solution.Parameters);
        double ridge = 0.05 * full.Solution.Parameters.Take(2).Sum(w => (double)w * w);
        Assert.Equal(plain + ridge, full.Solution.Loss, 12);
    }

    // Two features, labels 1{x₀ + 0.5x₁ > 0} with a margin: rows closer than 0.3 to the boundary are moved off it.
    private static (LinearModelObjective Objective, (IFeatureMatrix Features, float[] Labels) Problem) Separable(int seed)
    {
        const int rows = 80;
        var random = new Random(seed);
        float[] x = SyntheticData.GaussianMatrix(random, rows, 2);
        var labels = new float[rows];
        for (int i = 0; i < rows; i++)
        {
            double z = x[2 * i] + 0.5 * x[2 * i + 1];
            if (Math.Abs(z) < 0.3)
                x[2 * i] += (float)(Math.Sign(z == 0 ? 1 : z) * 0.3);
            labels[i] = x[2 * i] + 0.5 * x[2 * i + 1] > 0 ? 1 : 0;
        }
        var matrix = new DenseFeatureMatrix(x, rows, 2);
        return (new LinearModelObjective(matrix, labels, new LogisticLoss()), (matrix, labels));
    }

    private static double[] RidgeOnSupport(float[] x, float[] y, int[] support, double lambda)
    {
        int m = y.Length;
        double Column(int i, int j) => j == Columns ? 1.0 : x[i * Columns + j];
        var normal = new double[support.Length, support.Length];
        var rightSide = new double[support.Length];
        for (int i = 0; i < m; i++)
            for (int a = 0; a < support.Length; a++)
            {
                rightSide[a] += Column(i, support[a]) * y[i] / m;
                for (int b = 0; b < support.Length; b++)
                    normal[a, b] += Column(i, support[a]) * Column(i, support[b]) / m;
            }
        for (int a = 0; a < support.Length; a++)
            if (support[a] != Columns)
                normal[a, a] += lambda;
        double[] solved = SmallLinearAlgebra.Solve(normal, rightSide);
        var theta = new double[Columns + 1];
        for (int a = 0; a < support.Length; a++)
            theta[support[a]] = solved[a];
        return theta;
    }
}
