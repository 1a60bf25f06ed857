using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Stochastic;
using MlNetSparse.Data;
using MlNetSparse.Internals;
using MlNetSparse.Tests.TestData;
using MlNetSparse.Trainers;

namespace MlNetSparse.Tests.Integration;

/// <summary>Streaming: bounded memory, the same batches as the cache in the same order, skipped rows, cancellation, the Auto rule.</summary>
public class StreamingTests
{
    private static readonly TrainingColumns RegressionColumns = new("Features", "Label", null);

    [Fact]
    public void StreamingTrainer_HoldsAtMostTheLargestBatchOrAReadChunk_NeverTheData()
    {
        const int rowCount = 12_000;
        var rows = new GeneratedRows(rowCount); // computed per row on each pass: nothing holds the data but a consumer's copy
        var ml = new MLContext(seed: 1);
        var model = ml.Regression.Trainers.SparseIht(new SparseIhtRegressionTrainer.Options
        {
            Sparsity = 3, MiniBatchSize = 100, MiniBatchGrowth = 1.02, DataCaching = SparseIhtDataCaching.Streaming,
            MaximumNumberOfIterations = 110, MonteCarloSampleCount = 10, CompareWithDenseOptimum = false,
        }).Fit(ml.Data.LoadFromEnumerable(rows));

        SparseIhtTrainingReport report = model.GetSparseIhtReport();
        // The largest batch is ⌈100·1.02¹⁰⁹⌉ = 866 rows; the final pass on all rows reads chunks of 4,096.
        Assert.Equal(866, report.MiniBatch!.FinalBatchSize);
        Assert.Null(report.MiniBatch.FullDataFromIteration);
        Assert.Equal(rowCount, report.RowsUsed);
        Assert.Equal(4096, report.RowsHeldInMemory);
        Assert.True(rows.Passes >= 5, $"{rows.Passes} passes: the data was read again, not kept");
        Assert.Equal([1, 5], Enumerable.Range(0, GeneratedRows.FeatureCount).Where(j => model.Model.Weights[j] != 0));
    }

    [Fact]
    public void TheMemoryBudgetBoundsBatchesAndChunks_EvenWhenTheScheduleGrowsTowardsAllRows()
    {
        const int rowCount = 12_000;
        var ml = new MLContext(seed: 1);
        using IChannel channel = ((IChannelProvider)ml).Start("test");
        // 44 bytes a row (8 dense features + 12): a 50,000-byte budget holds 1,136 rows.
        using var data = TrainingData.Load(ml.Data.LoadFromEnumerable(new GeneratedRows(rowCount)), RegressionColumns, new LabelReader.Real(), ml,
            SparseIhtDataCaching.Streaming, channel, budget: 50_000);
        var options = new MlNetSparse.Core.Solvers.IhtSolverOptions { Sparsity = 3, MaximumIterations = 80, MonteCarloSampleCount = 10, CompareWithDenseOptimum = false };
        TrainingOutcome outcome;

        var loss = new SquaredLoss();
        var objective = data.CreateObjective(loss, maxDegreeOfParallelism: 1);
        var batches = new MiniBatchOptions { InitialSize = 100, Growth = 1.05, MaximumBatchRows = data.BatchRowLimit(channel) };
        var source = (CursorMiniBatchSource)data.CreateSource(shuffleSeed: 0);
        using (source)
        {
            var result = StochasticIhtTraining.Train(source, loss, objective, UniformInitializer.ForLinearLayer(8), options, batches, new NoObserver());
            outcome = TrainingOutcome.MiniBatches(result, data.Rows, data.Caching, null, data.RowsHeld(source, objective));
        }

        // ⌈100·1.05⁴⁹⌉ = 1,092 ≤ 1,136 < ⌈100·1.05⁵⁰⌉ = 1,147: step 51 on uses all rows, read in chunks of 1,136.
        Assert.Equal(51, outcome.MiniBatch!.FullDataFromIteration);
        Assert.Equal(1136, outcome.RowsHeldInMemory);
        Assert.Equal(rowCount, outcome.MiniBatch.FinalBatchSize);
    }

    [Fact]
    public void CursorSourceAndUnshuffledCache_GiveTheSameBatches_AndSoTheSameRunBitForBit()
    {
        var ml = new MLContext(seed: 2);
        IDataView data = ml.Data.LoadFromEnumerable(new GeneratedRows(2000, seed: 3));
        var labels = new LabelReader.Real();
        TrainingSet cached = TrainingSetReader.Read(data, RegressionColumns, labels, ml);
        StreamingSurvey survey = StreamingSurvey.Take(data, RegressionColumns, labels, ml);
        var loss = new SquaredLoss();
        var cachedObjective = new LinearModelObjective(cached.Features, cached.Labels, loss);
        var streamedObjective = new StreamingObjective(data, RegressionColumns, labels, ml, loss, survey, budgetBytes: long.MaxValue);
        var options = new IhtSolverOptions { Sparsity = 3, StepSize = 0.3, MaximumIterations = 60 };
        var batches = new MiniBatchOptions { InitialSize = 150, Growth = 1 }; // 60·150 rows: 4.5 epochs of partial batches

        var fromCache = StochasticIhtSolver.Solve(new InMemoryMiniBatchSource(cached.Features, cached.Labels, null, seed: 0, shuffle: false),
            loss, cachedObjective, new float[9], options, batches);
        using var cursorSource = new CursorMiniBatchSource(data, RegressionColumns, labels, ml, survey);
        var fromStream = StochasticIhtSolver.Solve(cursorSource, loss, streamedObjective, new float[9], options, batches);

        Assert.Equal(fromCache.Iht.Parameters, fromStream.Iht.Parameters);
        Assert.Equal(fromCache.Iht.LossHistory, fromStream.Iht.LossHistory);
        Assert.Equal(fromCache.RowsProcessed, fromStream.RowsProcessed);
        Assert.Equal(5, cursorSource.Epoch);
        Assert.Equal(150, cursorSource.LargestBatchRows);
        // On all rows the two objectives are the same function, summed in another order.
        var g1 = new float[9];
        var g2 = new float[9];
        Assert.Equal(cachedObjective.ValueAndGradient(fromCache.Iht.Parameters, g1), streamedObjective.ValueAndGradient(fromCache.Iht.Parameters, g2), 9);
        Assert.True(SyntheticData.MaxAbsDifference(g1, g2) <= 1e-5, $"‖Δ∇f‖∞ = {SyntheticData.MaxAbsDifference(g1, g2)}");
        Assert.True(streamedObjective.LargestChunkRows <= streamedObjective.ChunkRows);
    }

    [Fact]
    public void RowsWithMissingValues_AreSkippedAndCounted_WhileStreaming()
    {
        var rows = Enumerable.Range(0, 40).Select(i => new WeightedRow { Features = [i % 7 - 3, i % 5 - 2], Label = i % 7 > 3 }).ToArray();
        rows[0].Features[1] = float.NaN;
        rows[1].Features[0] = float.PositiveInfinity;
        rows[2].Weight = float.NaN;
        rows[3].Weight = -1;
        var ml = new MLContext(seed: 3);
        var warnings = new List<string>();
        ml.Log += (_, e) => { if (e.Kind == ChannelMessageKind.Warning) lock (warnings) warnings.Add(e.RawMessage); };

        var model = ml.BinaryClassification.Trainers.SparseIht(new SparseIhtBinaryTrainer.Options
        {
            Sparsity = 2, ExampleWeightColumnName = "Weight", MiniBatchSize = 8, DataCaching = SparseIhtDataCaching.Streaming,
            MaximumNumberOfIterations = 50,
        }).Fit(ml.Data.LoadFromEnumerable(rows));

        Assert.Equal(new SkippedRows(Features: 2, Label: 0, Weight: 2), model.GetSparseIhtReport().RowsSkipped);
        Assert.Equal(36, model.GetSparseIhtReport().RowsUsed);
        Assert.Equal(40, model.GetSparseIhtReport().RowsRead);
        Assert.True(model.Model.SubModel.Weights.All(float.IsFinite));
        Assert.Contains(warnings, w => w.StartsWith("Skipped 4 of 40 rows"));
    }

    [Theory]
    [InlineData(1)] // the survey pass
    [InlineData(3)] // the first epoch of mini-batches (pass 2 reads the first batch for L̂₂ₛ)
    public void CancelExecution_MidStream_StopsWithinAFewThousandRows(int cancelledPass)
    {
        const int rowCount = 20_000;
        var ml = new MLContext(seed: 4);
        var rows = new GeneratedRows(rowCount)
        {
            OnRow = (pass, i) => { if (pass == cancelledPass && i == 1000) MlNetInternals.CancelExecution(ml); },
        };
        var trainer = ml.Regression.Trainers.SparseIht(new SparseIhtRegressionTrainer.Options
        {
            Sparsity = 3, MiniBatchSize = 100, MiniBatchGrowth = 1, DataCaching = SparseIhtDataCaching.Streaming,
            MaximumNumberOfIterations = 100_000, CompareWithDenseOptimum = false,
        });

        Assert.ThrowsAny<OperationCanceledException>(() => trainer.Fit(ml.Data.LoadFromEnumerable(rows)));
        Assert.Equal(cancelledPass, rows.Passes);
        long before = cancelledPass == 1 ? 0 : rowCount + 100;
        Assert.InRange(rows.RowsYielded - before, 1001, 4096 + 100);
    }

    [Fact]
    public void Auto_CachesWhatFitsTheBudget_AndStreamsTheRest_WhetherOrNotTheRowCountIsKnown()
    {
        var ml = new MLContext(seed: 5);
        using IChannel channel = ((IChannelProvider)ml).Start("test");
        var labels = new LabelReader.Real();
        GeneratedRow[] array = [.. Enumerable.Range(0, 3000).Select(i => GeneratedRows.Row(i, 1))];
        IDataView known = ml.Data.LoadFromEnumerable(array); // an ICollection: the row count is known
        IDataView unknown = ml.Data.LoadFromEnumerable(new GeneratedRows(3000));
        Assert.Equal(3000, known.GetRowCount());
        Assert.Null(unknown.GetRowCount());
        // 3000 dense rows of 8 features: 3000·(4·8 + 12) = 132,000 bytes.
        Assert.Equal(132_000, CachingDecision.EstimateFromRowCount(known, RegressionColumns, labels, ml));

        SparseIhtDataCaching Decide(IDataView data, long budget)
        {
            using var loaded = TrainingData.Load(data, RegressionColumns, labels, ml, SparseIhtDataCaching.Auto, channel, budget: budget);
            Assert.Equal(3000, loaded.Rows.RowsUsed);
            return loaded.Caching;
        }

        Assert.Equal(SparseIhtDataCaching.InMemory, Decide(known, 132_000));
        Assert.Equal(SparseIhtDataCaching.Streaming, Decide(known, 131_999));
        Assert.Equal(SparseIhtDataCaching.InMemory, Decide(unknown, 200_000));
        Assert.Equal(SparseIhtDataCaching.Streaming, Decide(unknown, 50_000));
    }

    [Fact]
    public void EstimatedBytes_CountsDenseRowsBy4BytesAFeature_AndSparseRowsBy8BytesANonzero()
    {
        Assert.Equal(100 * (4 * 10 + 12), CachingDecision.EstimatedBytes(rows: 100, storedEntries: 600, featureCount: 10)); // 60% dense
        Assert.Equal(100 * 12 + 8 * 50, CachingDecision.EstimatedBytes(rows: 100, storedEntries: 50, featureCount: 10)); // 5% dense: CSR
    }

    private sealed class NoObserver : IIhtObserver
    {
        public void OnIteration(in IhtIteration iteration)
        {
        }
    }

    private sealed class WeightedRow
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
        public float Weight { get; set; } = 1;
    }
}
