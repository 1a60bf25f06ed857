using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MlNetSparse.Tests.TestData;
using MlNetSparse.Trainers;

namespace MlNetSparse.Tests.Integration;

/// <summary>
/// <see cref="SparseIhtOptionsBase.L2Regularization"/> through the real pipeline: on separable data the
/// paper's objective (λ₂ = 0) drifts to huge weights and an infinite validation log loss, the ridge term keeps
/// both finite; a model trained with it fits, saves and loads as plain ML.NET (docs/algorithms.md#ridge-term).
/// </summary>
public class L2RegularizationTests
{
    private const int FeatureCount = 5;

    [Fact]
    public void SeparableData_WithoutTheTermGivesHugeWeightsAndInfiniteLogLoss_WithItBothStayFinite()
    {
        var ml = new MLContext(seed: 1);
        IDataView train = ml.Data.LoadFromEnumerable(Rows(seed: 2, count: 200, flipped: 0));
        IDataView validation = ml.Data.LoadFromEnumerable(Rows(seed: 3, count: 400, flipped: 0.05));

        var (plainWeight, plainLogLoss) = FitAndScore(ml, train, validation, l2: 0);
        var (ridgeWeight, ridgeLogLoss) = FitAndScore(ml, train, validation, l2: 0.01);

        // Measured: λ₂ = 0 reaches |w| ≈ 19 in 10,000 steps and still grows; a flipped validation row then scores
        // σ = 1 in float, so its log loss is infinite. λ₂ = 0.01: |w| ≈ 2.7, log loss ≈ 0.34.
        Assert.True(plainWeight > 10, $"λ₂ = 0: largest |weight| {plainWeight}");
        Assert.True(double.IsPositiveInfinity(plainLogLoss), $"λ₂ = 0: validation log loss {plainLogLoss}");
        Assert.True(ridgeWeight < plainWeight / 3, $"λ₂ = 0.01: largest |weight| {ridgeWeight} (λ₂ = 0: {plainWeight})");
        Assert.True(ridgeLogLoss < 0.6, $"λ₂ = 0.01: validation log loss {ridgeLogLoss}");
    }

    [Fact]
    public void AModelTrainedWithTheTerm_FitsSavesAndLoadsAsPlainMlNet_AndItsReportSaysSo()
    {
        var ml = new MLContext(seed: 4);
        IDataView data = BundledData.BreastCancer(ml);
        var trainer = ml.BinaryClassification.Trainers.SparseIht(new SparseIhtBinaryTrainer.Options { Sparsity = 6, L2Regularization = 0.05 });

        ITransformer model = EstimatorConformance.Check(ml, BundledData.BreastCancerPreparation(ml), trainer, data,
            "Score", "Probability", "PredictedLabel");

        var fitted = ModelInspection.Find<BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>>(model);
        SparseIhtTrainingReport report = fitted.GetSparseIhtReport();
        Assert.Equal(0.05, report.L2Regularization);
        Assert.InRange(report.NonzeroCount, 1, 6);
        Assert.True(ml.BinaryClassification.Evaluate(model.Transform(data)).Accuracy >= 0.9);
    }

    private static (double LargestWeight, double LogLoss) FitAndScore(MLContext ml, IDataView train, IDataView validation, double l2)
    {
        var model = ml.BinaryClassification.Trainers.SparseIht(new SparseIhtBinaryTrainer.Options
        {
            Sparsity = 4, L2Regularization = l2, CompareWithDenseOptimum = false, MaximumNumberOfIterations = 10_000,
        }).Fit(train);
        double largest = model.Model.SubModel.Weights.Max(Math.Abs);
        return (largest, ml.BinaryClassification.Evaluate(model.Transform(validation)).LogLoss);
    }

    // Label = [x₀ − x₁ + 0.5x₂ > 0]; training rows within 0.2 of the boundary are pushed off it (separable with a
    // margin); a share of the validation labels is flipped, as noise in new data would.
    private static IEnumerable<BinaryRow> Rows(int seed, int count, double flipped)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            float[] x = SyntheticData.Gaussian(random, FeatureCount);
            double z = x[0] - x[1] + 0.5 * x[2];
            if (flipped == 0 && Math.Abs(z) < 0.2)
            {
                x[0] += (float)(Math.Sign(z == 0 ? 1 : z) * 0.2);
                z = x[0] - x[1] + 0.5 * x[2];
            }
            bool label = z > 0;
            if (random.NextDouble() < flipped)
                label = !label;
            yield return new BinaryRow { Features = x, Label = label };
        }
    }

    private sealed class BinaryRow
    {
        [VectorType(FeatureCount)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }
}
