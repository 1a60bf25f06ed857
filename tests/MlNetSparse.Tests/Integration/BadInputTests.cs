using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSparse.Tests.TestData;
using MlNetSparse.Trainers;

namespace MlNetSparse.Tests.Integration;

/// <summary>Every bad input gets an error that names the option or column and what is allowed.</summary>
public class BadInputTests
{
    private static readonly MLContext Ml = new(seed: 1);

    public static TheoryData<string, Action<SparseIhtMulticlassTrainer.Options>, string> InvalidOptions => new()
    {
        // Ranged options are checked by the theory generated from SparseIhtOptionsBase.Table (TrainerOptionTableTests).
        { "FeatureColumnName", o => o.FeatureColumnName = "", "FeatureColumnName must name a column" },
        { "LabelColumnName", o => o.LabelColumnName = null!, "LabelColumnName must name a column; got null" },
        { "ExampleWeightColumnName", o => o.ExampleWeightColumnName = "", "ExampleWeightColumnName must be null or a column name" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void InvalidOption_IsRejectedWhenTheTrainerIsCreated(string option, Action<SparseIhtMulticlassTrainer.Options> spoil, string message)
    {
        var options = new SparseIhtMulticlassTrainer.Options { Sparsity = 3 };
        spoil(options);
        var error = Assert.ThrowsAny<ArgumentException>(() => Ml.MulticlassClassification.Trainers.SparseIht(options));
        Assert.Equal(option, error.ParamName);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void SparsityOfAllParameters_IsRejectedAtFit_WithTheAllowedRangeForThisData()
    {
        IDataView prepared = PreparedIris();
        var trainer = Ml.MulticlassClassification.Trainers.SparseIht(sparsity: 15);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(prepared));
        Assert.Equal("Sparsity", error.ParamName);
        Assert.Contains("Sparsity must be in [1, 14]", error.Message);
        Assert.Contains("got 15", error.Message);
    }

    [Fact]
    public void MissingFeatureColumn_IsNamed_WithTheClosestColumnSuggested()
    {
        var trainer = Ml.MulticlassClassification.Trainers.SparseIht(sparsity: 3, featureColumnName: "Feature");
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(PreparedIris()));
        Assert.Equal("FeatureColumnName", error.ParamName);
        Assert.Contains("Feature column 'Feature' (option FeatureColumnName) was not found", error.Message);
        Assert.Contains("Did you mean 'Features'?", error.Message);
        // The estimator-time check says the same before any data is read.
        var early = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.GetOutputSchema(Internals.SchemaShapes.Create(PreparedIris().Schema)));
        Assert.Equal(error.Message, early.Message);
    }

    [Fact]
    public void FeatureColumnOfTheWrongType_IsRejected()
    {
        var trainer = Ml.MulticlassClassification.Trainers.SparseIht(sparsity: 3, featureColumnName: "Species");
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(PreparedIris()));
        Assert.Equal("FeatureColumnName", error.ParamName);
        Assert.Contains("must be a known-size vector of Single; got String", error.Message);
    }

    [Fact]
    public void MulticlassLabelThatIsNotAKey_AsksForMapValueToKey()
    {
        var trainer = Ml.MulticlassClassification.Trainers.SparseIht(sparsity: 3, labelColumnName: "SepalLength");
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(PreparedIris()));
        Assert.Equal("LabelColumnName", error.ParamName);
        Assert.Contains("must be a key type (apply MapValueToKey to the label first); got Single", error.Message);
    }

    [Fact]
    public void BinaryLabelThatIsNotBoolean_IsRejected()
    {
        IDataView data = BundledData.BreastCancer(Ml);
        var trainer = Ml.BinaryClassification.Trainers.SparseIht(sparsity: 3, labelColumnName: "Diagnosis");
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(data));
        Assert.Contains("Label column 'Diagnosis' (option LabelColumnName) must be Boolean; got String", error.Message);
    }

    [Fact]
    public void WeightColumnOfTheWrongType_IsRejected()
    {
        var trainer = Ml.MulticlassClassification.Trainers.SparseIht(sparsity: 3, exampleWeightColumnName: "Species");
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(PreparedIris()));
        Assert.Equal("ExampleWeightColumnName", error.ParamName);
        Assert.Contains("must be Single; got String", error.Message);
    }

    [Fact]
    public void LabelWithOneClass_IsRejectedForMulticlassAndBinary()
    {
        IDataView setosa = Ml.Data.FilterRowsByColumn(PreparedIris(), "PetalLength", upperBound: 2.5);
        var multi = Assert.Throws<InvalidOperationException>(() => Ml.MulticlassClassification.Trainers.SparseIht(sparsity: 3).Fit(setosa));
        Assert.Contains("Label column 'Label' has only 1 class in the training data (setosa)", multi.Message);

        IDataView malignantOnly = Ml.Data.LoadFromEnumerable(Enumerable.Repeat(new BinaryRow { Features = [1, 2], Label = true }, 5));
        var binary = Assert.Throws<InvalidOperationException>(() => Ml.BinaryClassification.Trainers.SparseIht(sparsity: 2).Fit(malignantOnly));
        Assert.Contains("has only 1 class in the training data (every row is true)", binary.Message);
    }

    [Fact]
    public void EmptyData_IsRejected()
    {
        IDataView empty = Ml.Data.LoadFromEnumerable(Array.Empty<BinaryRow>());
        var error = Assert.Throws<InvalidOperationException>(() => Ml.BinaryClassification.Trainers.SparseIht(sparsity: 2).Fit(empty));
        Assert.Equal("The training data has no rows.", error.Message);
    }

    [Fact]
    public void RowsWithMissingValues_AreSkippedAndCounted_AndTrainingUsesTheRest()
    {
        BinaryRow[] rows = [.. Enumerable.Range(0, 40).Select(i => new BinaryRow { Features = [i % 7, i % 5 - 2], Label = i % 7 > 3 })];
        rows[0].Features[1] = float.NaN;
        rows[1].Features[0] = float.PositiveInfinity;
        rows[2].Weight = float.NaN;
        rows[3].Weight = -1;
        var options = new SparseIhtBinaryTrainer.Options { Sparsity = 2, ExampleWeightColumnName = "Weight" };
        var model = Ml.BinaryClassification.Trainers.SparseIht(options).Fit(Ml.Data.LoadFromEnumerable(rows));

        Assert.Equal(new Data.SkippedRows(Features: 2, Label: 0, Weight: 2), model.GetSparseIhtReport().RowsSkipped);
        Assert.Equal(36, model.GetSparseIhtReport().RowsUsed);
        Assert.Equal(40, model.GetSparseIhtReport().RowsRead);
        Assert.True(model.Model.SubModel.Weights.All(float.IsFinite));
    }

    [Fact]
    public void MissingRegressionLabels_AreSkipped_AndAllMissingFails()
    {
        RegressionRow[] rows = [.. Enumerable.Range(0, 20).Select(i => new RegressionRow { Features = [i, 1 - i], Label = i % 4 == 0 ? float.NaN : i })];
        var model = Ml.Regression.Trainers.SparseIht(sparsity: 2).Fit(Ml.Data.LoadFromEnumerable(rows));
        Assert.Equal(5, model.GetSparseIhtReport().RowsSkipped.Label);

        foreach (var row in rows)
            row.Label = float.NaN;
        var error = Assert.Throws<InvalidOperationException>(() => Ml.Regression.Trainers.SparseIht(sparsity: 2).Fit(Ml.Data.LoadFromEnumerable(rows)));
        Assert.Contains("All 20 training rows were skipped", error.Message);
        Assert.Contains("20 with a missing 'Label'", error.Message);
    }

    [Fact]
    public void LossThatCannotBeFinite_StopsWithAClearMessage_NotANaNModel()
    {
        // Features near float.MaxValue overflow every margin: no step size gives a finite loss.
        RegressionRow[] rows = [.. Enumerable.Range(0, 10).Select(i => new RegressionRow { Features = [3e38f, -3e38f], Label = i })];
        var error = Assert.ThrowsAny<InvalidOperationException>(() =>
            Ml.Regression.Trainers.SparseIht(sparsity: 2).Fit(Ml.Data.LoadFromEnumerable(rows)));
        Assert.Contains("non-finite", error.Message);
        Assert.Contains("Standardize the features", error.Message);
    }

    [Fact]
    public void AllExampleWeightsZero_IsRejected_NamingTheColumnAndOption()
    {
        BinaryRow[] rows = [.. Enumerable.Range(0, 10).Select(i => new BinaryRow { Features = [i, 1], Label = i % 2 == 0, Weight = 0 })];
        var options = new SparseIhtBinaryTrainer.Options { Sparsity = 2, ExampleWeightColumnName = "Weight" };
        var error = Assert.Throws<InvalidOperationException>(() => Ml.BinaryClassification.Trainers.SparseIht(options).Fit(Ml.Data.LoadFromEnumerable(rows)));
        Assert.Contains("Every training row has weight 0 in 'Weight' (option ExampleWeightColumnName)", error.Message);
    }

    [Fact]
    public void AClassThatOnlyHasRowsOfWeightZero_DoesNotCountAsPresent()
    {
        BinaryRow[] rows = [.. Enumerable.Range(0, 10).Select(i => new BinaryRow { Features = [i, 1], Label = i % 2 == 0, Weight = i % 2 == 0 ? 1 : 0 })];
        var options = new SparseIhtBinaryTrainer.Options { Sparsity = 2, ExampleWeightColumnName = "Weight" };
        var error = Assert.Throws<InvalidOperationException>(() => Ml.BinaryClassification.Trainers.SparseIht(options).Fit(Ml.Data.LoadFromEnumerable(rows)));
        Assert.Contains("has only 1 class in the training data (every row is true)", error.Message);
    }

    [Fact]
    public void FeaturesOnWildlyDifferentScales_GiveANotStationaryCertificateAndAWarning_NotAFalseStable()
    {
        var ml = new MLContext(seed: 1);
        var warnings = new List<string>();
        ml.Log += (_, e) => { if (e.Kind == Microsoft.ML.Runtime.ChannelMessageKind.Warning) lock (warnings) warnings.Add(e.RawMessage); };
        RegressionRow[] rows = [.. Enumerable.Range(0, 30).Select(i => new RegressionRow { Features = [1e5f * (i % 3 - 1), i % 5 - 2], Label = 3 * (i % 5 - 2) + 1 })];

        // IHT alone: the support polish's Newton steps do not depend on γ and solve this problem (SupportPolishTests).
        var model = ml.Regression.Trainers.SparseIht(new SparseIhtRegressionTrainer.Options { Sparsity = 2, MaximumNumberOfIterations = 300, PolishSupport = false })
            .Fit(ml.Data.LoadFromEnumerable(rows));

        Assert.Equal(MlNetSparse.Core.Solvers.HtStabilityVerdict.NotStationary, model.GetSparseIhtReport().Certificate.Verdict);
        Assert.Contains(warnings, w => w.StartsWith("The trained point is not stationary"));
        Assert.Contains(warnings, w => w.StartsWith("The features in 'Features' are on different scales"));
    }

    private static IDataView PreparedIris()
    {
        IDataView data = BundledData.Iris(Ml);
        return BundledData.IrisPreparation(Ml).Fit(data).Transform(data);
    }

    private sealed class BinaryRow
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
        public float Weight { get; set; } = 1;
    }

    private sealed class RegressionRow
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }
}
