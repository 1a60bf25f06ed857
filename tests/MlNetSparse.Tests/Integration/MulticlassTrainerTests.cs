using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MlNetSparse.Examples.QuickStart;
using MlNetSparse.Tests.TestData;
using MlNetSparse.Trainers;

namespace MlNetSparse.Tests.Integration;

public class MulticlassTrainerTests
{
    [Fact]
    public void Iris_PassesConformance_AndScoresWellWithAtMostSNonzeros()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = BundledData.Iris(ml);
        var trainer = ml.MulticlassClassification.Trainers.SparseIht(sparsity: 7);

        ITransformer model = EstimatorConformance.Check(ml, BundledData.IrisPreparation(ml), trainer, data, "Score", "PredictedLabel");

        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(data));
        Assert.True(metrics.MicroAccuracy >= 0.9, $"accuracy {metrics.MicroAccuracy}");
        var sparse = ModelInspection.Find<MulticlassPredictionTransformer<MaximumEntropyModelParameters>>(model);
        float[] parameters = ModelInspection.Parameters(sparse.Model);
        Assert.Equal(15, parameters.Length);
        Assert.InRange(ModelInspection.Nonzeros(parameters), 1, 7);
        Assert.Equal(ModelInspection.Nonzeros(parameters), sparse.GetSparseIhtReport().NonzeroCount);
    }

    [Fact]
    public void Report_NamesEachNonzeroParameterByClassAndFeature_AndMatchesTheModel()
    {
        var ml = new MLContext(seed: 2);
        IDataView data = BundledData.Iris(ml);
        var model = BundledData.IrisPreparation(ml).Append(ml.MulticlassClassification.Trainers.SparseIht(sparsity: 5)).Fit(data);
        var sparse = model.LastTransformer;
        SparseIhtTrainingReport report = sparse.GetSparseIhtReport();

        VBuffer<float>[] weights = [];
        sparse.Model.GetWeights(ref weights, out int classes);
        float[] biases = [.. sparse.Model.GetBiases()];
        Assert.Equal(3, classes);
        foreach (SparseParameter p in report.Support)
        {
            Assert.Contains(p.OutputName, new[] { "setosa", "versicolor", "virginica" });
            float inModel = p.IsBias ? biases[p.Output] : weights[p.Output].GetItemOrDefault(p.FeatureIndex!.Value);
            Assert.Equal(p.Value, inModel);
            Assert.Equal(p.IsBias ? "Bias" : BundledData.IrisFeatures[p.FeatureIndex!.Value], p.FeatureName);
        }
        Assert.Equal(report.Support.Count, ModelInspection.Nonzeros(ModelInspection.Parameters(sparse.Model)));
        Assert.Equal(5, report.Sparsity);
        Assert.Equal(15, report.ParameterCount);
        Assert.Equal(150, report.RowsUsed);
        Assert.True(report.EstimatedSmoothness > 0);
        Assert.Equal(1 / report.EstimatedSmoothness!.Value, report.StepSize, 12);
        Assert.True(report.FinalLoss <= report.InitialLoss);
        // The dense reference is asked for, not trained by default (ReportCostTests covers it when it is).
        Assert.Null(report.OptimalityGap);
        Assert.Null(report.DenseStopReason);
    }

    [Fact]
    public void PredictionEngine_GivesTheSameSpecies_AfterSavingToAFileAndLoadingInAFreshContext()
    {
        var ml = new MLContext(seed: 3);
        IDataView data = BundledData.Iris(ml);
        var pipeline = BundledData.IrisPreparation(ml)
            .Append(ml.MulticlassClassification.Trainers.SparseIht(sparsity: 6))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedSpecies", "PredictedLabel"));
        ITransformer model = pipeline.Fit(data);
        string path = Path.Combine(Path.GetTempPath(), $"mlnetsparse-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, data.Schema, path);
            var fresh = new MLContext();
            ITransformer loaded = fresh.Model.Load(path, out _);
            var before = ml.Model.CreatePredictionEngine<IrisFlower, IrisPrediction>(model);
            var after = fresh.Model.CreatePredictionEngine<IrisFlower, IrisPrediction>(loaded);
            foreach (IrisFlower flower in ml.Data.CreateEnumerable<IrisFlower>(data, reuseRowObject: false))
            {
                IrisPrediction expected = before.Predict(flower), actual = after.Predict(flower);
                Assert.Equal(expected.PredictedSpecies, actual.PredictedSpecies);
                Assert.Equal(expected.Score, actual.Score);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void CrossValidate_TrainsEveryFoldWithinTheBudget()
    {
        var ml = new MLContext(seed: 4);
        IDataView prepared = BundledData.IrisPreparation(ml).Fit(BundledData.Iris(ml)).Transform(BundledData.Iris(ml));
        var folds = ml.MulticlassClassification.CrossValidate(prepared, ml.MulticlassClassification.Trainers.SparseIht(sparsity: 7), numberOfFolds: 3);

        Assert.Equal(3, folds.Count);
        foreach (var fold in folds)
        {
            Assert.True(fold.Metrics.MicroAccuracy >= 0.85, $"fold accuracy {fold.Metrics.MicroAccuracy}");
            Assert.InRange(ModelInspection.Find<MulticlassPredictionTransformer<MaximumEntropyModelParameters>>(fold.Model).GetSparseIhtReport().NonzeroCount, 1, 7);
        }
    }

    [Fact]
    public void Wine_WithThirteenFeaturesAndThreeClasses_KeepsTheBudgetAndLearns()
    {
        var ml = new MLContext(seed: 5);
        IDataView data = BundledData.Wine(ml);
        var pipeline = ml.Transforms.NormalizeMeanVariance("Features", fixZero: false)
            .Append(ml.Transforms.Conversion.MapValueToKey("Label", "Cultivar"))
            .Append(ml.MulticlassClassification.Trainers.SparseIht(sparsity: 8));
        var model = pipeline.Fit(data);
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(data));

        Assert.True(metrics.MicroAccuracy >= 0.9, $"accuracy {metrics.MicroAccuracy}");
        Assert.InRange(model.LastTransformer.GetSparseIhtReport().NonzeroCount, 1, 8);
        Assert.Equal(42, model.LastTransformer.GetSparseIhtReport().ParameterCount);
    }
}
