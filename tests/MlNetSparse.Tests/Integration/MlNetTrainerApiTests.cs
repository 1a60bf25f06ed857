using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MlNetSparse.Tests.TestData;
using MlNetSparse.Trainers;

namespace MlNetSparse.Tests.Integration;

/// <summary>
/// The SparseIht trainers used where ML.NET expects one of its own trainers: as an
/// ITrainerEstimator (OneVersusAll, TrainerInfo), with the non-generic PermutationFeatureImportance on
/// a freshly fitted chain, with ChangeModelThreshold, and with the report one call away.
/// </summary>
public class MlNetTrainerApiTests
{
    [Fact]
    public void OneVersusAll_TakesTheBinaryTrainer_AndTheModelSavesAndLoads()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = BundledData.Iris(ml);
        var pipeline = BundledData.IrisPreparation(ml)
            .Append(ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.SparseIht(sparsity: 3)));

        var model = pipeline.Fit(data);

        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(data));
        Assert.True(metrics.MicroAccuracy >= 0.9, $"micro-accuracy {metrics.MicroAccuracy}");
        ITransformer loaded = EstimatorConformance.SaveAndLoad(ml, model, data.Schema);
        Assert.Equal(ColumnValues.Read(model.Transform(data), "PredictedLabel"), ColumnValues.Read(loaded.Transform(data), "PredictedLabel"));
    }

    [Fact]
    public void TrainerInfo_AsksForNormalizedFeatures_AndNoCaching()
    {
        var ml = new MLContext(seed: 1);
        ITrainerEstimator<ISingleFeaturePredictionTransformer<object>, object>[] trainers =
        [
            ml.BinaryClassification.Trainers.SparseIht(sparsity: 2),
            ml.MulticlassClassification.Trainers.SparseIht(sparsity: 2),
            ml.Regression.Trainers.SparseIht(sparsity: 2),
        ];
        foreach (var trainer in trainers)
        {
            Assert.True(trainer.Info.NeedNormalization);
            Assert.False(trainer.Info.WantCaching);
        }
    }

    [Fact]
    public void PermutationFeatureImportance_NonGeneric_WorksOnAFreshlyFittedChain_AndNamesTheFeatures()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = BundledData.Iris(ml);
        var model = BundledData.IrisPreparation(ml).Append(ml.MulticlassClassification.Trainers.SparseIht(sparsity: 5)).Fit(data);
        // As for ML.NET's own trainers: the data is what the model scores (the chain's output), the model the whole chain.
        var importance = ml.MulticlassClassification.PermutationFeatureImportance(model, model.Transform(data), permutationCount: 2);

        Assert.Equal(BundledData.IrisFeatures.Order(), importance.Keys.Order());
        // A feature no class uses cannot change any prediction when permuted: its importance is exactly 0.
        var weights = model.LastTransformer.Model;
        VBuffer<float>[] classWeights = default!;
        weights.GetWeights(ref classWeights, out _);
        for (int j = 0; j < BundledData.IrisFeatures.Length; j++)
        {
            bool used = classWeights.Any(w => w.GetItemOrDefault(j) != 0);
            double change = importance[BundledData.IrisFeatures[j]].MicroAccuracy.Mean;
            if (!used)
                Assert.Equal(0, change);
        }
        Assert.Contains(importance.Values, metrics => metrics.MicroAccuracy.Mean < -0.05);
    }

    [Fact]
    public void PermutationFeatureImportance_NonGeneric_BinaryAndRegression_GiveZeroToUnusedFeatures()
    {
        var ml = new MLContext(seed: 2);
        var (cancer, cancerFeatures) = BundledData.ByColumnName(ml, "breast_cancer.csv", DataKind.String);
        var binary = ml.Transforms.Concatenate("Features", cancerFeatures)
            .Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false))
            .Append(ml.Transforms.Conversion.MapValue("Label", new Dictionary<string, bool> { ["malignant"] = true, ["benign"] = false }, "Diagnosis"))
            .Append(ml.BinaryClassification.Trainers.SparseIht(sparsity: 4)).Fit(cancer);

        var binaryImportance = ml.BinaryClassification.PermutationFeatureImportanceNonCalibrated(binary, binary.Transform(cancer));

        Assert.Equal(cancerFeatures.Order(), binaryImportance.Keys.Order());
        AssertUnusedFeaturesScoreZero(cancerFeatures, binary.LastTransformer.Model.SubModel.Weights, name => binaryImportance[name].AreaUnderRocCurve.Mean);

        var (diabetes, diabetesFeatures) = BundledData.ByColumnName(ml, "diabetes.csv", DataKind.Single);
        var regression = ml.Transforms.Concatenate("Features", diabetesFeatures)
            .Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false))
            .Append(ml.Transforms.CopyColumns("Label", "Progression"))
            .Append(ml.Regression.Trainers.SparseIht(sparsity: 4)).Fit(diabetes);

        var regressionImportance = ml.Regression.PermutationFeatureImportance(regression, regression.Transform(diabetes));

        Assert.Equal(diabetesFeatures.Order(), regressionImportance.Keys.Order());
        AssertUnusedFeaturesScoreZero(diabetesFeatures, regression.LastTransformer.Model.Weights, name => regressionImportance[name].RSquared.Mean);
    }

    // A feature with weight 0 cannot change a score when permuted: its importance is exactly 0; a used one's is not.
    private static void AssertUnusedFeaturesScoreZero(string[] features, IReadOnlyList<float> weights, Func<string, double> importance)
    {
        int used = 0;
        for (int j = 0; j < features.Length; j++)
        {
            if (weights[j] == 0)
                Assert.Equal(0, importance(features[j]));
            else
            {
                used++;
                Assert.NotEqual(0, importance(features[j]));
            }
        }
        Assert.InRange(used, 1, 4);
    }

    [Fact]
    public void ChangeModelThreshold_TakesTheFittedTransformer_WithoutACast_AndKeepsTheReport()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = BundledData.BreastCancer(ml);
        IDataView prepared = BundledData.BreastCancerPreparation(ml).Fit(data).Transform(data);
        var fitted = ml.BinaryClassification.Trainers.SparseIht(sparsity: 5).Fit(prepared);

        var strict = ml.BinaryClassification.ChangeModelThreshold(fitted, threshold: 2f);

        double[] scores = ColumnValues.Read(strict.Transform(prepared), "Score");
        double[] predicted = ColumnValues.Read(strict.Transform(prepared), "PredictedLabel");
        for (int i = 0; i < scores.Length; i++)
            Assert.Equal(scores[i] > 2 ? 1.0 : 0.0, predicted[i]);
        Assert.Contains(scores, s => s is > 0 and <= 2); // rows the threshold changed
        Assert.Same(fitted.GetSparseIhtReport(), strict.GetSparseIhtReport());
    }

    [Fact]
    public void Report_IsOneCallAway_OnTheTransformerAndOnTheChain_AndALoadedModelHasNone()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = BundledData.Iris(ml);
        var model = BundledData.IrisPreparation(ml).Append(ml.MulticlassClassification.Trainers.SparseIht(sparsity: 6)).Fit(data);

        SparseIhtTrainingReport report = model.GetSparseIhtReport();
        Assert.Same(report, model.LastTransformer.GetSparseIhtReport());
        Assert.Equal(6, report.Sparsity);
        Assert.True(new TransformerChain<ITransformer>(model).TryGetSparseIhtReport(out var nested));
        Assert.Same(report, nested);

        ITransformer loaded = EstimatorConformance.SaveAndLoad(ml, model, data.Schema);
        Assert.False(loaded.TryGetSparseIhtReport(out _));
        var error = Assert.Throws<InvalidOperationException>(() => loaded.GetSparseIhtReport());
        Assert.Contains("holds no SparseIht training report", error.Message);
        Assert.Contains("not saved in the model zip", error.Message);
    }

    [Fact]
    public void TheOldWrapperType_IsAnObsoleteError_WhoseMessageSaysWhatToWriteInstead()
    {
        // By name: naming the type in code is the compile error under test.
        Type? wrapper = typeof(SparseIhtReports).Assembly.GetType("MlNetSparse.Trainers.SparseIhtTransformer`1");
        Assert.NotNull(wrapper);
        var obsolete = Assert.Single(wrapper.GetCustomAttributes(typeof(ObsoleteAttribute), false));
        var attribute = Assert.IsType<ObsoleteAttribute>(obsolete);
        Assert.True(attribute.IsError);
        Assert.Contains("GetSparseIhtReport()", attribute.Message);
        Assert.Contains("MulticlassPredictionTransformer", attribute.Message);
    }

    [Fact]
    public void NumberOfThreads_OneOrTwo_GivesTheSameModelBitForBit()
    {
        float[] Train(int threads)
        {
            var ml = new MLContext(seed: 4);
            IDataView data = BundledData.BreastCancer(ml);
            var model = BundledData.BreastCancerPreparation(ml).Append(ml.BinaryClassification.Trainers.SparseIht(
                new SparseIhtBinaryTrainer.Options { Sparsity = 7, NumberOfThreads = threads })).Fit(data);
            return ModelInspection.Parameters(model.LastTransformer.Model);
        }

        Assert.Equal(Train(1), Train(2));
    }


}
