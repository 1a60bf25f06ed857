using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Sparsity;
using MlNetSparse.Core.Training;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>
/// The production stop rule (docs/algorithms.md#stationarity), what <c>Converged</c> claims, the passes each
/// phase is charged (docs/algorithms.md#passes) and the paper preset (docs/algorithms.md#paper-preset).
/// </summary>
public class ConvergenceRuleTests
{
    [Fact]
    public void DefaultRun_EndsConverged_WithinTheToleranceOfTheRestrictedOptimum()
    {
        var (x, y, truth, columns) = NoisyRegression(seed: 151);
        var objective = SyntheticData.LeastSquares(x, y, columns);
        int sparsity = Support.CountNonzero(truth);

        var result = IhtTraining.Train(objective, UniformInitializer.ForLinearLayer(columns),
            new IhtSolverOptions { Sparsity = sparsity, MonteCarloSeed = 3 });

        IhtSolution solution = result.Solution;
        Assert.Equal(IhtStopReason.Converged, solution.StopReason);
        Assert.True(solution.Converged);
        Assert.True(solution.Iterations < 1000, $"{solution.Iterations} iterations");
        Assert.Equal(Support.Indices(truth), Support.Indices(solution.Parameters));
        IhtMonotoneLossTests.AssertNonIncreasing(solution.LossHistory);
        Assert.Equal(HtStabilityVerdict.Stable, result.Certificate.Verdict);

        // The optimum on the support, in closed form: f there is within the rule's tolerance of f(θ).
        int[] support = Support.Indices(solution.Parameters);
        double[] optimum = SmallLinearAlgebra.RestrictedLeastSquares(x, y, columns, support);
        double optimalLoss = objective.Value(optimum.Select(v => (float)v).ToArray());
        double excess = (solution.Loss - optimalLoss) / optimalLoss;
        Assert.InRange(excess, -1e-6, IhtSolverOptions.Defaults.RelativeLossTolerance);
        for (int i = 0; i < optimum.Length; i++)
            Assert.True(Math.Abs(optimum[i] - solution.Parameters[i]) <= 1e-2, $"θ[{i}] = {solution.Parameters[i]}, optimum {optimum[i]}");
    }

    [Fact]
    public void ConvergenceRule_FiresOnASettledSupportBeforeTheRoundingLimit_WhichAloneWouldNotConverge()
    {
        var (x, y, truth, columns) = NoisyRegression(seed: 152);
        var objective = SyntheticData.LeastSquares(x, y, columns);
        var options = new IhtSolverOptions { Sparsity = Support.CountNonzero(truth), StepSize = 0.05, MaximumIterations = 100_000 };

        IhtSolution ruled = IhtSolver.Solve(objective, new float[columns + 1], options);
        IhtSolution unruled = IhtSolver.Solve(objective, new float[columns + 1], options with { RelativeLossTolerance = 0, OptimizationTolerance = 0 });

        Assert.Equal(IhtStopReason.Converged, ruled.StopReason);
        Assert.Equal(IhtStopReason.RoundingLimit, unruled.StopReason);
        Assert.False(unruled.Converged);
        Assert.True(ruled.Iterations < unruled.Iterations, $"{ruled.Iterations} vs {unruled.Iterations}");
        // The last W steps kept the support and lowered f by at most the tolerance.
        int w = IhtSolverOptions.ConvergenceWindow;
        double windowDecrease = ruled.LossHistory[^(w + 1)] - ruled.Loss;
        Assert.InRange(windowDecrease, 0, IhtSolverOptions.Defaults.RelativeLossTolerance * ruled.Loss);
        double previousDecrease = ruled.LossHistory[^(w + 2)] - ruled.LossHistory[^2];
        Assert.True(previousDecrease > 0);
    }

    [Theory]
    [InlineData(3, 0.0, IhtStopReason.MaximumIterations)]
    [InlineData(100_000, 5.0, IhtStopReason.LossToleranceReached)]
    public void ConvergedIsFalse_ForACappedRun_AndForAReachedLossTolerance(int cap, double lossTolerance, IhtStopReason expected)
    {
        var (x, y, truth, columns) = NoisyRegression(seed: 153);
        var solution = IhtSolver.Solve(SyntheticData.LeastSquares(x, y, columns), new float[columns + 1],
            new IhtSolverOptions { Sparsity = Support.CountNonzero(truth), StepSize = 0.05, MaximumIterations = cap, LossTolerance = lossTolerance });

        Assert.Equal(expected, solution.StopReason);
        Assert.False(solution.Converged);
    }

    [Fact]
    public void Passes_AreCountedExactly_PerPhase_AndMatchTheEvaluationsMade()
    {
        var (x, y, truth, columns) = NoisyRegression(seed: 154);
        var counted = new CountingObjective(SyntheticData.LeastSquares(x, y, columns));
        int sparsity = Support.CountNonzero(truth);

        // A fixed step small enough never to halve, five steps, no early stop: the start, five steps, the
        // curvature bounds once (the certificate reuses them).
        var fixedStep = IhtTraining.Train(counted, UniformInitializer.ForLinearLayer(columns), new IhtSolverOptions
        {
            Sparsity = sparsity, StepSize = 0.01, MaximumIterations = 5, RelativeLossTolerance = 0, OptimizationTolerance = 0,
        });
        Assert.Equal(0, fixedStep.Solution.Backtracks);
        Assert.Equal(new PhaseCost(0, TimeSpan.Zero), fixedStep.Phases.Smoothness);
        Assert.Equal(1 + 5 + 1, fixedStep.Phases.Iterations.Passes);
        Assert.Equal(0, fixedStep.Phases.DenseReference.Passes);
        Assert.Equal(counted.Passes, fixedStep.Phases.Total.Passes);

        // With L̂₂ₛ from 4 samples and the dense reference: two passes a sample, each run's own.
        counted.Passes = 0;
        var full = IhtTraining.Train(counted, UniformInitializer.ForLinearLayer(columns), new IhtSolverOptions
        {
            Sparsity = sparsity, MonteCarloSampleCount = 4, CompareWithDenseOptimum = true, MaximumIterations = 50,
        });
        Assert.Equal(8, full.Phases.Smoothness.Passes);
        Assert.Equal(full.Solution.Passes, full.Phases.Iterations.Passes);
        Assert.Equal(1 + full.Solution.Iterations + full.Solution.Backtracks + 1, full.Solution.Passes);
        Assert.True(full.Phases.DenseReference.Passes > 8);
        Assert.Equal(0, full.Phases.Polish.Passes);
        Assert.Equal(counted.Passes, full.Phases.Total.Passes);
    }

    [Fact]
    public void PaperPreset_IsTheOldDefaults_AndRunsWithoutTheLossDecreaseRule()
    {
        IhtSolverOptions paper = IhtSolverOptions.Paper(4);
        Assert.Equal(4, paper.Sparsity);
        Assert.Equal(50, paper.MonteCarloSampleCount);
        Assert.True(paper.CompareWithDenseOptimum);
        Assert.Equal(0, paper.RelativeLossTolerance);
        Assert.False(paper.PolishSupport);
        // Everything else is the default.
        Assert.Equal(new IhtSolverOptions { Sparsity = 4, MonteCarloSampleCount = 50, CompareWithDenseOptimum = true, RelativeLossTolerance = 0, PolishSupport = false }, paper);

        var (x, y, truth, columns) = NoisyRegression(seed: 155);
        var objective = SyntheticData.LeastSquares(x, y, columns);
        var initializer = UniformInitializer.ForLinearLayer(columns);
        int sparsity = Support.CountNonzero(truth);
        var byPreset = IhtTraining.Train(objective, initializer, IhtSolverOptions.Paper(sparsity) with { MonteCarloSeed = 5 });
        var byDefault = IhtTraining.Train(objective, initializer, new IhtSolverOptions { Sparsity = sparsity, MonteCarloSeed = 5 });

        // The old rules run on past the point where the new one stops, to the rounding limit or the Newton-step test.
        Assert.Contains(byPreset.Solution.StopReason, new[] { IhtStopReason.RoundingLimit, IhtStopReason.Converged });
        Assert.True(byPreset.Solution.Iterations > byDefault.Solution.Iterations);
        Assert.Equal(100, byPreset.Phases.Smoothness.Passes);
        Assert.NotNull(byPreset.DenseReference);
        Assert.Null(byDefault.DenseReference);
        Assert.Equal(6, byDefault.Phases.Smoothness.Passes);
    }

    // y = X·θ* + noise over 10 features, 3 of them in the truth: a unique optimum on the support.
    private static (float[] X, float[] Y, float[] Truth, int Columns) NoisyRegression(int seed)
    {
        const int rows = 200, columns = 10;
        var truth = new float[columns + 1];
        truth[2] = 1.5f;
        truth[5] = -1f;
        truth[8] = 2f;
        var (x, y) = SyntheticData.LinearRegression(new Random(seed), rows, columns, truth, noise: 0.1);
        return (x, y, truth, columns);
    }

    /// <summary>The objective, counting every pass it makes: evaluations of f and the curvature bounds.</summary>
    private sealed class CountingObjective(LinearModelObjective inner) : IDifferentiableObjective, IDiagonalCurvature
    {
        public int Passes { get; set; }

        public int ParameterCount => inner.ParameterCount;

        public double Value(ReadOnlySpan<float> parameters)
        {
            Passes++;
            return inner.Value(parameters);
        }

        public double ValueAndGradient(ReadOnlySpan<float> parameters, Span<float> gradient)
        {
            Passes++;
            return inner.ValueAndGradient(parameters, gradient);
        }

        public void DiagonalCurvatureBounds(Span<float> destination)
        {
            Passes++;
            inner.DiagonalCurvatureBounds(destination);
        }
    }
}
