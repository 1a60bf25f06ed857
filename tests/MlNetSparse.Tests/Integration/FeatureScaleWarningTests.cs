using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MlNetSparse.Tests.TestData;
using MlNetSparse.Trainers;

namespace MlNetSparse.Tests.Integration;

/// <summary>
/// The trainers judge the features by the rows they read, not by the IsNormalized annotation: the
/// centring trap of ML.NET's default NormalizeMeanVariance (fixZero: true scales, does not centre) is
/// warned about, standard-normal features built without a normaliser are not, and constant features
/// and features on different scales are named.
/// </summary>
public class FeatureScaleWarningTests
{
    [Fact]
    public void MlNetsDefaultNormalizer_ScalesWithoutCentring_AndGetsTheUncentredWarningWithTheRemedy()
    {
        var ml = new MLContext(seed: 1);
        IDataView scaledOnly = BreastCancerScaledWithoutCentring(ml);
        Assert.True(scaledOnly.Schema["Features"].IsNormalized()); // why the old annotation check stayed silent

        List<string> warnings = WarningsOf(ml, () => ml.BinaryClassification.Trainers.SparseIht(sparsity: 6).Fit(scaledOnly));

        string uncentred = Assert.Single(warnings, w => w.Contains("not centred"));
        Assert.StartsWith("29 of 30 features in 'Features' are not centred", uncentred);
        Assert.Contains("NormalizeMeanVariance(fixZero: false)", uncentred);
    }

    [Fact]
    public void CentredAndScaledFeatures_GetNoScaleWarning()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = BundledData.BreastCancer(ml);
        IDataView standardized = BundledData.BreastCancerPreparation(ml).Fit(data).Transform(data);

        List<string> warnings = WarningsOf(ml, () => ml.BinaryClassification.Trainers.SparseIht(sparsity: 6).Fit(standardized));

        Assert.DoesNotContain(warnings, IsScaleWarning);
    }

    [Fact]
    public void StandardNormalFeatures_WithoutANormalizer_GetNoWarning()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(7);
        Row[] rows = [.. Enumerable.Range(0, 400).Select(_ => Gaussian(random, 3))
            .Select(x => new Row { Features = x, Label = x[0] - 2 * x[2] + 0.1f * (float)Normal(random) })];
        IDataView data = ml.Data.LoadFromEnumerable(rows);
        Assert.False(data.Schema["Features"].IsNormalized());

        List<string> warnings = WarningsOf(ml, () => ml.Regression.Trainers.SparseIht(sparsity: 3).Fit(data));

        Assert.DoesNotContain(warnings, IsScaleWarning);
    }

    [Fact]
    public void AConstantFeature_IsNamedWithItsValue()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(3);
        Row[] rows = [.. Enumerable.Range(0, 200).Select(_ => Gaussian(random, 3)).Select(x =>
        {
            x[1] = 2.5f;
            return new Row { Features = x, Label = x[0] + x[2] };
        })];

        List<string> warnings = [];
        Fit(ml, warnings, () => ml.Regression.Trainers.SparseIht(sparsity: 3).Fit(ml.Data.LoadFromEnumerable(rows)));

        Assert.Contains(warnings, w => w == "1 of 3 features in 'Features' is constant over the 200 training rows ('Features[1]': every row 2.5): " +
            "it carries nothing the bias does not.");
    }

    [Fact]
    public void EveryFeatureConstant_SaysTheModelPredictsAConstant()
    {
        var ml = new MLContext(seed: 1);
        Row[] rows = [.. Enumerable.Range(0, 20).Select(i => new Row { Features = [1, 0, 4], Label = i % 3 })];

        List<string> warnings = [];
        Fit(ml, warnings, () => ml.Regression.Trainers.SparseIht(sparsity: 2).Fit(ml.Data.LoadFromEnumerable(rows)));

        Assert.Contains(warnings, w => w.StartsWith("Every feature in 'Features' is constant over the 20 training rows: the model can only learn its bias"));
    }

    [Fact]
    public void FeaturesOnDifferentScales_NameTheSmallestAndLargestDeviation()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(5);
        Row[] rows = [.. Enumerable.Range(0, 300).Select(_ => Gaussian(random, 3)).Select(x =>
        {
            x[0] *= 1000;
            x[2] *= 0.01f;
            return new Row { Features = x, Label = x[0] / 1000 + x[1] };
        })];

        List<string> warnings = WarningsOf(ml, () => ml.Regression.Trainers.SparseIht(sparsity: 3).Fit(ml.Data.LoadFromEnumerable(rows)));

        string scales = Assert.Single(warnings, w => w.Contains("different scales"));
        Assert.Matches(@"standard deviations from 0\.0\d+ \('Features\[2\]'\) to 1,0\d\d \('Features\[0\]'\), \d\d,\d{3} times\.", scales);
        Assert.DoesNotContain(warnings, w => w.Contains("not centred"));
    }

    [Fact]
    public void StreamedRows_AreJudgedLikeCachedRows()
    {
        var ml = new MLContext(seed: 1);
        IDataView scaledOnly = BreastCancerScaledWithoutCentring(ml);

        List<string> cached = WarningsOf(ml, () => ml.BinaryClassification.Trainers.SparseIht(new SparseIhtBinaryTrainer.Options
        {
            Sparsity = 6, MaximumNumberOfIterations = 5, CompareWithDenseOptimum = false, DataCaching = SparseIhtDataCaching.InMemory,
        }).Fit(scaledOnly));
        List<string> streamed = WarningsOf(ml, () => ml.BinaryClassification.Trainers.SparseIht(new SparseIhtBinaryTrainer.Options
        {
            Sparsity = 6, MaximumNumberOfIterations = 5, CompareWithDenseOptimum = false, DataCaching = SparseIhtDataCaching.Streaming,
        }).Fit(scaledOnly));

        Assert.Equal(cached.Where(IsScaleWarning), streamed.Where(IsScaleWarning));
        Assert.Contains(cached, IsScaleWarning);
    }

    // ML.NET's default NormalizeMeanVariance (fixZero: true): every feature divided by its scale, none centred.
    private static IDataView BreastCancerScaledWithoutCentring(MLContext ml)
    {
        IDataView data = BundledData.BreastCancer(ml);
        return ml.Transforms.NormalizeMeanVariance("Features")
            .Append(ml.Transforms.Conversion.MapValue("Label", new Dictionary<string, bool> { ["malignant"] = true, ["benign"] = false }, "Diagnosis"))
            .Fit(data).Transform(data);
    }

    private static bool IsScaleWarning(string warning)
        => warning.Contains("not centred") || warning.Contains("different scales") || warning.Contains("constant over");

    private static List<string> WarningsOf(MLContext ml, Action fit)
    {
        List<string> warnings = [];
        Fit(ml, warnings, () => { fit(); return 0; });
        return warnings;
    }

    private static T Fit<T>(MLContext ml, List<string> warnings, Func<T> fit)
    {
        void OnLog(object? sender, LoggingEventArgs e)
        {
            if (e.Kind == ChannelMessageKind.Warning)
                lock (warnings)
                    warnings.Add(e.RawMessage);
        }
        ml.Log += OnLog;
        try
        {
            return fit();
        }
        finally
        {
            ml.Log -= OnLog;
        }
    }

    private static float[] Gaussian(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => (float)Normal(random))];

    private static double Normal(Random random)
        => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private sealed class Row
    {
        [VectorType(3)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }
}
