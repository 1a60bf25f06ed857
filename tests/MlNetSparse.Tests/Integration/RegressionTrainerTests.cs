using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Tests.TestData;
using MlNetSparse.Trainers;

namespace MlNetSparse.Tests.Integration;

public class RegressionTrainerTests
{
    [Fact]
    public void Diabetes_PassesConformance_AndFitsWithAtMostSNonzeros()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = BundledData.Diabetes(ml);
        var trainer = ml.Regression.Trainers.SparseIht(new SparseIhtRegressionTrainer.Options { Sparsity = 5, MaximumNumberOfIterations = 5000 });

        ITransformer model = EstimatorConformance.Check(ml, BundledData.DiabetesPreparation(ml), trainer, data, "Score");

        var metrics = ml.Regression.Evaluate(model.Transform(data));
        Assert.True(metrics.RSquared >= 0.45, $"R² {metrics.RSquared}");
        var sparse = ModelInspection.Find<RegressionPredictionTransformer<LinearRegressionModelParameters>>(model);
        Assert.InRange(ModelInspection.Nonzeros(ModelInspection.Parameters(sparse.Model)), 1, 5);
        // Least squares on a fixed support is solved by IHT to a point whose restricted gradient vanishes.
        Assert.Equal(HtStabilityVerdict.Stable, sparse.GetSparseIhtReport().Certificate.Verdict);
    }

    [Fact]
    public void NoiselessSparseTarget_IsRecoveredExactly_ThroughThePipeline()
    {
        // y = 3·x₁ − 2·x₄ + 1 over 10 standard-normal features: 3 nonzero parameters including the bias.
        var random = new Random(7);
        var rows = Enumerable.Range(0, 200).Select(_ =>
        {
            float[] x = [.. Enumerable.Range(0, 10).Select(_ => (float)Normal(random))];
            return new SyntheticRow { Features = x, Label = 3 * x[1] - 2 * x[4] + 1 };
        }).ToArray();
        var ml = new MLContext(seed: 2);
        IDataView data = ml.Data.LoadFromEnumerable(rows);

        var model = ml.Regression.Trainers.SparseIht(new SparseIhtRegressionTrainer.Options
        {
            Sparsity = 3,
            MaximumNumberOfIterations = 5000,
            OptimizationTolerance = 1e-7,
        }).Fit(data);

        float[] weights = [.. model.Model.Weights];
        Assert.Equal([1, 4], Enumerable.Range(0, 10).Where(j => weights[j] != 0));
        Assert.Equal(3, weights[1], 3);
        Assert.Equal(-2, weights[4], 3);
        Assert.Equal(1, model.Model.Bias, 3);
        Assert.True(model.GetSparseIhtReport().FinalLoss < 1e-6, $"loss {model.GetSparseIhtReport().FinalLoss}");
    }

    [Fact]
    public void ExampleWeightOfTwo_TrainsLikeDuplicatingTheRow()
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 60).Select(i =>
        {
            float[] x = [.. Enumerable.Range(0, 6).Select(_ => (float)Normal(random))];
            return new WeightedRow { Features = x, Label = x[0] - x[2] + (float)(0.3 * Normal(random)), Weight = i % 3 == 0 ? 2 : 1 };
        }).ToArray();
        var duplicated = rows.SelectMany(r => Enumerable.Repeat(r with { Weight = 1 }, (int)r.Weight)).ToArray();
        var ml = new MLContext();
        SparseIhtRegressionTrainer.Options Options(string? weight) => new()
        {
            Sparsity = 3, ExampleWeightColumnName = weight, MonteCarloSeed = 11, MaximumNumberOfIterations = 3000, CompareWithDenseOptimum = false,
        };

        var weighted = ml.Regression.Trainers.SparseIht(Options("Weight")).Fit(ml.Data.LoadFromEnumerable(rows));
        var repeated = ml.Regression.Trainers.SparseIht(Options(null)).Fit(ml.Data.LoadFromEnumerable(duplicated));

        // The same objective up to summation order: same support, same values to rounding.
        float[] a = [.. weighted.Model.Weights, weighted.Model.Bias], b = [.. repeated.Model.Weights, repeated.Model.Bias];
        Assert.Equal(a.Select(v => v != 0), b.Select(v => v != 0));
        for (int j = 0; j < a.Length; j++)
            Assert.Equal(b[j], a[j], 4);
    }

    private static double Normal(Random random)
        => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private sealed class SyntheticRow
    {
        [VectorType(10)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    private sealed record WeightedRow
    {
        [VectorType(6)] public float[] Features { get; init; } = [];
        public float Label { get; init; }
        public float Weight { get; init; }
    }
}
