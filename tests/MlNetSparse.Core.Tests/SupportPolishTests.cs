using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Sparsity;
using MlNetSparse.Core.Training;
using MlNetSparse.Tests.TestData;
using MlNetSparse.Tests.Core.Rvscgd;

namespace MlNetSparse.Tests.Core;

/// <summary>
/// The support polish after IHT (docs/algorithms.md#support-polish): it reaches the optimum on the support
/// (least squares: the normal equations), never raises the loss, keeps the certificate, moves the support
/// as hard-thresholding pursuit when IHT stopped early, and is skipped where it cannot or should not run.
/// </summary>
public class SupportPolishTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LeastSquares_PolishedPoint_IsTheNormalEquationsSolutionOnItsSupport(bool sparse)
    {
        const int rows = 200, columns = 12, sparsity = 5;
        var (x, y, objective) = Regression(rows, columns, sparse, seed: 81);
        // Two IHT steps: far from the optimum on any support, so the Newton gain is well above the float32
        // rounding of f (below it the polish keeps IHT's point, which is then as good in loss).
        var result = IhtTraining.Train(objective, UniformInitializer.ForLinearLayer(columns), Options(sparsity) with { MaximumIterations = 2 });

        float[] theta = result.Solution.Parameters;
        int[] support = Support.Indices(theta);
        double[] expected = SmallLinearAlgebra.RestrictedLeastSquares(x, y, columns, support);
        output.WriteLine($"polish: {result.Polish}");
        for (int p = 0; p < theta.Length; p++)
            Assert.True(Math.Abs(theta[p] - expected[p]) <= 2e-6 * Math.Max(1, Math.Abs(expected[p])), $"θ[{p}] = {theta[p]}, normal equations {expected[p]}");
        Assert.Equal(SupportPolishOutcome.FixedPoint, result.Polish!.Outcome);
        Assert.True(result.Polish.LossAfter < result.Polish.LossBefore);
        Assert.Equal(HtStabilityVerdict.Stable, result.Certificate.Verdict);
    }

    [Theory]
    [InlineData(LossKind.Logistic, false)]
    [InlineData(LossKind.Logistic, true)]
    [InlineData(LossKind.Softmax, false)]
    [InlineData(LossKind.Squared, true)]
    public void ThePolish_NeverRaisesTheLoss_AndEndsCertifiedStable(LossKind kind, bool sparse)
    {
        var problem = LinearModelProblem.Create(kind, sparse, weighted: true, rows: 300, columns: 10, seed: 82, sparseZeroFraction: 0.3);
        // IHT stopped early, as a loose stop rule would: the polish has a gain to make (after IHT's stop: no hand-over).
        var options = Options(sparsity: 6) with { MaximumIterations = 6, PolishAfterStableSteps = 0 };
        var plain = IhtTraining.Train(problem.Objective, UniformInitializer.ForLinearLayer(10), options with { PolishSupport = false });
        var polished = IhtTraining.Train(problem.Objective, UniformInitializer.ForLinearLayer(10), options);

        output.WriteLine($"{kind}: IHT {plain.Solution.Loss:G10} ({plain.Certificate.Verdict}), polished {polished.Solution.Loss:G10} ({polished.Certificate.Verdict}); {polished.Polish}");
        AssertNonIncreasing(polished.Solution.LossHistory);
        Assert.Equal(polished.Solution.LossHistory.Count, polished.Solution.Iterations + 1);
        Assert.True(polished.Solution.Loss < plain.Solution.Loss);
        Assert.Equal(plain.Solution.Loss, polished.Polish!.LossBefore);
        Assert.Equal(polished.Solution.Loss, polished.Polish.LossAfter);
        Assert.True(polished.Polish.Passes >= 2);
        Assert.Equal(HtStabilityVerdict.Stable, polished.Certificate.Verdict);
        Assert.True(polished.Certificate.RelativeStationarityResidual <= plain.Certificate.RelativeStationarityResidual);
    }

    [Fact]
    public void AfterOneIhtStep_ThePolishMovesTheSupportAsPursuit_ToTheFullRunsFixedPoint()
    {
        const int columns = 30, sparsity = 4;
        var random = new Random(83);
        var truth = new float[columns + 1];
        truth[3] = 2f; truth[11] = -1.5f; truth[20] = 1f; truth[27] = -0.8f;
        var (x, y) = SyntheticData.LinearRegression(random, 150, columns, truth, noise: 0.1);
        var objective = SyntheticData.LeastSquares(x, y, columns);
        var options = Options(sparsity) with { MaximumPolishRounds = 10 };

        var full = IhtTraining.Train(objective, UniformInitializer.ForLinearLayer(columns), options with { PolishSupport = false, OptimizationTolerance = 1e-9 });
        var early = IhtTraining.Train(objective, UniformInitializer.ForLinearLayer(columns), options with { MaximumIterations = 1 });

        output.WriteLine($"early: {early.Polish}");
        Assert.Equal(SupportPolishOutcome.FixedPoint, early.Polish!.Outcome);
        Assert.Equal(Support.Indices(full.Solution.Parameters), Support.Indices(early.Solution.Parameters));
        Assert.True(early.Solution.Loss <= full.Solution.Loss * (1 + 1e-6));
        AssertNonIncreasing(early.Solution.LossHistory);
        Assert.Equal(HtStabilityVerdict.Stable, early.Certificate.Verdict);
    }

    [Fact]
    public void CollinearColumnsOnTheSupport_AreSolvedWithTheRidge_ToTheRestrictedMinimum()
    {
        // Columns 0 and 1 are the same: ∇²_SS is singular, the minimum is that of S without one of them.
        const int rows = 120, columns = 6;
        var random = new Random(84);
        float[] x = SyntheticData.GaussianMatrix(random, rows, columns);
        for (int i = 0; i < rows; i++)
            x[i * columns + 1] = x[i * columns];
        float[] y = [.. Enumerable.Range(0, rows).Select(i => 1.5f * x[i * columns] - x[i * columns + 2] + (float)(0.1 * random.NextGaussian()))];
        var objective = SyntheticData.LeastSquares(x, y, columns);
        float[] theta = new float[columns + 1];
        theta[0] = 0.3f; theta[1] = 0.2f; theta[2] = -0.5f;

        var run = RestrictedNewton.Minimize(objective, theta, [0, 1, 2], CancellationToken.None);

        double[] reduced = SmallLinearAlgebra.RestrictedLeastSquares(x, y, columns, [0, 2]);
        double best = objective.Value([.. reduced.Select(v => (float)v)]);
        output.WriteLine($"Newton: {run}, f = {objective.Value(theta):G10}, restricted minimum {best:G10}");
        Assert.True(objective.Value(theta) <= best * (1 + 1e-6));
        Assert.Equal(0f, theta[3]);
    }

    [Fact]
    public void BadlyScaledFeatures_WhichIhtCannotSettle_AreSolvedByThePolish()
    {
        // StoppingRuleTests' problem: one feature 1e5 times larger than the other makes γ tiny, and 200 IHT
        // steps leave θ far from stationary. Newton does not depend on γ: the polished point is the optimum.
        var objective = StoppingRuleTests.BadlyScaledLeastSquares();
        var options = Options(sparsity: 2) with { MaximumIterations = 200 };

        var alone = IhtTraining.Train(objective, UniformInitializer.ForLinearLayer(2), options with { PolishSupport = false });
        var polished = IhtTraining.Train(objective, UniformInitializer.ForLinearLayer(2), options);

        output.WriteLine($"IHT alone: {alone.Certificate}; polished: {polished.Certificate}; {polished.Polish}");
        Assert.Equal(HtStabilityVerdict.NotStationary, alone.Certificate.Verdict);
        Assert.NotEqual(HtStabilityVerdict.NotStationary, polished.Certificate.Verdict);
        Assert.True(polished.Solution.Loss < 1e-3 * alone.Solution.Loss, $"loss {alone.Solution.Loss} → {polished.Solution.Loss}");
    }

    [Fact]
    public void PolishOff_LeavesTheIhtRunAsItWas()
    {
        var (_, _, objective) = Regression(100, 8, sparse: false, seed: 85);
        var options = Options(sparsity: 3) with { MaximumIterations = 30, PolishSupport = false };
        var trained = IhtTraining.Train(objective, UniformInitializer.ForLinearLayer(8), options);
        var solved = IhtSolver.Solve(objective, new float[9], options with { StepSize = trained.Solution.InitialStepSize });
        Assert.Null(trained.Polish);
        Assert.Equal(solved.Parameters, trained.Solution.Parameters);
        Assert.Equal(solved.LossHistory, trained.Solution.LossHistory);
    }

    [Fact]
    public void AnObjectiveWithoutARestrictedHessian_IsNotPolished()
    {
        var oracle = new QuadraticOracle([3f, -1f, 0.5f, 2f]);
        var result = IhtTraining.Train(oracle, new UniformInitializer(1), Options(sparsity: 2) with { StepSize = 0.5 });
        Assert.Equal(SupportPolishOutcome.NotSupported, result.Polish!.Outcome);
        Assert.Equal(0, result.Polish.Passes);
        Assert.Equal(result.Polish.LossBefore, result.Polish.LossAfter);
    }

    [Fact]
    public void ASupportWhoseNewtonPassCostsTooMuch_IsNotPolished()
    {
        // n = 10, |S| = 11: (11·12/2 + 22)/(2·10 + 1) ≈ 4.2 gradient passes per Newton pass, above the cap of 4.
        var (_, _, objective) = Regression(60, 10, sparse: false, seed: 86);
        var result = IhtTraining.Train(objective, UniformInitializer.ForLinearLayer(10), Options(sparsity: 11) with { MaximumIterations = 20 });
        Assert.Equal(SupportPolishOutcome.TooCostly, result.Polish!.Outcome);
        Assert.True(result.Polish.RelativePassCost > SupportPolish.MaximumRelativePassCost);
    }

    [Fact]
    public void ThePolishedModel_IsTheSameBitForBit_OnAnyNumberOfThreads()
    {
        var problem = LinearModelProblem.Create(LossKind.Softmax, sparse: false, weighted: false, rows: 3000, columns: 20, seed: 87);
        var options = Options(sparsity: 12) with { MaximumIterations = 5 };
        problem.Objective.MaxDegreeOfParallelism = 1;
        var one = IhtTraining.Train(problem.Objective, UniformInitializer.ForLinearLayer(20), options);
        problem.Objective.MaxDegreeOfParallelism = 4;
        var four = IhtTraining.Train(problem.Objective, UniformInitializer.ForLinearLayer(20), options);
        Assert.True(one.Polish!.NewtonSteps > 0);
        Assert.Equal(one.Solution.Parameters, four.Solution.Parameters);
        Assert.Equal(one.Solution.LossHistory, four.Solution.LossHistory);
    }

    [Fact]
    public void ThePolishHonoursCancellation()
    {
        var (_, _, objective) = Regression(100, 8, sparse: false, seed: 88);
        var solution = IhtSolver.Solve(objective, new float[9], Options(sparsity: 3) with { StepSize = 0.1, MaximumIterations = 5 });
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => SupportPolish.Run(objective, solution, Options(sparsity: 3), cancelled.Token));
    }

    private static IhtSolverOptions Options(int sparsity) => new()
    {
        Sparsity = sparsity,
        MonteCarloSampleCount = 20,
        MonteCarloSeed = 5,
        CompareWithDenseOptimum = false,
    };

    private static (float[] X, float[] Y, LinearModelObjective Objective) Regression(int rows, int columns, bool sparse, int seed)
    {
        var random = new Random(seed);
        var truth = new float[columns + 1];
        for (int j = 0; j < columns; j += 3)
            truth[j] = (float)(1 + random.NextDouble());
        truth[columns] = 0.5f;
        var (x, y) = SyntheticData.LinearRegression(random, rows, columns, truth, noise: 0.3);
        IFeatureMatrix matrix = sparse ? SyntheticData.ToSparse(x, rows, columns) : new DenseFeatureMatrix(x, rows, columns);
        return (x, y, new LinearModelObjective(matrix, y, new SquaredLoss()));
    }

    private static void AssertNonIncreasing(IReadOnlyList<double> losses)
    {
        for (int k = 1; k < losses.Count; k++)
            Assert.True(losses[k] <= losses[k - 1], $"f rose at entry {k}: {losses[k - 1]} → {losses[k]}");
    }
}
