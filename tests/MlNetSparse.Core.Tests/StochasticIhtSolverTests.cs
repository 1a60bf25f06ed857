using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Sparsity;
using MlNetSparse.Core.Stochastic;
using MlNetSparse.Core.Training;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>Mini-batch stochastic IHT: recovery, equivalence with full-batch IHT, the schedule, the caps, memory.</summary>
public class StochasticIhtSolverTests
{
    private const int Columns = 30;

    [Fact]
    public void BatchesCoveringTheData_AreFullBatchIht_BitForBit()
    {
        var problem = Regression(rows: 300, seed: 1);
        // Mini-batch IHT has no support polish: compared with full-batch IHT alone.
        var options = TrainingOptions(sparsity: 6) with { Start = SparseStartKind.RandomSparse, InitializationSeed = 3, SupportSeed = 4, PolishSupport = false };

        var full = IhtTraining.Train(problem.Objective, problem.Initializer, options);
        var stochastic = StochasticIhtTraining.Train(problem.Source(seed: 9), new SquaredLoss(), problem.Objective, problem.Initializer, options,
            new MiniBatchOptions { InitialSize = 300, Growth = 1 });

        Assert.Equal(full.Solution.Parameters, stochastic.Run.Iht.Parameters);
        Assert.Equal(full.Solution.LossHistory, stochastic.Run.Iht.LossHistory);
        Assert.Equal(full.Solution.Gradient, stochastic.Gradient);
        Assert.Equal(full.Solution.StepSize, stochastic.Run.Iht.StepSize);
        Assert.Equal(full.Solution.StopReason, stochastic.Run.Iht.StopReason);
        Assert.Equal(full.Smoothness, stochastic.Smoothness);
        Assert.Equal(full.Certificate, stochastic.Certificate);
        Assert.Equal(full.DenseReference, stochastic.DenseReference);
        Assert.Equal(full.Solution.Loss, stochastic.Loss);
        Assert.Equal(1, stochastic.Run.FullDataFromIteration);
        Assert.Equal(0, stochastic.Run.LargestBufferedRows);
    }

    [Theory]
    [InlineData(MiniBatchStorage.Dense)]
    [InlineData(MiniBatchStorage.Sparse)]
    public void SmallGrowingBatches_RecoverTheTrueSupport_AndReachTheFullBatchLoss(MiniBatchStorage storage)
    {
        var problem = Regression(rows: 4000, seed: 2, noise: 0.1, sparse: storage == MiniBatchStorage.Sparse);
        var options = TrainingOptions(sparsity: 6) with { MaximumIterations = 400 };

        var full = IhtTraining.Train(problem.Objective, problem.Initializer, options);
        var stochastic = StochasticIhtTraining.Train(problem.Source(seed: 5), new SquaredLoss(), problem.Objective, problem.Initializer, options,
            new MiniBatchOptions { InitialSize = 40, Growth = 1.02 });

        Assert.Equal(Support.Indices(problem.Truth), Support.Indices(stochastic.Run.Iht.Parameters));
        Assert.Equal(Support.Indices(full.Solution.Parameters), Support.Indices(stochastic.Run.Iht.Parameters));
        // 40·1.02ᵏ reaches the 4000 rows at k = 233: the last steps are full-batch and reach its optimum.
        Assert.Equal(234, stochastic.Run.FullDataFromIteration);
        Assert.True(stochastic.Loss <= full.Solution.Loss * 1.01, $"SIHT loss {stochastic.Loss} vs full-batch {full.Solution.Loss}");
        Assert.Equal(stochastic.Loss, problem.Objective.Value(stochastic.Run.Iht.Parameters), 12);
        Assert.Equal(HtStabilityVerdict.Stable, stochastic.Certificate.Verdict);
    }

    [Fact]
    public void SmallFixedBatches_OnLogisticData_RecoverTheTrueSupport_WithALossNearFullBatch()
    {
        const int rows = 4000;
        var random = new Random(8);
        var truth = new float[Columns + 1];
        foreach (int j in new[] { 2, 7, 11, 19 })
            truth[j] = (float)((1.5 + random.NextDouble()) * (j % 2 == 0 ? 1 : -1));
        float[] x = SyntheticData.GaussianMatrix(random, rows, Columns);
        var labels = new float[rows];
        for (int i = 0; i < rows; i++)
        {
            double z = 0;
            for (int j = 0; j < Columns; j++)
                z += x[i * Columns + j] * truth[j];
            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1 : 0;
        }
        var matrix = new DenseFeatureMatrix(x, rows, Columns);
        var objective = new LinearModelObjective(matrix, labels, new LogisticLoss());
        var options = TrainingOptions(sparsity: 4) with { MaximumIterations = 400, CompareWithDenseOptimum = false };

        var full = IhtTraining.Train(objective, UniformInitializer.ForLinearLayer(Columns), options);
        var stochastic = StochasticIhtTraining.Train(new InMemoryMiniBatchSource(matrix, labels, null, seed: 1), new LogisticLoss(), objective,
            UniformInitializer.ForLinearLayer(Columns), options, new MiniBatchOptions { InitialSize = 400, Growth = 1 });

        Assert.Null(stochastic.Run.FullDataFromIteration);
        Assert.Equal(Support.Indices(truth), Support.Indices(stochastic.Run.Iht.Parameters));
        // Fixed batches leave gradient noise of order γ·σ_B: within 2% of the full-batch optimum.
        Assert.True(stochastic.Loss <= full.Solution.Loss * 1.02, $"SIHT loss {stochastic.Loss} vs full-batch {full.Solution.Loss}");
        Assert.Equal(400, stochastic.Run.Iht.Iterations);
        Assert.Equal(400 * 400 / (double)rows, stochastic.Run.Epochs, 12);
    }

    [Fact]
    public void BatchSizesFollowTheGrowthSchedule_UntilTheyCoverTheData()
    {
        var problem = Regression(rows: 500, seed: 3);
        var source = new RecordingSource(problem.Source(seed: 1));
        var solution = StochasticIhtSolver.Solve(source, new SquaredLoss(), problem.Objective, new float[Columns + 1],
            SolverOptions(sparsity: 6, iterations: 40) with { OptimizationTolerance = 0 }, new MiniBatchOptions { InitialSize = 50, Growth = 1.25 });

        // bₖ = ⌈50·1.25ᵏ⌉: 50, 63, 79, 98, 123, 153, 191, 239, 299, 373, 466, then ≥ 500 = all rows.
        int[] expected = [50, 63, 79, 98, 123, 153, 191, 239, 299, 373, 466];
        Assert.Equal(expected, source.Sizes);
        Assert.Equal(expected.Length + 1, solution.FullDataFromIteration);
        Assert.Equal(500, solution.FinalBatchSize);
        Assert.Equal(466, solution.LargestBufferedRows);
        Assert.True(solution.EndedOnFullData);
        Assert.Equal(expected.Sum() + 500L * (solution.Iht.Iterations - expected.Length), solution.RowsProcessed);
    }

    [Fact]
    public void BatchRowLimit_SwitchesToAllRowsInsteadOfBufferingALargerBatch()
    {
        var problem = Regression(rows: 500, seed: 3);
        var source = new RecordingSource(problem.Source(seed: 1));
        var solution = StochasticIhtSolver.Solve(source, new SquaredLoss(), problem.Objective, new float[Columns + 1],
            SolverOptions(sparsity: 6, iterations: 40) with { OptimizationTolerance = 0 },
            new MiniBatchOptions { InitialSize = 50, Growth = 1.25, MaximumBatchRows = 200 });

        Assert.Equal([50, 63, 79, 98, 123, 153, 191], source.Sizes); // 239 > 200: all rows from step 8
        Assert.Equal(8, solution.FullDataFromIteration);
        Assert.Equal(191, solution.LargestBufferedRows);
    }

    [Fact]
    public void EpochCap_StopsBeforeTheRowsWouldPassIt()
    {
        var problem = Regression(rows: 1000, seed: 4);
        var solution = StochasticIhtSolver.Solve(problem.Source(seed: 2), new SquaredLoss(), problem.Objective, new float[Columns + 1],
            SolverOptions(sparsity: 6, iterations: 1000), new MiniBatchOptions { InitialSize = 300, Growth = 1, MaximumEpochs = 2 });

        Assert.Equal(IhtStopReason.MaximumEpochs, solution.Iht.StopReason);
        Assert.False(solution.Iht.Converged);
        Assert.Equal(6, solution.Iht.Iterations); // 6·300 = 1800 ≤ 2000 < 7·300
        Assert.Equal(1800, solution.RowsProcessed);
        Assert.Equal(1.8, solution.Epochs, 12);
    }

    [Fact]
    public void SameSeeds_GiveBitIdenticalRuns_AndTheShuffleSeedChangesTheBatches()
    {
        var problem = Regression(rows: 800, seed: 5, noise: 0.3);
        var batches = new MiniBatchOptions { InitialSize = 64, Growth = 1.01 };
        StochasticIhtTrainingResult Train(int shuffleSeed) => StochasticIhtTraining.Train(problem.Source(shuffleSeed), new SquaredLoss(),
            problem.Objective, problem.Initializer, TrainingOptions(sparsity: 5) with { MaximumIterations = 60 }, batches);

        var first = Train(7);
        var second = Train(7);
        var other = Train(8);
        Assert.Equal(first.Run.Iht.Parameters, second.Run.Iht.Parameters);
        Assert.Equal(first.Run.Iht.LossHistory, second.Run.Iht.LossHistory);
        Assert.Equal(first.Smoothness, second.Smoothness);
        Assert.Equal(first.DenseReference, second.DenseReference);
        Assert.NotEqual(first.Run.Iht.LossHistory, other.Run.Iht.LossHistory);
    }

    [Fact]
    public void AfterTheBuffersReachTheirSize_StepsAllocateNothing()
    {
        var problem = Regression(rows: 2000, seed: 6, noise: 0.5);
        var observer = new AllocationObserver(from: 5, to: 200);
        StochasticIhtSolver.Solve(problem.Source(seed: 3), new SquaredLoss(), problem.Objective, new float[Columns + 1],
            SolverOptions(sparsity: 6, iterations: 200), new MiniBatchOptions { InitialSize = 128, Growth = 1 }, observer);
        Assert.Equal(0, observer.AllocatedBetween);
    }

    [Fact]
    public void Cancellation_StopsTheRunBetweenSteps()
    {
        var problem = Regression(rows: 500, seed: 7);
        using var cancellation = new CancellationTokenSource();
        var observer = new CancelAtIteration(3, cancellation);
        Assert.Throws<OperationCanceledException>(() => StochasticIhtSolver.Solve(problem.Source(seed: 1), new SquaredLoss(), problem.Objective,
            new float[Columns + 1], SolverOptions(sparsity: 6, iterations: 100), new MiniBatchOptions { InitialSize = 50 }, observer, cancellation.Token));
        Assert.Equal(3, observer.LastIteration);
    }

    [Fact]
    public void AnyProjection_Works_AndWithBatchesCoveringTheDataTheRunIsFullBatchIht()
    {
        var problem = Regression(rows: 200, seed: 6);
        var box = new BoxProjection(Columns + 1, 0.75f);
        IhtSolverOptions options = SolverOptions(sparsity: Columns + 1, iterations: 60);
        var stochastic = StochasticIhtSolver.Solve(problem.Source(seed: 1), new SquaredLoss(), problem.Objective, box, new float[Columns + 1],
            options, new MiniBatchOptions { InitialSize = 200 });
        var full = IhtSolver.Solve(problem.Objective, box, new float[Columns + 1], options);

        Assert.Equal(full.Parameters, stochastic.Iht.Parameters);
        Assert.Equal(full.LossHistory, stochastic.Iht.LossHistory);
        Assert.Null(box.Violation(stochastic.Iht.Parameters));
        Assert.Contains(stochastic.Iht.Parameters, v => Math.Abs(v) == 0.75f); // the truth's weights of 1–2 are held at the bound
    }

    [Fact]
    public void InvalidScheduleOrShapes_AreRejected_NamingTheSetting()
    {
        var problem = Regression(rows: 100, seed: 8);
        void Solve(MiniBatchOptions batches, IDifferentiableObjective? objective = null) => StochasticIhtSolver.Solve(problem.Source(seed: 1),
            new SquaredLoss(), objective ?? problem.Objective, new float[Columns + 1], SolverOptions(sparsity: 3, iterations: 5), batches);

        // Each setting's range is checked by the theory generated from MiniBatchOptions.Table; this shows Solve checks them.
        Assert.Equal("InitialSize", Assert.Throws<ArgumentOutOfRangeException>(() => Solve(new MiniBatchOptions { InitialSize = 0 })).ParamName);
        Assert.Equal("Growth", Assert.Throws<ArgumentOutOfRangeException>(() => Solve(new MiniBatchOptions { InitialSize = 10, Growth = 0.5 })).ParamName);
        var wrongWidth = SyntheticData.LeastSquares(new float[100 * 4], new float[100], 4);
        Assert.Contains("fullData must have 31 parameters, k·(n + 1) for 1 output(s) and the source's 30 features; got 5", Assert.Throws<ArgumentException>(() => Solve(new MiniBatchOptions { InitialSize = 10 }, wrongWidth)).Message);
    }

    [Fact]
    public void InMemorySource_VisitsEveryRowOncePerEpoch_InASeededOrder_AndRestartRepeatsIt()
    {
        const int rows = 10;
        float[] x = [.. Enumerable.Range(0, rows).Select(i => (float)i)];
        var source = new InMemoryMiniBatchSource(new DenseFeatureMatrix(x, rows, 1), x, null, seed: 4);
        var batch = new MiniBatch(1, MiniBatchStorage.Dense);
        List<float> Draw(int batches, int size)
        {
            var seen = new List<float>();
            for (int b = 0; b < batches; b++)
            {
                source.Fill(size, batch);
                seen.AddRange(batch.Labels.ToArray());
            }
            return seen;
        }

        List<float> firstRun = Draw(batches: 5, size: 4); // 20 rows: epochs 1 and 2, batch 3 spans them
        Assert.Equal(2, source.Epoch);
        Assert.Equal(20, source.RowsDelivered);
        Assert.Equal(x, firstRun.Take(rows).Order());
        Assert.Equal(x, firstRun.Skip(rows).Order());
        Assert.NotEqual(firstRun.Take(rows), firstRun.Skip(rows));
        Assert.NotEqual(x, firstRun.Take(rows));
        source.Restart();
        Assert.Equal(firstRun, Draw(batches: 5, size: 4));

        var unshuffled = new InMemoryMiniBatchSource(new DenseFeatureMatrix(x, rows, 1), x, null, seed: 4, shuffle: false);
        unshuffled.Fill(7, batch);
        Assert.Equal(x.Take(7), batch.Labels.ToArray());
    }

    private static IhtSolverOptions TrainingOptions(int sparsity) => new()
    {
        Sparsity = sparsity,
        MaximumIterations = 2000,
        MonteCarloSeed = 11,
        MonteCarloSampleCount = 40,
    };

    private static IhtSolverOptions SolverOptions(int sparsity, int iterations) => new()
    {
        Sparsity = sparsity,
        StepSize = 0.5,
        MaximumIterations = iterations,
    };

    /// <summary>y = X·w + noise with a 5-sparse w of magnitudes in [1, 2] and bias 0.5 (6 nonzero parameters).</summary>
    private static Problem Regression(int rows, int seed, double noise = 0, bool sparse = false)
    {
        var random = new Random(seed);
        var truth = new float[Columns + 1];
        foreach (int j in new[] { 1, 4, 9, 16, 25 })
            truth[j] = (float)((1 + random.NextDouble()) * (random.Next(2) == 0 ? -1 : 1));
        truth[Columns] = 0.5f;
        var (x, y) = SyntheticData.LinearRegression(random, rows, Columns, truth, noise);
        IFeatureMatrix matrix = sparse ? SyntheticData.ToSparse(x, rows, Columns) : new DenseFeatureMatrix(x, rows, Columns);
        return new Problem(matrix, y, truth);
    }

    private sealed record Problem(IFeatureMatrix Matrix, float[] Labels, float[] Truth)
    {
        public LinearModelObjective Objective { get; } = new(Matrix, Labels, new SquaredLoss());
        public IParameterInitializer Initializer => UniformInitializer.ForLinearLayer(Columns);
        public InMemoryMiniBatchSource Source(int seed) => new(Matrix, Labels, null, seed);
    }

    private sealed class RecordingSource(IMiniBatchSource inner) : IMiniBatchSource
    {
        public List<int> Sizes { get; } = [];
        public int FeatureCount => inner.FeatureCount;
        public long RowsPerEpoch => inner.RowsPerEpoch;
        public MiniBatchStorage PreferredStorage => inner.PreferredStorage;
        public int Epoch => inner.Epoch;
        public long RowsDelivered => inner.RowsDelivered;
        public void Fill(int rowCount, MiniBatch batch) { Sizes.Add(rowCount); inner.Fill(rowCount, batch); }
        public void Restart() => inner.Restart();
    }

    private sealed class AllocationObserver(int from, int to) : IIhtObserver
    {
        private long _start;
        public long AllocatedBetween { get; private set; } = -1;

        public void OnIteration(in IhtIteration iteration)
        {
            if (iteration.Iteration == from)
                _start = GC.GetAllocatedBytesForCurrentThread();
            else if (iteration.Iteration == to)
                AllocatedBetween = GC.GetAllocatedBytesForCurrentThread() - _start;
        }
    }

    private sealed class CancelAtIteration(int iteration, CancellationTokenSource cancellation) : IIhtObserver
    {
        public int LastIteration { get; private set; }

        public void OnIteration(in IhtIteration report)
        {
            LastIteration = report.Iteration;
            if (report.Iteration == iteration)
                cancellation.Cancel();
        }
    }
}
