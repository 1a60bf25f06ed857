using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MlNetSparse.Core.Training;
using MlNetSparse.Tests.TestData;
using MlNetSparse.Trainers;

namespace MlNetSparse.Tests.Integration;

/// <summary>
/// The cross-validated sparsity path through the catalog: fit, evaluate, save and load as plain ML.NET;
/// the curve and its rules in the report; pooled R²; the extended BIC; the bias-only warning.
/// </summary>
public class CrossValidatedPathTrainerTests
{
    [Fact]
    public void Multiclass_OneStandardError_PassesConformance_AndReportsTheCurve()
    {
        var ml = new MLContext(seed: 1);
        var trainer = ml.MulticlassClassification.Trainers.SparseIht(new SparseIhtMulticlassTrainer.Options
        {
            SparsityPath = [], NumberOfFolds = 4, PathSelectionRule = SparsitySelectionRule.OneStandardError,
        });

        ITransformer model = EstimatorConformance.Check(ml, BundledData.IrisPreparation(ml), trainer, BundledData.Iris(ml), "Score", "PredictedLabel");

        var sparse = ModelInspection.Find<MulticlassPredictionTransformer<MaximumEntropyModelParameters>>(model);
        SparsityPathReport path = sparse.GetSparseIhtReport().SparsityPath!;
        Assert.Equal((4, SparsitySelectionRule.OneStandardError), (path.NumberOfFolds, path.SelectionRule));
        Assert.Equal(path.Steps.Count, path.CrossValidation!.Count);
        Assert.Equal(path.OneStandardErrorSparsity, path.ChosenSparsity);
        Assert.True(path.ChosenSparsity <= path.BestSparsity);
        // The rule read off the reported curve.
        SparsityCrossValidationEntry minimum = path.CrossValidation.MinBy(e => e.MeanLoss)!;
        Assert.Equal(minimum.Sparsity, path.BestSparsity);
        Assert.Equal(path.CrossValidation.First(e => e.MeanLoss <= minimum.MeanLoss + minimum.LossStandardError).Sparsity, path.ChosenSparsity);
        Assert.All(path.CrossValidation, e => Assert.InRange(e.Accuracy!.Value, 0, 1));
        Assert.True(path.CrossValidation.Single(e => e.Sparsity == path.ChosenSparsity).Accuracy >= 0.9);
        Assert.False(path.BiasOnly);
        Assert.Contains("4-fold cross-validation", path.ToString());
    }

    [Fact]
    public void Regression_ReportsPooledRSquared_FromThePooledSquaredErrors()
    {
        var ml = new MLContext(seed: 3);
        var trainer = ml.Regression.Trainers.SparseIht(new SparseIhtRegressionTrainer.Options { SparsityPath = [1, 2, 4, 8, 10], MaximumNumberOfIterations = 3000 });
        var model = trainer.Fit(BundledData.DiabetesPreparation(ml).Fit(BundledData.Diabetes(ml)).Transform(BundledData.Diabetes(ml)));
        SparsityPathReport path = model.GetSparseIhtReport().SparsityPath!;
        Assert.Equal(SparsityPathOptions.DefaultNumberOfFolds, path.NumberOfFolds);
        // Automatic repeats, by the rows: ⌈2000 / 442⌉ = 5.
        Assert.Equal(5, path.CrossValidationRepeats);
        foreach (SparsityCrossValidationEntry e in path.CrossValidation!)
        {
            Assert.Null(e.Accuracy);
            Assert.InRange(e.RSquared!.Value, -1, 1);
        }
        // s = 1 is the bias alone: its prediction is each fold's training mean, so the pooled R² is 1 − Σ(y − ȳ_train)²/Σ(y − ȳ_train)² = 0 exactly.
        Assert.Equal(0, path.CrossValidation[0].RSquared!.Value, 4);
        Assert.True(path.CrossValidation.Max(e => e.RSquared) > 0.4);
        // And the pooled R² itself against a hand computation: errors 1 and 2 against deviations 13 and 14.5.
        Assert.Equal(1 - 3 / 27.5, HeldOutCurve.PooledRSquared([1, 2], [13, 14.5]), 12);
    }

    [Fact]
    public void ExtendedBic_OnNoiseLabels_ChoosesTheBiasAlone_AndWarns()
    {
        // Labels 5 + N(0, 1) unrelated to the features: at s = 1 the bias (≈ 5) is the one parameter kept, and no
        // noise feature lowers the deviance by its EBIC penalty (ln 60 + 2 ln 6 ≈ 7.7) here.
        var ml = new MLContext(seed: 5);
        var random = new Random(9);
        IDataView noise = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 60).Select(_ => new NoiseRow
        {
            Features = [.. Enumerable.Range(0, 5).Select(_ => (float)random.NextGaussian())], Label = 5 + (float)random.NextGaussian(),
        }));
        var warnings = new List<string>();
        ml.Log += (_, e) => { if (e.Kind == Microsoft.ML.Runtime.ChannelMessageKind.Warning) warnings.Add(e.RawMessage); };
        var model = ml.Regression.Trainers.SparseIht(new SparseIhtRegressionTrainer.Options
        {
            SparsityPath = [], PathSelectionRule = SparsitySelectionRule.ExtendedBic,
        }).Fit(noise);
        SparsityPathReport path = model.GetSparseIhtReport().SparsityPath!;
        Assert.Equal((0, 1, true), (path.NumberOfFolds, path.ChosenSparsity, path.BiasOnly));
        Assert.Null(path.CrossValidation);
        Assert.Equal(path.Steps.Count, path.ExtendedBic!.Count);
        Assert.Contains(warnings, w => w.Contains("biases only", StringComparison.Ordinal));
    }

    [Fact]
    public void ThePick_IsTheSame_OnOneOrFourThreads()
    {
        SparsityPathReport Train(int threads)
        {
            var ml = new MLContext(seed: 2);
            IDataView data = BundledData.IrisPreparation(ml).Fit(BundledData.Iris(ml)).Transform(BundledData.Iris(ml));
            return ml.MulticlassClassification.Trainers.SparseIht(new SparseIhtMulticlassTrainer.Options
            {
                SparsityPath = [1, 2, 3, 5, 8, 12], NumberOfThreads = threads, MaximumNumberOfIterations = 300,
            }).Fit(data).GetSparseIhtReport().SparsityPath!;
        }
        SparsityPathReport one = Train(1), four = Train(4);
        Assert.Equal(one.CrossValidation, four.CrossValidation);
        Assert.Equal(one.ChosenSparsity, four.ChosenSparsity);
    }

    [Fact]
    public void OneStandardError_WithOneHeldOutSplit_IsRejectedAtCreation_NamingBothOptions()
    {
        var ml = new MLContext(seed: 1);
        var error = Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.SparseIht(new SparseIhtRegressionTrainer.Options
        {
            SparsityPath = [], NumberOfFolds = 1, PathSelectionRule = SparsitySelectionRule.OneStandardError,
        }));
        Assert.Equal(nameof(SparseIhtOptionsBase.PathSelectionRule), error.ParamName);
        Assert.Contains(nameof(SparseIhtOptionsBase.NumberOfFolds), error.Message);
    }

    [Fact]
    public void MoreFoldsThanRows_IsOneErrorNamingNumberOfFolds()
    {
        var ml = new MLContext(seed: 1);
        IDataView three = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 3).Select(i => new RegressionRow { Features = [i, 1 - i], Label = i }));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            ml.Regression.Trainers.SparseIht(new SparseIhtRegressionTrainer.Options { SparsityPath = [1], NumberOfFolds = 5 }).Fit(three));
        Assert.Equal(nameof(SparseIhtOptionsBase.NumberOfFolds), error.ParamName);
    }

    [Fact]
    public void DefaultPath_OnSmallData_RepeatsTheFolds_IsTheSameBitsForTheSameSeed_AndOneRepeatIsPlainKFold()
    {
        (SparsityPathReport Path, float[] Weights) Train(int repeats)
        {
            var ml = new MLContext(seed: 4);
            IDataView data = BundledData.IrisPreparation(ml).Fit(BundledData.Iris(ml)).Transform(BundledData.Iris(ml));
            var model = ml.MulticlassClassification.Trainers.SparseIht(new SparseIhtMulticlassTrainer.Options
            {
                SparsityPath = [1, 2, 4, 8, 14], MaximumNumberOfIterations = 300, CrossValidationRepeats = repeats,
            }).Fit(data);
            VBuffer<float>[] weights = new VBuffer<float>[3];
            model.Model.GetWeights(ref weights, out _);
            return (model.GetSparseIhtReport().SparsityPath!, [.. weights.SelectMany(w => w.DenseValues())]);
        }
        // 150 rows: ⌈2000 / 150⌉ = 14 repeats, capped at 5.
        var (path, weights) = Train(repeats: 0);
        var (again, againWeights) = Train(repeats: 0);
        Assert.Equal(5, path.CrossValidationRepeats);
        Assert.Contains("5-fold cross-validation repeated 5 times", path.ToString());
        Assert.Equal(path.CrossValidation, again.CrossValidation);
        Assert.Equal(weights, againWeights);
        var (once, _) = Train(repeats: 1);
        Assert.Equal(1, once.CrossValidationRepeats);
        Assert.DoesNotContain("repeated", once.ToString());
        Assert.NotEqual(once.CrossValidation!.Select(e => e.MeanLoss), path.CrossValidation!.Select(e => e.MeanLoss));
    }

    [Fact]
    public void NearlySeparableFolds_WithTheDefaults_GiveAFiniteSmallCvLogLoss_WhichThePlainLossDoesNot()
    {
        // 60 rows separated by the first feature, but for two flipped labels: a fold that holds both out trains on
        // separable rows, and unpenalised, polished weights grow until one flipped held-out row costs a log loss of tens.
        var random = new Random(3);
        BinaryRow[] rows = [.. Enumerable.Range(0, 60).Select(i =>
        {
            float x = (float)(random.NextDouble() * 2 - 1);
            bool label = x > 0;
            return new BinaryRow { Features = [x, (float)random.NextGaussian(), (float)random.NextGaussian()], Label = i is 7 or 40 ? !label : label };
        })];
        SparsityPathReport Train(double pathL2)
        {
            var ml = new MLContext(seed: 1);
            IDataView data = ml.Data.LoadFromEnumerable(rows);
            var model = ml.BinaryClassification.Trainers.SparseIht(new SparseIhtBinaryTrainer.Options
            {
                SparsityPath = [], PathL2Regularization = pathL2, ValidationSeed = 5,
            }).Fit(data);
            return model.GetSparseIhtReport().SparsityPath!;
        }
        SparsityPathReport defaults = Train(SparseIhtOptionsBase.Defaults.PathL2Regularization);
        // Every s: a finite log loss below that of a coin (ln 2 ≈ 0.69) plus a little, however separable the training rows.
        Assert.All(defaults.CrossValidation!, e => Assert.InRange(e.MeanLoss, 0, 1));
        Assert.Equal(defaults.ChosenSparsity, defaults.CrossValidation!.MinBy(e => e.MeanLoss)!.Sparsity);
        Assert.True(defaults.CrossValidation!.Single(e => e.Sparsity == defaults.ChosenSparsity).Accuracy >= 0.9);
        SparsityPathReport plain = Train(0);
        Assert.True(plain.CrossValidation!.Max(e => e.MeanLoss) > 2, $"the plain loss's largest CV log loss is {plain.CrossValidation!.Max(e => e.MeanLoss)}");
    }

    [Fact]
    public void ThePathRidge_IsCOverTheRows_FourTimesThatForLeastSquares_AndNotForAFixedS()
    {
        var ml = new MLContext(seed: 1);
        IDataView iris = BundledData.IrisPreparation(ml).Fit(BundledData.Iris(ml)).Transform(BundledData.Iris(ml));
        double Ridge(SparseIhtMulticlassTrainer.Options options) => ml.MulticlassClassification.Trainers.SparseIht(options).Fit(iris).GetSparseIhtReport().L2Regularization;
        Assert.Equal(2.0 / 150 + 0.01, Ridge(new() { SparsityPath = [2, 4], PathL2Regularization = 2, L2Regularization = 0.01, MaximumNumberOfIterations = 100 }), 12);
        Assert.Equal(0, Ridge(new() { Sparsity = 4, PathL2Regularization = 2, MaximumNumberOfIterations = 100 }));
        IDataView diabetes = BundledData.DiabetesPreparation(ml).Fit(BundledData.Diabetes(ml)).Transform(BundledData.Diabetes(ml));
        // ½r² has curvature 1, four times the log losses' largest (¼): the same prior relative to the loss's curvature.
        Assert.Equal(4.0 / 442, ml.Regression.Trainers.SparseIht(new SparseIhtRegressionTrainer.Options { SparsityPath = [2, 4], MaximumNumberOfIterations = 100 })
            .Fit(diabetes).GetSparseIhtReport().L2Regularization, 12);
        Assert.Equal(0, ml.Regression.Trainers.SparseIht(new SparseIhtRegressionTrainer.Options { SparsityPath = [2, 4], PathL2Regularization = 0, MaximumNumberOfIterations = 100 })
            .Fit(diabetes).GetSparseIhtReport().L2Regularization);
    }

    private sealed class BinaryRow
    {
        [VectorType(3)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    private sealed class NoiseRow
    {
        [VectorType(5)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }

    private sealed class RegressionRow
    {
        [VectorType(2)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }
}
