using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MlNetSparse.Tests.TestData;
using MlNetSparse.Trainers;

namespace MlNetSparse.Tests.Integration;

public class BinaryTrainerTests
{
    [Fact]
    public void BreastCancer_PassesConformance_WithACalibratedProbabilityAndAtMostSNonzeros()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = BundledData.BreastCancer(ml);
        var trainer = ml.BinaryClassification.Trainers.SparseIht(sparsity: 6);

        ITransformer model = EstimatorConformance.Check(ml, BundledData.BreastCancerPreparation(ml), trainer, data,
            "Score", "Probability", "PredictedLabel");

        var metrics = ml.BinaryClassification.Evaluate(model.Transform(data));
        Assert.True(metrics.AreaUnderRocCurve >= 0.97, $"AUC {metrics.AreaUnderRocCurve}");
        Assert.True(metrics.Accuracy >= 0.93, $"accuracy {metrics.Accuracy}");
        var sparse = ModelInspection.Find<BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>>(model);
        float[] parameters = ModelInspection.Parameters(sparse.Model);
        Assert.Equal(31, parameters.Length);
        Assert.InRange(ModelInspection.Nonzeros(parameters), 1, 6);
        Assert.Equal(ModelInspection.Nonzeros(parameters), sparse.GetSparseIhtReport().NonzeroCount);
    }

    [Fact]
    public void Probability_IsExactlyTheSigmoidOfTheScore_AsForLogisticRegression()
    {
        var ml = new MLContext(seed: 2);
        IDataView data = BundledData.BreastCancer(ml);
        var model = BundledData.BreastCancerPreparation(ml).Append(ml.BinaryClassification.Trainers.SparseIht(sparsity: 4)).Fit(data);
        IDataView scored = model.Transform(data);

        double[] scores = ColumnValues.Read(scored, "Score"), probabilities = ColumnValues.Read(scored, "Probability");
        double[] predicted = ColumnValues.Read(scored, "PredictedLabel");
        for (int i = 0; i < scores.Length; i++)
        {
            Assert.Equal(1 / (1 + Math.Exp(-scores[i])), probabilities[i], tolerance: 1e-6);
            Assert.Equal(scores[i] > 0 ? 1.0 : 0.0, predicted[i]);
        }
    }

    [Fact]
    public void SavedModel_LoadsAsTheSameTypeLbfgsLogisticRegressionProduces()
    {
        var ml = new MLContext(seed: 3);
        IDataView data = BundledData.BreastCancer(ml);
        IDataView prepared = BundledData.BreastCancerPreparation(ml).Fit(data).Transform(data);
        var sparse = ml.BinaryClassification.Trainers.SparseIht(sparsity: 5).Fit(prepared);
        var reference = ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(prepared);

        ITransformer loaded = EstimatorConformance.SaveAndLoad(ml, sparse, prepared.Schema);
        Assert.Equal(reference.GetType(), loaded.GetType());
        Assert.Equal(reference.Model.GetType(), ((ISingleFeaturePredictionTransformer<object>)loaded).Model.GetType());
    }
}
