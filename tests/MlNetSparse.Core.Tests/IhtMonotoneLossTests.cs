using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Training;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>The loss history of IHT never increases; a too-large step is halved until it descends.</summary>
public class IhtMonotoneLossTests
{
    private const int Rows = 60, Columns = 8;

    [Theory]
    [InlineData(LossKind.Softmax, 3)]
    [InlineData(LossKind.Logistic, 3)]
    [InlineData(LossKind.Squared, 3)]
    [InlineData(LossKind.Softmax, 10)]
    public void WithAFiftyTimesTooLargeStep_TheLossNeverIncreasesAndTheStepIsHalved(LossKind kind, int sparsity)
    {
        var objective = Problem(kind, seed: 71);
        var initializer = UniformInitializer.ForLinearLayer(Columns);
        double estimate = RestrictedSmoothnessEstimator.Estimate(objective, sparsity, initializer, 50, 0).Estimate;
        var result = IhtTraining.Train(objective, initializer, Options(sparsity) with { StepSize = 50 / estimate });

        AssertNonIncreasing(result.Solution.LossHistory);
        Assert.True(result.Solution.Backtracks > 0, "a step of 50/L̂ must be halved at least once");
        Assert.True(result.Solution.StepSize < result.Solution.InitialStepSize);
        // Each halving divides γ by exactly 2.
        Assert.Equal(result.Solution.InitialStepSize / Math.Pow(2, result.Solution.Backtracks), result.Solution.StepSize);
        Assert.True(result.Solution.Loss < result.Solution.LossHistory[0]);
    }

    [Theory]
    [InlineData(LossKind.Softmax, 3)]
    [InlineData(LossKind.Logistic, 3)]
    [InlineData(LossKind.Squared, 3)]
    public void WithTheEstimatedStep_TheLossNeverIncreases(LossKind kind, int sparsity)
    {
        var objective = Problem(kind, seed: 72);
        var result = IhtTraining.Train(objective, UniformInitializer.ForLinearLayer(Columns), Options(sparsity) with
        {
            Start = SparseStartKind.RandomSparse,
            InitializationSeed = 5,
            SupportSeed = 6,
        });
        AssertNonIncreasing(result.Solution.LossHistory);
        Assert.True(result.Solution.Loss < result.Solution.LossHistory[0]);
        Assert.Equal(result.Solution.Iterations + 1, result.Solution.LossHistory.Count);
    }

    [Fact]
    public void WithAStepBelowOneOverTheExactL2s_NoStepIsEverHalved()
    {
        // RSS (docs/algorithms.md#restricted-smoothness) with θ, θ⁺ = H_s(θ − γ∇f) both s-sparse and θ⁺ the closest s-sparse
        // point to θ − γ∇f gives f(θ⁺) ≤ f(θ) − (1/γ − L₂ₛ)/2·‖θ⁺ − θ‖²: with γ < 1/L₂ₛ every
        // step descends, so the solver never needs to halve. The run is capped at 25 steps, while
        // each step still lowers f by far more than the float32 rounding of f (≈ 1e-7 relative);
        // RunToTheRoundingLimit_NeverHalvesAStepThatIsSmallEnough covers the end of a run.
        var random = new Random(73);
        const int rows = 40, columns = 6, sparsity = 2;
        float[] x = SyntheticData.GaussianMatrix(random, rows, columns);
        for (int p = 0; p < x.Length; p++)
            x[p] += 1f;
        float[] y = SyntheticData.Gaussian(random, rows, 3.0);
        var objective = SyntheticData.LeastSquares(x, y, columns);
        double l2s = SmallLinearAlgebra.RestrictedLargestEigenvalue(SmallLinearAlgebra.AugmentedGram(x, rows, columns), 2 * sparsity);

        foreach (int supportSeed in new[] { 1, 2, 3, 4 })
        {
            var start = SparseStart.Random(columns + 1, sparsity, new UniformInitializer(3), supportSeed, supportSeed);
            var solution = IhtSolver.Solve(objective, start, new IhtSolverOptions
            {
                Sparsity = sparsity,
                StepSize = 0.9 / l2s,
                MaximumIterations = 25,
            });
            Assert.Equal(0, solution.Backtracks);
            AssertNonIncreasing(solution.LossHistory);
        }
    }

    [Fact]
    public void RunToTheRoundingLimit_NeverHalvesAStepThatIsSmallEnough()
    {
        // With no tolerance the run goes on until steps are float32 rounding; the rises that
        // rounding causes there must end the run, not shrink γ (which would weaken the certificate).
        var random = new Random(74);
        const int rows = 50, columns = 6, sparsity = 3;
        float[] x = SyntheticData.GaussianMatrix(random, rows, columns);
        float[] y = SyntheticData.Gaussian(random, rows, 3.0);
        var objective = SyntheticData.LeastSquares(x, y, columns);
        double l2s = SmallLinearAlgebra.RestrictedLargestEigenvalue(SmallLinearAlgebra.AugmentedGram(x, rows, columns), 2 * sparsity);

        var solution = IhtSolver.Solve(objective, new float[columns + 1], new IhtSolverOptions
        {
            Sparsity = sparsity,
            StepSize = 0.9 / l2s,
            MaximumIterations = 100_000,
            OptimizationTolerance = 0,
            RelativeLossTolerance = 0,
        });

        Assert.Equal(IhtStopReason.RoundingLimit, solution.StopReason);
        Assert.False(solution.Converged); // the rounding limit is a reason of its own, not convergence
        Assert.Equal(0, solution.Backtracks);
        Assert.Equal(solution.InitialStepSize, solution.StepSize);
        AssertNonIncreasing(solution.LossHistory);
    }

    [Fact]
    public void WithoutTheRoundingLimit_TheRunTakesThePapersStepsToItsCap_ChangingTheLossByRoundingOnly()
    {
        // The run above, with StopAtRoundingLimit off: the paper's loop, which has no acceptance test, goes on at the
        // fixed point. It reaches the cap with the same γ, and f never rises by more than its float32 rounding.
        var random = new Random(74);
        const int rows = 50, columns = 6, sparsity = 3, cap = 3000;
        float[] x = SyntheticData.GaussianMatrix(random, rows, columns);
        float[] y = SyntheticData.Gaussian(random, rows, 3.0);
        var objective = SyntheticData.LeastSquares(x, y, columns);
        double l2s = SmallLinearAlgebra.RestrictedLargestEigenvalue(SmallLinearAlgebra.AugmentedGram(x, rows, columns), 2 * sparsity);
        var options = new IhtSolverOptions { Sparsity = sparsity, StepSize = 0.9 / l2s, MaximumIterations = cap, OptimizationTolerance = 0, RelativeLossTolerance = 0 };

        var limited = IhtSolver.Solve(objective, new float[columns + 1], options);
        var paper = IhtSolver.Solve(objective, new float[columns + 1], options with { StopAtRoundingLimit = false });

        Assert.Equal(IhtStopReason.RoundingLimit, limited.StopReason);
        Assert.True(limited.Iterations < cap);
        Assert.Equal(IhtStopReason.MaximumIterations, paper.StopReason);
        Assert.Equal(cap, paper.Iterations);
        Assert.Equal(0, paper.Backtracks);
        Assert.Equal(paper.InitialStepSize, paper.StepSize);
        Assert.Equal(limited.Loss, paper.Loss, 1e-5 * Math.Abs(limited.Loss)); // the same fixed point
        for (int k = 1; k < paper.LossHistory.Count; k++)
            Assert.True(paper.LossHistory[k] - paper.LossHistory[k - 1] <= 8 * 1.1920929e-7 * Math.Abs(paper.LossHistory[k - 1]), $"step {k} rose by more than rounding");
    }

    internal static void AssertNonIncreasing(IReadOnlyList<double> history)
    {
        Assert.True(history.Count >= 2, "the run took no step");
        for (int k = 1; k < history.Count; k++)
            Assert.True(history[k] <= history[k - 1], $"f rose at step {k}: {history[k - 1]} → {history[k]}");
    }

    private static IhtSolverOptions Options(int sparsity) => new()
    {
        Sparsity = sparsity,
        MaximumIterations = 300,
        CompareWithDenseOptimum = false,
    };

    private static LinearModelObjective Problem(LossKind kind, int seed)
    {
        var random = new Random(seed);
        float[] x = SyntheticData.GaussianMatrix(random, Rows, Columns);
        var matrix = new DenseFeatureMatrix(x, Rows, Columns);
        return kind switch
        {
            LossKind.Softmax => new LinearModelObjective(matrix, SyntheticData.ClassLabels(random, Rows, 3), new SoftmaxCrossEntropyLoss(3)),
            LossKind.Logistic => new LinearModelObjective(matrix, SyntheticData.BinaryLabels(random, Rows), new LogisticLoss()),
            _ => new LinearModelObjective(matrix, SyntheticData.Gaussian(random, Rows, 2.0), new SquaredLoss()),
        };
    }
}
