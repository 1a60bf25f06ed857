using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MlNetSparse.Internals;
using MlNetSparse.Tests.TestData;
using MlNetSparse.Trainers;

namespace MlNetSparse.Tests.Integration;

/// <summary>
/// The weights in ML.NET's model parameters (src/MlNetSparse/Internals/WeightVectors.cs): sparse below half
/// nonzero, dense from half on, for the three trainers; either way the model saves, loads and predicts the
/// same bits, and the two storages predict the same scores (bit for bit on sparse rows).
/// </summary>
public class WeightStorageTests
{
    private const int FeatureCount = 12;

    [Theory]
    [InlineData(3, false)]    // 2 of 12 weights nonzero (and the bias): sparse
    [InlineData(12, true)]    // 11 or 12 of 12: dense
    public void Regression_StoresItsWeightsSparseOrDenseByDensity_AndRoundTripsBitForBit(int sparsity, bool dense)
    {
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Data.LoadFromEnumerable(RegressionRows(300, seed: 2));
        var model = ml.Regression.Trainers.SparseIht(new SparseIhtRegressionTrainer.Options { Sparsity = sparsity, CompareWithDenseOptimum = false }).Fit(data);

        Assert.Equal(dense, StoredWeights(model.Model).IsDense);
        AssertSameScoresAfterReload(ml, model, data);
    }

    [Fact]
    public void BinaryAndMulticlass_StoreDenseWeightsAtLargeS_AndRoundTripBitForBit()
    {
        var ml = new MLContext(seed: 3);
        IDataView cancer = BundledData.BreastCancerPreparation(ml).Fit(BundledData.BreastCancer(ml)).Transform(BundledData.BreastCancer(ml));
        var binary = ml.BinaryClassification.Trainers.SparseIht(new SparseIhtBinaryTrainer.Options { Sparsity = 29, CompareWithDenseOptimum = false }).Fit(cancer);
        Assert.True(StoredWeights(binary.Model.SubModel).IsDense);
        AssertSameScoresAfterReload(ml, binary, cancer);

        IDataView iris = BundledData.IrisPreparation(ml).Fit(BundledData.Iris(ml)).Transform(BundledData.Iris(ml));
        var multiclass = ml.MulticlassClassification.Trainers.SparseIht(new SparseIhtMulticlassTrainer.Options { Sparsity = 14, CompareWithDenseOptimum = false }).Fit(iris);
        VBuffer<float>[] classes = [];
        multiclass.Model.GetWeights(ref classes, out _);
        Assert.All(classes, w => Assert.True(w.IsDense));   // one storage for every class, as ML.NET saves it
        AssertSameScoresAfterReload(ml, multiclass, iris);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(1.0)]
    public void DenseAndSparseStorage_OfTheSameWeights_PredictTheSameScores_BitForBitOnSparseRows(double density)
    {
        // The same weights stored both ways, scored by ML.NET. On sparse rows ML.NET scores with the dense copy
        // of the weights either way: the same bits. On dense rows it calls its dense or its sparse dot product,
        // which add the same products in different orders: equal up to float rounding of the sum, |Δ| ≤ n·ε·Σ|wⱼxⱼ|
        // (measured: a few ulps), not bit for bit — ML.NET's own kernels, for any model with either storage.
        var random = new Random(4);
        const int n = 300;
        float[] w = [.. Enumerable.Range(0, n).Select(_ => random.NextDouble() < density ? (float)(random.NextDouble() * 2 - 1) : 0f)];
        var ml = new MLContext(seed: 5);
        IHost host = ((IHostEnvironment)ml).Register("test");
        var asDense = MlNetInternals.CreateLinearRegression(host, new VBuffer<float>(n, w), 0.25f);
        var asSparse = MlNetInternals.CreateLinearRegression(host, SparseVectors.FromDense(w), 0.25f);
        Assert.Equal(w.Count(v => v != 0f) >= WeightVectors.DenseStorageDensity * n, WeightVectors.ForScoring(w).IsDense);

        foreach (bool sparseRows in new[] { false, true })
        {
            VBuffer<float>[] features = [.. Enumerable.Range(0, 500).Select(_ => Row(random, n, sparseRows))];
            IDataView rows = ml.Data.LoadFromEnumerable(features.Select(f => new WideRow { Features = f }).ToArray());
            float[] dense = Scores(host, asDense, rows), sparse = Scores(host, asSparse, rows);
            for (int i = 0; i < dense.Length; i++)
            {
                if (sparseRows)
                {
                    Assert.True(BitConverter.SingleToInt32Bits(dense[i]) == BitConverter.SingleToInt32Bits(sparse[i]),
                        $"row {i}: dense weights score {dense[i]:R}, sparse weights {sparse[i]:R}");
                    continue;
                }
                double magnitude = 0.25;
                ReadOnlySpan<float> x = features[i].GetValues();
                for (int j = 0; j < n; j++)
                    magnitude += Math.Abs((double)w[j] * x[j]);
                Assert.True(Math.Abs(dense[i] - sparse[i]) <= n * 6e-8 * magnitude, $"row {i}: dense weights score {dense[i]:R}, sparse weights {sparse[i]:R}");
            }
        }
    }

    // The VBuffer ML.NET scores with (LinearModelParameters.Weight; its public Weights hides the storage).
    private static VBuffer<float> StoredWeights(LinearModelParameters model)
        => (VBuffer<float>)typeof(LinearModelParameters).GetField("Weight", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(model)!;

    private static float[] Scores(IHost host, LinearRegressionModelParameters model, IDataView rows)
    {
        var transformer = PredictionTransformers<LinearRegressionModelParameters>.CreateRegression(host, model, rows.Schema, "Features");
        return [.. ColumnValues.Read(transformer.Transform(rows), "Score").Select(v => (float)v)];
    }

    private static VBuffer<float> Row(Random random, int n, bool sparse)
    {
        float[] values = [.. Enumerable.Range(0, n).Select(_ => sparse && random.NextDouble() < 0.8 ? 0f : (float)(random.NextDouble() * 4 - 2))];
        return sparse ? SparseVectors.FromDense(values) : new VBuffer<float>(n, values);
    }

    private static void AssertSameScoresAfterReload(MLContext ml, ITransformer model, IDataView data)
    {
        ITransformer loaded = EstimatorConformance.SaveAndLoad(ml, model, data.Schema);
        Assert.Equal(ColumnValues.Read(model.Transform(data), "Score"), ColumnValues.Read(loaded.Transform(data), "Score"));
    }

    private static IEnumerable<RegressionRow> RegressionRows(int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            float[] x = SyntheticData.Gaussian(random, FeatureCount);
            yield return new RegressionRow { Features = x, Label = (float)(2 * x[0] - x[3] + 0.3 * random.NextGaussian()) };
        }
    }

    private sealed class RegressionRow
    {
        [VectorType(FeatureCount)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    private sealed class WideRow
    {
        [VectorType(300)] public VBuffer<float> Features { get; set; }
    }
}
