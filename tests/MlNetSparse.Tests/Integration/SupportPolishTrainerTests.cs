using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSparse.Core.Training;
using MlNetSparse.Tests.TestData;
using MlNetSparse.Trainers;

namespace MlNetSparse.Tests.Integration;

/// <summary>
/// The support polish through ML.NET (docs/algorithms.md#support-polish): on by default, the polished model
/// fits, saves and reloads as any other, its loss is no higher than IHT's alone, and the report says what it did.
/// </summary>
public class SupportPolishTrainerTests
{
    [Fact]
    public void BinaryWithPolish_PassesConformance_AndEndsNoHigherThanIhtAlone()
    {
        var ml = new MLContext(seed: 11);
        IDataView data = BundledData.BreastCancer(ml);
        // A loose iteration cap, as a quick fit would have: the polish then has a gain to make.
        var options = new SparseIhtBinaryTrainer.Options { Sparsity = 6, MaximumNumberOfIterations = 20, CompareWithDenseOptimum = false };
        Assert.True(options.PolishSupport); // on by default

        ITransformer polished = EstimatorConformance.Check(ml, BundledData.BreastCancerPreparation(ml),
            ml.BinaryClassification.Trainers.SparseIht(options), data, "Score", "Probability", "PredictedLabel");
        ITransformer plain = BundledData.BreastCancerPreparation(ml).Append(ml.BinaryClassification.Trainers.SparseIht(
            new SparseIhtBinaryTrainer.Options { Sparsity = 6, MaximumNumberOfIterations = 20, CompareWithDenseOptimum = false, PolishSupport = false })).Fit(data);

        SparseIhtTrainingReport report = polished.GetSparseIhtReport(), alone = plain.GetSparseIhtReport();
        Assert.Null(alone.Polish);
        SupportPolishReport polish = report.Polish!;
        Assert.Equal(SupportPolishOutcome.FixedPoint, polish.Outcome);
        Assert.True(polish.Passes >= 2);
        Assert.True(polish.LossAfter < polish.LossBefore, $"{polish.LossBefore} → {polish.LossAfter}");
        Assert.Equal(report.FinalLoss, polish.LossAfter);
        Assert.True(report.FinalLoss < alone.FinalLoss, $"polished {report.FinalLoss}, IHT alone {alone.FinalLoss}");
        Assert.Equal(report.LossHistory.Count, report.Iterations + 1);
        for (int k = 1; k < report.LossHistory.Count; k++)
            Assert.True(report.LossHistory[k] <= report.LossHistory[k - 1]);
        Assert.InRange(report.NonzeroCount, 1, 6);
    }

    [Fact]
    public void MulticlassWithPolish_SavesAndReloads_WithTheSamePredictions()
    {
        var ml = new MLContext(seed: 12);
        IDataView data = BundledData.Iris(ml);
        var trainer = ml.MulticlassClassification.Trainers.SparseIht(new SparseIhtMulticlassTrainer.Options
        {
            Sparsity = 7,
            MaximumNumberOfIterations = 50,
            CompareWithDenseOptimum = false,
            MaximumPolishRounds = 5,
        });
        ITransformer model = EstimatorConformance.Check(ml, BundledData.IrisPreparation(ml), trainer, data, "Score", "PredictedLabel");

        SparseIhtTrainingReport report = model.GetSparseIhtReport();
        Assert.NotNull(report.Polish);
        Assert.True(report.Polish.LossAfter <= report.Polish.LossBefore);
        Assert.InRange(report.Polish.Rounds, 1, 5);
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(data));
        Assert.True(metrics.MicroAccuracy >= 0.9, $"accuracy {metrics.MicroAccuracy}");
    }

    [Fact]
    public void MiniBatchTraining_IsNotPolished()
    {
        var ml = new MLContext(seed: 13);
        IDataView data = BundledData.Iris(ml);
        var model = BundledData.IrisPreparation(ml).Append(ml.MulticlassClassification.Trainers.SparseIht(new SparseIhtMulticlassTrainer.Options
        {
            Sparsity = 7,
            MiniBatchSize = 40,
            MaximumNumberOfIterations = 30,
            CompareWithDenseOptimum = false,
        })).Fit(data);
        Assert.Null(model.GetSparseIhtReport().Polish);
    }
}
