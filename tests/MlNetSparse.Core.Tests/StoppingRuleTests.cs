using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Training;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>When a run stops, why, and what it then claims about the point it stopped at.</summary>
public class StoppingRuleTests
{
    [Fact]
    public void BadlyScaledFeatures_AreNotReportedStationary_ThoughATinyStepBarelyMoves()
    {
        // One feature 1e5 times larger than the other: γ = 1/L̂ is tiny, so IHT steps along the
        // small feature are tiny too. Judged by step length the run would look converged at once;
        // judged per coordinate it is not stationary, and the certificate must say so.
        var objective = BadlyScaledLeastSquares();

        var result = IhtTraining.Train(objective, UniformInitializer.ForLinearLayer(2), new IhtSolverOptions
        {
            Sparsity = 2, MaximumIterations = 200, CompareWithDenseOptimum = false,
            PolishSupport = false, // IHT's own stop rule and certificate (SupportPolishTests: the polish solves this problem)
        });

        Assert.NotEqual(IhtStopReason.Converged, result.Solution.StopReason);
        Assert.Equal(HtStabilityVerdict.NotStationary, result.Certificate.Verdict);
        Assert.True(result.Certificate.CurvatureScaled);
    }

    [Fact]
    public void ZeroLossTolerance_NeverStopsForTheLoss_EvenAtZeroLoss()
    {
        var x = new float[] { 1, 2, 3, 4 };
        var objective = new LinearModelObjective(new DenseFeatureMatrix(x, 4, 1), [0, 0, 0, 0], new SquaredLoss());
        var solution = IhtSolver.Solve(objective, new float[2], new IhtSolverOptions { Sparsity = 1, StepSize = 0.1, LossTolerance = 0 });

        Assert.NotEqual(IhtStopReason.LossToleranceReached, solution.StopReason);
        Assert.Equal(0, solution.Loss);
    }

    [Fact]
    public void ObserverCheckpoint_IsCalledDuringTheSmoothnessEstimate_SoItCanCancelBeforeAnyStep()
    {
        var random = new Random(93);
        float[] x = SyntheticData.GaussianMatrix(random, 20, 3);
        var objective = new LinearModelObjective(new DenseFeatureMatrix(x, 20, 3), SyntheticData.Gaussian(random, 20), new SquaredLoss());
        var observer = new CancelAtCheckpoint(after: 3);

        Assert.Throws<OperationCanceledException>(() => IhtTraining.Train(objective, UniformInitializer.ForLinearLayer(3),
            new IhtSolverOptions { Sparsity = 2 }, observer));
        Assert.Equal(3, observer.Checkpoints);
        Assert.Equal(0, observer.Iterations);
    }

    [Fact]
    public void InvalidTrainingOptions_AreRejectedBeforeAnyWork()
    {
        var objective = new LinearModelObjective(new DenseFeatureMatrix([1, 2], 2, 1), [1, 2], new SquaredLoss());
        var observer = new CancelAtCheckpoint(after: int.MaxValue);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => IhtTraining.Train(objective, UniformInitializer.ForLinearLayer(1),
            new IhtSolverOptions { Sparsity = 1, Start = (SparseStartKind)9, TieTolerance = double.NaN }, observer));
        Assert.Equal("Start", error.ParamName);
        Assert.Contains("Start must be one of Zero, RandomSparse", error.Message);
        Assert.Equal(0, observer.Checkpoints);
    }

    [Fact]
    public void HugeFeatures_GiveAFiniteStep_NotAnErrorAboutAStepSizeNobodySet()
    {
        // ‖∇f(θ̃) − ∇f(θ)‖ overflows float for features near 1e10; the estimate is taken in double.
        float[] x = [1e10f, -2e10f, 3e10f, 5e9f];
        var objective = new LinearModelObjective(new DenseFeatureMatrix(x, 4, 1), [1, 2, 3, 4], new SquaredLoss());
        var estimate = RestrictedSmoothnessEstimator.Estimate(objective, 1, UniformInitializer.ForLinearLayer(1), 20, 1);
        Assert.True(double.IsFinite(estimate.Estimate) && estimate.Estimate > 1e18, $"L̂ = {estimate.Estimate}");
    }

    private sealed class CancelAtCheckpoint(int after) : IIhtObserver
    {
        public int Checkpoints { get; private set; }
        public int Iterations { get; private set; }

        public void OnIteration(in IhtIteration iteration) => Iterations++;

        public void OnCheckpoint()
        {
            if (++Checkpoints == after)
                throw new OperationCanceledException();
        }
    }

    /// <summary>y = 3x₁ + 1 on 30 rows, with x₀ 1e5 times larger than x₁: γ = 1/L̂ is tiny along x₁.</summary>
    internal static LinearModelObjective BadlyScaledLeastSquares()
    {
        const int rows = 30;
        var x = new float[rows * 2];
        var y = new float[rows];
        for (int i = 0; i < rows; i++)
        {
            x[2 * i] = 1e5f * (i % 3 - 1);
            x[2 * i + 1] = i % 5 - 2;
            y[i] = 3 * x[2 * i + 1] + 1;
        }
        return new LinearModelObjective(new DenseFeatureMatrix(x, rows, 2), y, new SquaredLoss());
    }
}
