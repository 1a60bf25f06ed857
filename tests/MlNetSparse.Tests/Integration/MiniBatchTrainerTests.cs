using Microsoft.ML.Data;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers;
using MlNetSparse.Tests.TestData;
using MlNetSparse.Trainers;

namespace MlNetSparse.Tests.Integration;

/// <summary>The three trainers with mini-batches, cached and streamed, through the standard ML.NET life cycle.</summary>
public class MiniBatchTrainerTests
{
    [Theory]
    [InlineData(SparseIhtDataCaching.InMemory)]
    [InlineData(SparseIhtDataCaching.Streaming)]
    public void Multiclass_FitsEvaluatesSavesAndLoads_WithMiniBatches(SparseIhtDataCaching caching)
    {
        var ml = new MLContext(seed: 1);
        IDataView data = BundledData.Iris(ml);
        var trainer = ml.MulticlassClassification.Trainers.SparseIht(new SparseIhtMulticlassTrainer.Options
        {
            Sparsity = 7, MiniBatchSize = 16, MiniBatchGrowth = 1.02, DataCaching = caching, MaximumNumberOfIterations = 300, CompareWithDenseOptimum = true,
        });

        ITransformer model = EstimatorConformance.Check(ml, BundledData.IrisPreparation(ml), trainer, data, "Score", "PredictedLabel");

        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(data));
        Assert.True(metrics.MicroAccuracy >= 0.9, $"accuracy {metrics.MicroAccuracy}");
        var report = ModelInspection.Find<MulticlassPredictionTransformer<MaximumEntropyModelParameters>>(model).GetSparseIhtReport();
        AssertMiniBatchReport(report, caching, initialSize: 16, rows: 150);
    }

    [Theory]
    [InlineData(SparseIhtDataCaching.InMemory)]
    [InlineData(SparseIhtDataCaching.Streaming)]
    public void Binary_FitsEvaluatesSavesAndLoads_WithMiniBatches(SparseIhtDataCaching caching)
    {
        var ml = new MLContext(seed: 2);
        IDataView data = BundledData.BreastCancer(ml);
        var trainer = ml.BinaryClassification.Trainers.SparseIht(new SparseIhtBinaryTrainer.Options
        {
            Sparsity = 6, MiniBatchSize = 32, DataCaching = caching, MaximumNumberOfIterations = 100, CompareWithDenseOptimum = true,
        });

        ITransformer model = EstimatorConformance.Check(ml, BundledData.BreastCancerPreparation(ml), trainer, data,
            "Score", "Probability", "PredictedLabel");

        var metrics = ml.BinaryClassification.Evaluate(model.Transform(data));
        // 100 steps, most of them on partial batches (in file order when streamed): close to the full-batch model's 0.97+.
        Assert.True(metrics.AreaUnderRocCurve >= 0.95, $"AUC {metrics.AreaUnderRocCurve}");
        var sparse = ModelInspection.Find<BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>>(model);
        Assert.InRange(ModelInspection.Nonzeros(ModelInspection.Parameters(sparse.Model)), 1, 6);
        AssertMiniBatchReport(sparse.GetSparseIhtReport(), caching, initialSize: 32, rows: 569);
    }

    [Theory]
    [InlineData(SparseIhtDataCaching.InMemory)]
    [InlineData(SparseIhtDataCaching.Streaming)]
    public void Regression_FitsEvaluatesSavesAndLoads_WithMiniBatches(SparseIhtDataCaching caching)
    {
        var ml = new MLContext(seed: 3);
        IDataView data = BundledData.Diabetes(ml);
        var trainer = ml.Regression.Trainers.SparseIht(new SparseIhtRegressionTrainer.Options
        {
            Sparsity = 5, MiniBatchSize = 32, DataCaching = caching, MaximumNumberOfIterations = 3000, CompareWithDenseOptimum = true,
        });

        ITransformer model = EstimatorConformance.Check(ml, BundledData.DiabetesPreparation(ml), trainer, data, "Score");

        var metrics = ml.Regression.Evaluate(model.Transform(data));
        Assert.True(metrics.RSquared >= 0.45, $"R² {metrics.RSquared}");
        var report = ModelInspection.Find<RegressionPredictionTransformer<LinearRegressionModelParameters>>(model).GetSparseIhtReport();
        AssertMiniBatchReport(report, caching, initialSize: 32, rows: 442);
    }

    [Fact]
    public void StreamedAndCachedFullBatchIht_GiveTheSameModel_UpToSummationOrder()
    {
        var rows = new GeneratedRows(3000);
        RegressionPredictionTransformer<LinearRegressionModelParameters> Train(SparseIhtDataCaching caching)
        {
            var ml = new MLContext(seed: 4);
            return ml.Regression.Trainers.SparseIht(new SparseIhtRegressionTrainer.Options
            {
                Sparsity = 3, DataCaching = caching, MonteCarloSampleCount = 10, CompareWithDenseOptimum = false,
            }).Fit(ml.Data.LoadFromEnumerable(rows));
        }

        var cached = Train(SparseIhtDataCaching.InMemory);
        var streamed = Train(SparseIhtDataCaching.Streaming);

        Assert.Equal(SparseIhtDataCaching.Streaming, streamed.GetSparseIhtReport().DataCaching);
        Assert.Null(streamed.GetSparseIhtReport().MiniBatch);
        float[] a = ModelInspection.Parameters(cached.Model), b = ModelInspection.Parameters(streamed.Model);
        Assert.Equal(a.Select(v => v != 0), b.Select(v => v != 0));
        Assert.Equal([false, true, false, false, false, true, false, false, true], a.Select(v => v != 0)); // x₁, x₅, bias
        for (int j = 0; j < a.Length; j++)
            Assert.Equal(a[j], b[j], 3);
        Assert.Equal(cached.GetSparseIhtReport().FinalLoss, streamed.GetSparseIhtReport().FinalLoss, 5);
    }

    [Fact]
    public void SameSeeds_GiveBitIdenticalModels_ForCachedAndForStreamedMiniBatches()
    {
        float[] Train(SparseIhtDataCaching caching, int seed)
        {
            var ml = new MLContext(seed);
            return ModelInspection.Parameters(ml.BinaryClassification.Trainers.SparseIht(new SparseIhtBinaryTrainer.Options
            {
                LabelColumnName = "Positive", Sparsity = 3, MiniBatchSize = 50, DataCaching = caching,
                MaximumNumberOfIterations = 80, CompareWithDenseOptimum = false,
            }).Fit(ml.Data.LoadFromEnumerable(new GeneratedRows(1500))).Model);
        }

        Assert.Equal(Train(SparseIhtDataCaching.InMemory, 5), Train(SparseIhtDataCaching.InMemory, 5));
        Assert.Equal(Train(SparseIhtDataCaching.Streaming, 5), Train(SparseIhtDataCaching.Streaming, 5));
        // The cached batches are a seeded shuffle: another MLContext seed draws other batches.
        Assert.NotEqual(Train(SparseIhtDataCaching.InMemory, 5), Train(SparseIhtDataCaching.InMemory, 6));
    }

    // The mini-batch options' ranges: the theory generated from SparseIhtOptionsBase.Table (TrainerOptionTableTests).

    private static void AssertMiniBatchReport(SparseIhtTrainingReport report, SparseIhtDataCaching caching, int initialSize, int rows)
    {
        Assert.Equal(caching, report.DataCaching);
        SparseIhtMiniBatchSummary batches = Assert.IsType<SparseIhtMiniBatchSummary>(report.MiniBatch);
        Assert.Equal(initialSize, batches.InitialBatchSize);
        Assert.InRange(batches.FinalBatchSize, initialSize, rows);
        Assert.True(batches.RowsProcessed >= (long)report.Iterations * initialSize, $"{batches.RowsProcessed} rows for {report.Iterations} steps");
        Assert.Equal(batches.RowsProcessed / (double)rows, batches.Epochs, 12);
        Assert.Equal(caching == SparseIhtDataCaching.InMemory, batches.ShuffleSeed is not null);
        Assert.Equal(rows, report.RowsUsed);
        Assert.Equal(report.LossHistory.Count, report.Iterations + 1);
        Assert.True(report.EstimatedSmoothness > 0);
        Assert.NotNull(report.OptimalityGap);
        Assert.Equal(report.FinalLoss - report.DenseLoss!.Value, report.OptimalityGap!.Value, 12);
        Assert.Contains("mini-batches", report.ToString());
    }
}
