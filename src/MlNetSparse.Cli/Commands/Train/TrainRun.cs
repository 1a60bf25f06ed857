using System.Globalization;
using MlNetSparse.Cli.Models;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSparse.Cli.Data;
using MlNetSparse.Trainers;
using MlNetSparse.DataFiles;

namespace MlNetSparse.Cli.Commands;

/// <summary>One evaluation metric: its value on the test split, or its mean and standard deviation over the folds.</summary>
/// <param name="Name">The ML.NET metric's name.</param>
/// <param name="Mean">The value (mean over folds).</param>
/// <param name="StandardDeviation">The sample standard deviation over folds; null for a test split.</param>
/// <param name="Unit">The unit, where the name leaves it open: ML.NET's binary LogLoss is in bits (log base 2), its multiclass LogLoss in nats (natural log).</param>
/// <param name="FoldValues">The value in each fold; null for a test split.</param>
public sealed record MetricValue(string Name, double Mean, double? StandardDeviation, string? Unit = null, IReadOnlyList<double>? FoldValues = null);

/// <summary>What a train run produced: the evaluation, the trained model's report, and where the zip went.</summary>
/// <param name="Schema">The data file as inferred.</param>
/// <param name="Label">The label column.</param>
/// <param name="Task">The task trained.</param>
/// <param name="TaskInferred">Whether the task was inferred rather than given.</param>
/// <param name="BinaryMapping">For binary, which label value became true.</param>
/// <param name="FeatureNames">The feature columns, in slot order.</param>
/// <param name="IgnoredColumns">The text columns other than the label: not features (sparse IHT reads numbers).</param>
/// <param name="Evaluation">How the metrics were measured, in words.</param>
/// <param name="Metrics">The ML.NET evaluator's metrics.</param>
/// <param name="Report">The sparse IHT report of the model in the zip.</param>
/// <param name="LabelRowsLeftOut">Rows left out before training because their class label was missing.</param>
/// <param name="ZipPath">The full path of the zip written.</param>
/// <param name="Warnings">What the tool found in the data and the evaluation, then what ML.NET and the trainer warned of while fitting the model in the zip.</param>
public sealed record TrainOutcome(DataFileSchema Schema, DataColumn Label, PredictionTask Task, bool TaskInferred, BinaryLabelMapping? BinaryMapping,
    IReadOnlyList<string> FeatureNames, IReadOnlyList<string> IgnoredColumns, string Evaluation, IReadOnlyList<MetricValue> Metrics, SparseIhtTrainingReport Report,
    int LabelRowsLeftOut, string ZipPath, IReadOnlyList<string> Warnings);

/// <summary>Runs `train`: infer, check, fit, evaluate (test split or k folds), save the zip.</summary>
internal static class TrainRun
{
    /// <summary>Trains as <paramref name="settings"/> say; user errors throw <see cref="UserErrorException"/> before any training where possible.</summary>
    /// <param name="settings">What to train on and where the outputs go.</param>
    /// <param name="iht">The trainer's options.</param>
    /// <param name="progress">Receives the trainer's progress (every Fit's, folds included); null for none.</param>
    public static TrainOutcome Execute(TrainSettings settings, IhtSettings iht, IProgress<SparseIhtProgress>? progress = null)
    {
        OutputFile zip = CheckZip(settings);
        if (settings.PlotFolder is not null)
            TrainPlots.Check(settings, path: iht.Sparsity is null);
        DataFileSchema schema = DataFileInference.Infer(settings.DataPath, settings.Overrides);
        DataColumn label = TaskInference.FindLabel(schema, settings.Label);
        PredictionTask task = settings.Task ?? TaskInference.Infer(label);
        TaskInference.Check(task, label);
        if (settings.Folds is int folds && (folds < 2 || folds > schema.RowCount))
            throw new UserErrorException($"--folds must be in [2, {schema.RowCount}] (the rows of {schema.Path}); got {folds}.");

        var notes = new List<string>();   // the tool's own warnings, before the trainer's
        if (DataWarnings.ConstantFeatures([.. schema.Columns.Where(c => c.Kind == ColumnKind.Number && c != label)]) is { } constant)
            notes.Add(constant);
        IReadOnlyDictionary<string, int>? classes = task == PredictionTask.Regression ? null : schema.CountValues(label);
        if (task == PredictionTask.Multiclass && DataWarnings.TooManyClasses(label, classes!) is { } tooMany)
            notes.Add(tooMany);

        var mlContext = new MLContext(seed: settings.Seed);
        var warnings = new TrainerWarnings(mlContext);
        IDataView data = schema.CreateLoader(mlContext).Load(settings.DataPath);
        DataViewSchema inputSchema = data.Schema;
        int leftOut = 0;
        if (classes is not null && label.MissingCount > 0)
        {
            // A Boolean label would read a missing value as false, and a key over text would make "NA" a class: leave such rows out.
            data = WithoutMissingLabels(mlContext, data, label, classes.Keys);
            leftOut = label.MissingCount;
        }
        var pipeline = TrainPipeline.Create(mlContext, schema, label, task, iht, progress);
        (ITransformer model, string evaluation, IReadOnlyList<MetricValue> metrics) = SparsityPathErrors.Translate(iht, schema, task, () => settings.Folds is int k
            ? CrossValidate(mlContext, data, pipeline.Estimator, pipeline.EvaluationLabel, task, k, settings.Seed, warnings)
            : TrainAndTest(mlContext, data, pipeline.Estimator, pipeline.EvaluationLabel, task, settings, notes));
        notes.AddRange(EvaluationWarnings.NonFiniteMetrics(metrics));
        SparseIhtTrainingReport report = model.GetSparseIhtReport();
        zip.Write(stream => mlContext.Model.Save(model, inputSchema, stream));
        string[] ignored = [.. schema.Columns.Where(c => c.Kind == ColumnKind.Text && c != label).Select(c => c.Name)];
        return new TrainOutcome(schema, label, task, settings.Task is null, pipeline.BinaryMapping, pipeline.FeatureNames, ignored, evaluation, metrics,
            report, leftOut, Path.GetFullPath(settings.OutputPath), [.. notes, .. warnings.Messages]);
    }

    /// <summary>The zip's --output, checked before any training: never the --data file, writable, replaced only with --force.</summary>
    internal static OutputFile CheckZip(TrainSettings settings) =>
        OutputFile.Check(settings.OutputPath, settings.Force, "--output", "write the model zip to another file", [settings.DataFile]);

    /// <summary><paramref name="data"/> without the rows whose class label is missing; <paramref name="classes"/> are the label's non-missing values.</summary>
    internal static IDataView WithoutMissingLabels(MLContext mlContext, IDataView data, DataColumn label, IEnumerable<string> classes)
    {
        if (label.Kind == ColumnKind.Number)
            return mlContext.Data.FilterRowsByMissingValues(data, label.Name);
        // Text: a key over the classes is 0 (missing) for any other field, and the filter drops key 0; the key column is dropped again.
        const string key = "__LabelPresent";
        IDataView keyed = mlContext.Transforms.Conversion.MapValueToKey(key, label.Name,
            keyData: mlContext.Data.LoadFromEnumerable(classes.Select(v => new KeyText { Value = v }))).Fit(data).Transform(data);
        IDataView present = mlContext.Data.FilterRowsByMissingValues(keyed, key);
        return mlContext.Transforms.DropColumns(key).Fit(present).Transform(present);
    }

    private sealed class KeyText
    {
        public string Value { get; set; } = "";
    }

    /// <summary>
    /// Fits on a split of <paramref name="data"/> and evaluates on the held-out rows: the model, the
    /// evaluation in words, the metrics; a split too small to mean much adds a warning to <paramref name="notes"/>.
    /// </summary>
    internal static (ITransformer, string, IReadOnlyList<MetricValue>) TrainAndTest(MLContext mlContext, IDataView data, IEstimator<ITransformer> estimator,
        string evaluationLabel, PredictionTask task, TrainSettings settings, List<string> notes)
    {
        if (!(settings.TestFraction > 0 && settings.TestFraction < 1))
            throw new UserErrorException($"--test-fraction must be in (0, 1); got {settings.TestFraction}.");
        var split = mlContext.Data.TrainTestSplit(data, settings.TestFraction, seed: settings.Seed);
        // ML.NET's split draws each row's side at random: count what it held out, rather than trust the fraction.
        long trainRows = CountRows(split.TrainSet), testRows = CountRows(split.TestSet), rows = trainRows + testRows;
        string fraction = settings.TestFraction.ToString("0.###", CultureInfo.InvariantCulture);
        string folds = rows >= 2 ? $", or --folds {EvaluationWarnings.SuggestedFolds(rows)}" : "";
        if (trainRows == 0)
            throw new UserErrorException($"--test-fraction {fraction} of {rows} rows leaves none to train on: use a smaller --test-fraction (the default is 0.2){folds}.");
        if (testRows == 0)
            throw new UserErrorException($"--test-fraction {fraction} of {rows} rows holds out none to evaluate on: use a larger --test-fraction{folds}.");
        if (EvaluationWarnings.SmallTestSplit(settings.TestFraction, testRows, rows) is { } small)
            notes.Add(small);
        ITransformer model = estimator.Fit(split.TrainSet);
        IDataView scored = model.Transform(split.TestSet);
        IReadOnlyList<MetricValue> metrics = task switch
        {
            PredictionTask.Multiclass => Multiclass(mlContext.MulticlassClassification.Evaluate(scored, evaluationLabel)),
            PredictionTask.Binary => Binary(mlContext.BinaryClassification.Evaluate(scored, evaluationLabel)),
            _ => Regression(mlContext.Regression.Evaluate(scored, evaluationLabel)),
        };
        return (model, $"test split: {testRows} of {rows} rows held out (--test-fraction {fraction}, seed {settings.Seed}); the zip holds the model trained on the other {trainRows}", metrics);
    }

    private static long CountRows(IDataView data)
    {
        if (data.GetRowCount() is long known)
            return known;
        long count = 0;
        using DataViewRowCursor cursor = data.GetRowCursor([]);
        while (cursor.MoveNext())
            count++;
        return count;
    }

    /// <summary>Evaluates by k-fold cross-validation, then fits on all of <paramref name="data"/>: the model, the evaluation in words, mean ± sd metrics.</summary>
    internal static (ITransformer, string, IReadOnlyList<MetricValue>) CrossValidate(MLContext mlContext, IDataView data, IEstimator<ITransformer> estimator,
        string label, PredictionTask task, int folds, int seed, TrainerWarnings warnings)
    {
        double? pooledRSquared = null;
        List<IReadOnlyList<MetricValue>> perFold;
        switch (task)
        {
            case PredictionTask.Multiclass:
                perFold = [.. mlContext.MulticlassClassification.CrossValidate(data, estimator, folds, label, seed: seed).Select(r => Multiclass(r.Metrics))];
                break;
            case PredictionTask.Binary:
                perFold = [.. mlContext.BinaryClassification.CrossValidate(data, estimator, folds, label, seed: seed).Select(r => Binary(r.Metrics))];
                break;
            default:
                var results = mlContext.Regression.CrossValidate(data, estimator, folds, label, seed: seed);
                perFold = [.. results.Select(r => Regression(r.Metrics))];
                pooledRSquared = PooledRSquared([.. results.Select(r => r.ScoredHoldOutSet)], label);
                break;
        }
        var summary = new List<MetricValue>();
        for (int m = 0; m < perFold[0].Count; m++)
        {
            double[] values = [.. perFold.Select(f => f[m].Mean)];
            double mean = values.Average();
            double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
            if (perFold[0][m].Name == "RSquared" && pooledRSquared is double pooled)
                mean = pooled;   // the pooled R², not the mean of per-fold R²: a small fold's own R² can be any negative number
            summary.Add(perFold[0][m] with { Mean = mean, StandardDeviation = sd, FoldValues = values });
        }
        warnings.Clear();   // the folds' warnings are about models that are not shipped
        ITransformer model = estimator.Fit(data);
        string pooledNote = pooledRSquared is null ? "" : " (RSquared pooled: 1 − Σ held-out squared errors / Σ (y − mean of the fold's training labels)²)";
        return (model, $"{folds}-fold cross-validation (seed {seed}): mean ± sd over the folds{pooledNote}; the zip holds the model trained on all rows", summary);
    }

    /// <summary>
    /// 1 − Σ held-out squared errors / Σ (y − ȳ_train)², summed over the folds' held-out rows, ȳ_train the mean label
    /// of the rows each fold trained on (every row is held out once, so that is the other folds' labels).
    /// </summary>
    internal static double PooledRSquared(IReadOnlyList<IDataView> scoredFolds, string label)
    {
        var folds = scoredFolds.Select(view => LabelsAndScores(view, label)).ToArray();
        double total = folds.Sum(f => f.Labels.Sum()), count = folds.Sum(f => f.Labels.Count);
        double errors = 0, deviations = 0;
        foreach ((List<double> labels, List<double> scores) in folds)
        {
            double trainingMean = (total - labels.Sum()) / (count - labels.Count);
            for (int i = 0; i < labels.Count; i++)
            {
                errors += (labels[i] - scores[i]) * (labels[i] - scores[i]);
                deviations += (labels[i] - trainingMean) * (labels[i] - trainingMean);
            }
        }
        return 1 - errors / deviations;
    }

    // The rows whose label is a number, as ML.NET's regression evaluator counts them.
    private static (List<double> Labels, List<double> Scores) LabelsAndScores(IDataView scored, string label)
    {
        var labels = new List<double>();
        var scores = new List<double>();
        DataViewSchema.Column labelColumn = scored.Schema[label], scoreColumn = scored.Schema["Score"];
        using DataViewRowCursor cursor = scored.GetRowCursor([labelColumn, scoreColumn]);
        ValueGetter<float> getLabel = cursor.GetGetter<float>(labelColumn), getScore = cursor.GetGetter<float>(scoreColumn);
        float y = 0, score = 0;
        while (cursor.MoveNext())
        {
            getLabel(ref y);
            getScore(ref score);
            if (float.IsNaN(y))
                continue;
            labels.Add(y);
            scores.Add(score);
        }
        return (labels, scores);
    }

    private static IReadOnlyList<MetricValue> Multiclass(MulticlassClassificationMetrics m) =>
    [
        new("MicroAccuracy", m.MicroAccuracy, null), new("MacroAccuracy", m.MacroAccuracy, null),
        new("LogLoss", m.LogLoss, null, "nats"), new("LogLossReduction", m.LogLossReduction, null),
    ];

    private static IReadOnlyList<MetricValue> Binary(CalibratedBinaryClassificationMetrics m) =>
    [
        new("Accuracy", m.Accuracy, null), new("AreaUnderRocCurve", m.AreaUnderRocCurve, null),
        new("AreaUnderPrecisionRecallCurve", m.AreaUnderPrecisionRecallCurve, null), new("F1Score", m.F1Score, null),
        new("PositivePrecision", m.PositivePrecision, null), new("PositiveRecall", m.PositiveRecall, null),
        new("LogLoss", m.LogLoss, null, "bits"), new("LogLossReduction", m.LogLossReduction, null),
    ];

    private static IReadOnlyList<MetricValue> Regression(RegressionMetrics m) =>
    [
        new("RSquared", m.RSquared, null), new("MeanAbsoluteError", m.MeanAbsoluteError, null),
        new("MeanSquaredError", m.MeanSquaredError, null), new("RootMeanSquaredError", m.RootMeanSquaredError, null),
    ];
}
