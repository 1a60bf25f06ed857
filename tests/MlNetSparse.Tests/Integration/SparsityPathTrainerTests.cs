using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MlNetSparse.Core.Training;
using MlNetSparse.Tests.TestData;
using MlNetSparse.Trainers;

namespace MlNetSparse.Tests.Integration;

/// <summary>
/// The trainers with a sparsity path: each fits, evaluates, saves and loads as plain ML.NET; the
/// report lists every s with its numbers and the s chosen from them; the model is refitted on all rows.
/// </summary>
public class SparsityPathTrainerTests
{
    [Fact]
    public void Multiclass_WithTheAutomaticGrid_PassesConformance_AndReportsThePath()
    {
        var ml = new MLContext(seed: 1);
        var trainer = ml.MulticlassClassification.Trainers.SparseIht(new SparseIhtMulticlassTrainer.Options { NumberOfFolds = 1, SparsityPath = [] });

        ITransformer model = EstimatorConformance.Check(ml, BundledData.IrisPreparation(ml), trainer, BundledData.Iris(ml), "Score", "PredictedLabel");

        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(BundledData.Iris(ml)));
        Assert.True(metrics.MicroAccuracy >= 0.9, $"accuracy {metrics.MicroAccuracy}");
        var sparse = ModelInspection.Find<MulticlassPredictionTransformer<MaximumEntropyModelParameters>>(model);
        SparseIhtTrainingReport report = sparse.GetSparseIhtReport();
        AssertPathReport(report, rows: 150);
        SparsityPathReport path = report.SparsityPath!;
        // P = 3 × (4 + 1) = 15: the automatic grid has 12 values from 1 to 14; the split holds out 10 of each class.
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14], path.RequestedSparsities);
        Assert.Equal((120, 30), (path.TrainingRows, path.ValidationRows));
        Assert.All(path.Steps, s => Assert.InRange(s.ValidationAccuracy!.Value, 0, 1));
        Assert.All(path.Steps, s => Assert.Null(s.ValidationAuc));
        Assert.All(path.Steps, s => Assert.Null(s.ValidationRmse));
        Assert.InRange(ModelInspection.Nonzeros(ModelInspection.Parameters(sparse.Model)), 1, path.ChosenSparsity);
    }

    [Fact]
    public void Binary_WithAGivenPath_PassesConformance_AndReportsAccuracyAndAuc()
    {
        var ml = new MLContext(seed: 2);
        int[] grid = [1, 2, 3, 4, 6, 8, 12, 16, 24, 30];
        var trainer = ml.BinaryClassification.Trainers.SparseIht(new SparseIhtBinaryTrainer.Options
        {
            NumberOfFolds = 1, SparsityPath = grid, PathEarlyStopping = false, MaximumNumberOfIterations = 300, // near-separable data: keep the test quick
        });

        ITransformer model = EstimatorConformance.Check(ml, BundledData.BreastCancerPreparation(ml), trainer, BundledData.BreastCancer(ml),
            "Score", "Probability", "PredictedLabel");

        var metrics = ml.BinaryClassification.Evaluate(model.Transform(BundledData.BreastCancer(ml)));
        Assert.True(metrics.AreaUnderRocCurve >= 0.97, $"AUC {metrics.AreaUnderRocCurve}");
        var sparse = ModelInspection.Find<BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>>(model);
        AssertPathReport(sparse.GetSparseIhtReport(), rows: 569);
        SparsityPathReport path = sparse.GetSparseIhtReport().SparsityPath!;
        Assert.Equal(grid, path.Steps.Select(s => s.Sparsity));
        Assert.False(path.StoppedEarly);
        Assert.All(path.Steps, s => Assert.InRange(s.ValidationAccuracy!.Value, 0, 1));
        Assert.All(path.Steps, s => Assert.InRange(s.ValidationAuc!.Value, 0.5, 1));
        Assert.True(path.Steps[^1].ValidationAuc > 0.95);
    }

    [Fact]
    public void Regression_WithTheAutomaticGrid_PassesConformance_AndItsRmseIsTheSquareRootOfTwiceTheValidationLoss()
    {
        var ml = new MLContext(seed: 3);
        var trainer = ml.Regression.Trainers.SparseIht(new SparseIhtRegressionTrainer.Options { NumberOfFolds = 1, SparsityPath = [], MaximumNumberOfIterations = 5000 });

        ITransformer model = EstimatorConformance.Check(ml, BundledData.DiabetesPreparation(ml), trainer, BundledData.Diabetes(ml), "Score");

        var metrics = ml.Regression.Evaluate(model.Transform(BundledData.Diabetes(ml)));
        Assert.True(metrics.RSquared >= 0.45, $"R² {metrics.RSquared}");
        var sparse = ModelInspection.Find<RegressionPredictionTransformer<LinearRegressionModelParameters>>(model);
        AssertPathReport(sparse.GetSparseIhtReport(), rows: 442);
        // f = (1/2)·mean squared error, so RMSE = √(2f) on the same rows.
        foreach (SparsityPathEntry step in sparse.GetSparseIhtReport().SparsityPath!.Steps)
            Assert.Equal(Math.Sqrt(2 * step.ValidationLoss), step.ValidationRmse!.Value, 1e-5 * step.ValidationRmse.Value);
        Assert.All(sparse.GetSparseIhtReport().SparsityPath!.Steps, s => Assert.Null(s.ValidationAccuracy));
    }

    [Fact]
    public void PathSelectionTolerance_ChoosesTheSmallestSWithinItOfTheBest_FromTheListedLosses()
    {
        var ml = new MLContext(seed: 4);
        IDataView prepared = Prepared(ml, BundledData.BreastCancer(ml), BundledData.BreastCancerPreparation(ml));
        SparsityPathReport Train(double tolerance) => ml.BinaryClassification.Trainers.SparseIht(new SparseIhtBinaryTrainer.Options
        {
            NumberOfFolds = 1, SparsityPath = [1, 2, 3, 4, 5, 6, 8, 10, 14, 20, 30], PathSelectionTolerance = tolerance, PathEarlyStopping = false,
            ValidationSeed = 9, MonteCarloSeed = 9, CompareWithDenseOptimum = false, MaximumNumberOfIterations = 300,
        }).Fit(prepared).GetSparseIhtReport().SparsityPath!;

        SparsityPathReport exact = Train(0), parsimonious = Train(0.1);

        // The same path either way; only the choice differs.
        Assert.Equal(exact.Steps, parsimonious.Steps);
        double best = exact.Steps.Min(s => s.ValidationLoss);
        Assert.Equal(exact.Steps.First(s => s.ValidationLoss <= best * 1.1).Sparsity, parsimonious.ChosenSparsity);
        Assert.True(parsimonious.ChosenSparsity < exact.ChosenSparsity, $"{parsimonious.ChosenSparsity} vs {exact.ChosenSparsity}");
        Assert.Equal(exact.BestSparsity, parsimonious.BestSparsity);
    }

    [Fact]
    public void SameSeeds_GiveTheSamePathAndModelBitForBit_AndTheValidationSeedIsReportedAndHonoured()
    {
        (float[] Parameters, SparseIhtTrainingReport Report) Train(int contextSeed, int? validationSeed)
        {
            var ml = new MLContext(contextSeed);
            IDataView prepared = Prepared(ml, BundledData.Iris(ml), BundledData.IrisPreparation(ml));
            var model = ml.MulticlassClassification.Trainers.SparseIht(new SparseIhtMulticlassTrainer.Options
            {
                NumberOfFolds = 1, SparsityPath = [2, 4, 6, 8, 10], ValidationSeed = validationSeed, MonteCarloSeed = validationSeed,
                Initialization = SparseStartKind.RandomSparse, InitializationSeed = 3, SupportSeed = 4, MaximumNumberOfIterations = 200,
            }).Fit(prepared);
            return (ModelInspection.Parameters(model.Model), model.GetSparseIhtReport());
        }

        var first = Train(17, null);
        var second = Train(17, null);
        Assert.Equal(first.Parameters, second.Parameters);
        Assert.Equal(first.Report.SparsityPath!.Steps, second.Report.SparsityPath!.Steps);
        Assert.Equal(first.Report.LossHistory, second.Report.LossHistory);

        // Fixing every seed reproduces a run under another MLContext seed.
        var pinned = Train(17, 1234);
        var pinnedElsewhere = Train(99, 1234);
        Assert.Equal(1234, pinned.Report.SparsityPath!.ValidationSeed);
        Assert.Equal(pinned.Parameters, pinnedElsewhere.Parameters);
        Assert.Equal(pinned.Report.SparsityPath.Steps, pinnedElsewhere.Report.SparsityPath!.Steps);
        // Another split gives other validation numbers.
        Assert.NotEqual(pinned.Report.SparsityPath.Steps.Select(s => s.ValidationLoss), first.Report.SparsityPath.Steps.Select(s => s.ValidationLoss));
    }

    [Fact]
    public void Training_LogsOneLinePerS_AndTheChoice()
    {
        var ml = new MLContext(seed: 5);
        var messages = new List<string>();
        ml.Log += (_, e) => { lock (messages) messages.Add(e.RawMessage); };

        var model = ml.MulticlassClassification.Trainers.SparseIht(new SparseIhtMulticlassTrainer.Options { NumberOfFolds = 1, SparsityPath = [1, 3, 5, 7] })
            .Fit(Prepared(ml, BundledData.Iris(ml), BundledData.IrisPreparation(ml)));

        SparsityPathReport path = model.GetSparseIhtReport().SparsityPath!;
        Assert.Contains(messages, m => m.StartsWith("Sparsity path over s = 1, 3, 5, 7: 120 training rows, 30 validation rows"));
        Assert.Equal(path.Steps.Select(s => s.Sparsity.ToString(CultureInfo.InvariantCulture)),
            messages.Where(m => m.StartsWith("Sparsity path s = ")).Select(m => m["Sparsity path s = ".Length..m.IndexOf(':')]));
        Assert.Contains(messages, m => m.StartsWith($"Sparsity path chose s = {path.ChosenSparsity} ") && m.Contains("Refitting on all 150 rows"));
        Assert.Contains(messages, m => m.StartsWith("Training sparse IHT (MulticlassClassification): 150 rows") && m.EndsWith("s chosen on a sparsity path."));
    }

    [Fact]
    public void TheRefit_StartsFromThePathsSolution_AndOnlyLowersTheLossOnAllRows()
    {
        var ml = new MLContext(seed: 6);
        IDataView prepared = Prepared(ml, BundledData.Diabetes(ml), BundledData.DiabetesPreparation(ml));
        var model = ml.Regression.Trainers.SparseIht(new SparseIhtRegressionTrainer.Options { NumberOfFolds = 1, SparsityPath = [1, 2, 4, 6, 8], MaximumNumberOfIterations = 5000, CompareWithDenseOptimum = true })
            .Fit(prepared);
        SparseIhtTrainingReport report = model.GetSparseIhtReport();

        Assert.Equal(report.SparsityPath!.ChosenSparsity, report.Sparsity);
        Assert.Equal(442, report.RowsUsed);
        Assert.True(report.FinalLoss <= report.InitialLoss);
        // A warm start: the refit begins at the path's solution, far below the loss of θ = 0 (half the label variance).
        double[] labels = ColumnValues.Read(prepared, "Label");
        double mean = labels.Average(), halfVariance = labels.Sum(y => (y - mean) * (y - mean)) / (2 * labels.Length);
        Assert.True(report.InitialLoss < 0.7 * halfVariance, $"initial loss {report.InitialLoss} vs f(0) ≈ {halfVariance + mean * mean / 2}");
        Assert.NotNull(report.OptimalityGap);
    }

    public static TheoryData<string, Action<SparseIhtBinaryTrainer.Options>, string> InvalidPathOptions => new()
    {
        { "SparsityPath", o => o.SparsityPath = [3, 2], "SparsityPath must be strictly increasing; got 3 then 2 at index 1." },
        { "SparsityPath", o => o.SparsityPath = [2, 2], "SparsityPath must be strictly increasing; got 2 then 2 at index 1." },
        { "SparsityPath", o => o.SparsityPath = [0, 2], "SparsityPath[0] must be at least 1; got 0." },
        // ValidationFraction and PathSelectionTolerance: the theory generated from SparseIhtOptionsBase.Table (TrainerOptionTableTests).
        { "Sparsity", o => o.Sparsity = -1, "Sparsity must be 0 or more (it is not used when SparsityPath is set); got -1." },
    };

    [Theory]
    [MemberData(nameof(InvalidPathOptions))]
    public void InvalidPathOption_IsRejectedWhenTheTrainerIsCreated(string option, Action<SparseIhtBinaryTrainer.Options> spoil, string message)
    {
        var options = new SparseIhtBinaryTrainer.Options { NumberOfFolds = 1, SparsityPath = [1, 2, 3] };
        spoil(options);
        var error = Assert.ThrowsAny<ArgumentException>(() => new MLContext().BinaryClassification.Trainers.SparseIht(options));
        Assert.Equal(option, error.ParamName);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void ASparsityPathWithoutASparsity_IsValid_AndASparsityOfZeroWithoutAPath_IsNot()
    {
        var ml = new MLContext();
        ml.BinaryClassification.Trainers.SparseIht(new SparseIhtBinaryTrainer.Options { NumberOfFolds = 1, SparsityPath = [1, 2] });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.BinaryClassification.Trainers.SparseIht(new SparseIhtBinaryTrainer.Options()));
        Assert.Equal("Sparsity", error.ParamName);
        Assert.Contains("Sparsity must be an integer ≥ 1", error.Message);
    }

    [Fact]
    public void PathValueAboveEveryParameterButOne_IsRejectedAtFit_WithTheAllowedRangeForThisData()
    {
        var ml = new MLContext(seed: 7);
        var trainer = ml.MulticlassClassification.Trainers.SparseIht(new SparseIhtMulticlassTrainer.Options { NumberOfFolds = 1, SparsityPath = [1, 5, 15] });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(Prepared(ml, BundledData.Iris(ml), BundledData.IrisPreparation(ml))));
        Assert.Equal("SparsityPath", error.ParamName);
        Assert.Contains("SparsityPath values must be in [1, 14] for this data: 3 output(s) × (4 features in 'Features' + 1 bias) = 15 parameters", error.Message);
        Assert.Contains("got SparsityPath[2] = 15", error.Message);
    }

    [Fact]
    public void TooFewRowsToSplit_IsRejected_SayingWhy()
    {
        var ml = new MLContext(seed: 8);
        // Two rows per class: 20% of 2 rounds to 0, so no class gives a validation row.
        IDataView tiny = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 4).Select(i => new BinaryRow { Features = [i, 1 - i], Label = i % 2 == 0 }));
        var trainer = ml.BinaryClassification.Trainers.SparseIht(new SparseIhtBinaryTrainer.Options { NumberOfFolds = 1, SparsityPath = [1, 2] });
        var error = Assert.Throws<InvalidOperationException>(() => trainer.Fit(tiny));
        Assert.Contains("Too few rows to split for the sparsity path: ValidationFraction = 0.2 of 4 row(s) holds out none", error.Message);
        Assert.Contains("each class keeps a row for training", error.Message);

        // A single regression row cannot be split either; at 0.5 two rows can.
        IDataView one = ml.Data.LoadFromEnumerable(new[] { new RegressionRow { Features = [1, 2], Label = 3 } });
        var regression = Assert.Throws<InvalidOperationException>(() =>
            ml.Regression.Trainers.SparseIht(new SparseIhtRegressionTrainer.Options { NumberOfFolds = 1, SparsityPath = [1] }).Fit(one));
        Assert.Contains("ValidationFraction = 0.2 of 1 row(s) holds out none", regression.Message);
        IDataView two = ml.Data.LoadFromEnumerable(new[] { new RegressionRow { Features = [1, 2], Label = 3 }, new RegressionRow { Features = [2, 1], Label = 1 } });
        var fitted = ml.Regression.Trainers.SparseIht(new SparseIhtRegressionTrainer.Options { NumberOfFolds = 1, SparsityPath = [1], ValidationFraction = 0.5 }).Fit(two);
        Assert.Equal((1, 1), (fitted.GetSparseIhtReport().SparsityPath!.TrainingRows, fitted.GetSparseIhtReport().SparsityPath!.ValidationRows));
    }

    [Fact]
    public void WithoutAPath_TheReportHasNoPathSection()
    {
        var ml = new MLContext(seed: 9);
        var model = ml.MulticlassClassification.Trainers.SparseIht(sparsity: 4).Fit(Prepared(ml, BundledData.Iris(ml), BundledData.IrisPreparation(ml)));
        Assert.Null(model.GetSparseIhtReport().SparsityPath);
        Assert.DoesNotContain("sparsity path", model.GetSparseIhtReport().ToString());
    }

    /// <summary>What every path report must satisfy, checked against its own listed numbers.</summary>
    private static void AssertPathReport(SparseIhtTrainingReport report, int rows)
    {
        SparsityPathReport path = Assert.IsType<SparsityPathReport>(report.SparsityPath);
        // Every s trained is listed, in the order asked, as a prefix of the candidates.
        Assert.Equal(path.RequestedSparsities.Take(path.Steps.Count), path.Steps.Select(s => s.Sparsity));
        Assert.True(path.StoppedEarly || path.Steps.Count == path.RequestedSparsities.Count);
        // The chosen s is the argmin of the listed validation losses (tolerance 0), the smaller s on a tie.
        double smallest = path.Steps.Min(s => s.ValidationLoss);
        Assert.Equal(path.Steps.First(s => s.ValidationLoss == smallest).Sparsity, path.ChosenSparsity);
        Assert.Equal(path.BestSparsity, path.ChosenSparsity);
        if (path.StoppedEarly)
            Assert.Equal(SparsityPathOptions.DefaultEarlyStoppingPatience, path.Steps.Count - 1 - path.Steps.ToList().FindIndex(s => s.Sparsity == path.BestSparsity));
        Assert.All(path.Steps, s => Assert.InRange(s.NonzeroCount, 1, s.Sparsity));
        Assert.All(path.Steps, s => Assert.True(s.TrainingLoss > 0 && s.ValidationLoss > 0 && s.StepSize > 0));
        // Warm starts never raise the training loss along the path.
        for (int i = 1; i < path.Steps.Count; i++)
            Assert.True(path.Steps[i].TrainingLoss <= path.Steps[i - 1].TrainingLoss);
        // The model is the refit on all rows at the chosen s.
        Assert.Equal(path.ChosenSparsity, report.Sparsity);
        Assert.InRange(report.NonzeroCount, 1, path.ChosenSparsity);
        Assert.Equal(rows, report.RowsUsed);
        Assert.Equal(rows, path.TrainingRows + path.ValidationRows);
        Assert.Equal(report.Certificate.Sparsity, path.ChosenSparsity);
        // The text lists one line per s and marks the chosen one.
        string[] lines = report.ToString().Split('\n');
        foreach (SparsityPathEntry step in path.Steps)
        {
            string marker = step.Sparsity == path.ChosenSparsity ? "*" : " ";
            Assert.Single(lines, l => l.StartsWith($"{marker} {step.Sparsity,6} {step.Iterations,6} ", StringComparison.Ordinal));
        }
        Assert.Contains($"chose s = {path.ChosenSparsity}", report.ToString());
    }

    private static IDataView Prepared(MLContext ml, IDataView data, IEstimator<ITransformer> preparation) => preparation.Fit(data).Transform(data);

    private sealed class BinaryRow
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    private sealed class RegressionRow
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }
}
