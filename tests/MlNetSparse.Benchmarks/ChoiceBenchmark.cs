using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSparse.Core.Training;
using MlNetSparse.Examples.Shared;
using MlNetSparse.Trainers;
using Spectre.Console;
using static System.FormattableString;

namespace MlNetSparse.Benchmarks;

/// <summary>
/// `--only choice`: how well the automatic s scores on small tabular data. On every dataset and seed,
/// an outer 5-fold split (stratified for classes): each rule chooses s on the outer training rows only
/// (its own inner folds), and is scored on the outer held-out rows, pooled over the 5 (accuracy, or
/// pooled R² = 1 − Σ squared errors / Σ (y − ȳ of the outer training rows)²). The pick never sees the
/// rows that score it. The best fixed s is scored the same way for every s of the grid, and the best
/// (averaged over seeds) is the reference — it did see the scoring rows, so it is an upper bound.
/// "before" is the rule before k-fold (one 20 % split, early stop); cv.glmnet runs on the same outer
/// and inner folds when Rscript with glmnet is there. Counts accuracy, not time.
/// </summary>
internal static class ChoiceBenchmark
{
    private const int OuterFolds = 5;

    // Each rule sets the options of a fit on `rows` training rows. "min" is the trainer's default path; "k-fold" is
    // the default before this benchmark's last change (plain 5-fold, no path ridge), "before" the one before that.
    private static readonly (string Name, Action<SparseIhtOptionsBase, int> Set)[] AllRules =
    [
        ("before", (o, _) => { o.SparsityPath = []; o.NumberOfFolds = 1; o.PathL2Regularization = 0; }),
        ("k-fold", (o, _) => { o.SparsityPath = []; o.CrossValidationRepeats = 1; o.PathL2Regularization = 0; }),
        ("repeats", (o, _) => { o.SparsityPath = []; o.PathL2Regularization = 0; }),
        ("ridge", (o, _) => { o.SparsityPath = []; o.CrossValidationRepeats = 1; }),
        ("min", (o, _) => { o.SparsityPath = []; }),
        ("1-SE", (o, _) => { o.SparsityPath = []; o.PathSelectionRule = SparsitySelectionRule.OneStandardError; }),
        ("EBIC", (o, _) => { o.SparsityPath = []; o.PathSelectionRule = SparsitySelectionRule.ExtendedBic; }),
    ];

    /// <summary>The rule names <c>--rules</c> accepts.</summary>
    public static IEnumerable<string> RuleNames => AllRules.Select(r => r.Name);

    public static string Run(int[] seeds, string[]? only, string[]? ruleNames, string commandLine)
    {
        var rules = AllRules.Where(r => ruleNames is null || ruleNames.Contains(r.Name)).ToArray();
        string folder = ChoiceData.DataFolder();
        bool glmnet = GlmnetPeer.Available(out string glmnetNote);
        string[] headers = ["data", "task", "n × p", .. rules.Select(r => r.Name), "best fixed s", .. rules.Select(r => r.Name + " − best"),
            .. rules.SelectMany(r => new[] { $"s picked ({r.Name}; seeds)", $"{r.Name} spread" }), "glmnet min", "glmnet 1se", "glmnet weights (min; 1se)"];
        var table = ReportTable.Create(2, headers);
        foreach ((string file, ChoiceTask task) in ChoiceData.Files)
        {
            if (only is not null && !only.Contains(Path.GetFileNameWithoutExtension(file)))
                continue;
            ChoiceData data = ChoiceData.Load(folder, file, task);
            Progress.Log($"choice: {data.Name} ({data.Rows} × {data.FeatureCount})");
            int outputs = task == ChoiceTask.Multiclass ? data.ClassCount : 1;
            int[] grid = SparsityPathGrid.Automatic(outputs * (data.FeatureCount + 1), data.Rows * (OuterFolds - 1) / OuterFolds);
            var ruleScores = rules.Select(_ => new List<double>()).ToArray();
            var picks = rules.Select(_ => new List<int>()).ToArray();
            var fixedScores = grid.Select(_ => new List<double>()).ToArray();
            var glmnetScores = (Min: new List<double>(), OneSe: new List<double>());
            var glmnetWeights = new List<string>();
            foreach (int seed in seeds)
            {
                float[]? strata = task == ChoiceTask.Regression ? null : data.Labels;
                int[] outer = CrossValidationFolds.Assign(data.Rows, OuterFolds, seed + 1000, strata);
                var scores = new Score[rules.Length + grid.Length];
                for (int i = 0; i < scores.Length; i++)
                    scores[i] = new Score();
                var inner = new int[OuterFolds][];
                for (int o = 0; o < OuterFolds; o++)
                {
                    int[] train = [.. Enumerable.Range(0, data.Rows).Where(i => outer[i] != o)], test = [.. Enumerable.Range(0, data.Rows).Where(i => outer[i] == o)];
                    // The trainer's own inner folds for ValidationSeed = seed (its first repeat), for glmnet to share.
                    int[] innerOfTrain = CrossValidationFolds.Assign(train.Length, SparseIhtOptionsBase.Defaults.NumberOfFolds, seed,
                        strata is null ? default : [.. train.Select(i => strata[i])]);
                    inner[o] = new int[data.Rows];
                    for (int t = 0; t < train.Length; t++)
                        inner[o][train[t]] = innerOfTrain[t];
                    // Each fit on its own MLContext of the seed, so that its drawn seeds do not depend on which rules ran before it.
                    (IDataView trainView, IDataView testView) = Views(new MLContext(seed: seed), data, train, test);
                    double trainingMean = train.Average(i => (double)data.Labels[i]);
                    for (int r = 0; r < rules.Length; r++)
                    {
                        ITransformer model = Fit(new MLContext(seed: seed), task, trainView, o2 => { rules[r].Set(o2, train.Length); o2.ValidationSeed = seed; });
                        scores[r].Add(task, Predict(model, testView, task), test.Select(i => data.Labels[i]).ToArray(), trainingMean);
                    }
                    for (int g = 0; g < grid.Length; g++)
                    {
                        int s = grid[g];
                        ITransformer model = Fit(new MLContext(seed: seed), task, trainView, o2 => o2.Sparsity = s);
                        scores[rules.Length + g].Add(task, Predict(model, testView, task), test.Select(i => data.Labels[i]).ToArray(), trainingMean);
                    }
                }
                for (int r = 0; r < rules.Length; r++)
                    ruleScores[r].Add(scores[r].Value(task));
                for (int g = 0; g < grid.Length; g++)
                    fixedScores[g].Add(scores[rules.Length + g].Value(task));
                // Each rule's pick on all rows, for its spread over the seeds.
                var all = new MLContext(seed: seed);
                (IDataView allView, _) = Views(all, data, [.. Enumerable.Range(0, data.Rows)], []);
                for (int r = 0; r < rules.Length; r++)
                    picks[r].Add(Fit(all, task, allView, o2 => { rules[r].Set(o2, data.Rows); o2.ValidationSeed = seed; }).GetSparseIhtReport().SparsityPath!.ChosenSparsity);
                if (glmnet)
                {
                    int[] full = CrossValidationFolds.Assign(data.Rows, SparseIhtOptionsBase.Defaults.NumberOfFolds, seed, strata);
                    GlmnetRun peer = GlmnetPeer.Run(data, outer, inner, full, OuterFolds);
                    glmnetScores.Min.Add(PeerScore(data, outer, peer.PredictionMin));
                    glmnetScores.OneSe.Add(PeerScore(data, outer, peer.PredictionOneSe));
                    glmnetWeights.Add(Invariant($"{peer.NonzerosMin}; {peer.NonzerosOneSe}"));
                }
            }
            double[] fixedMeans = [.. fixedScores.Select(l => l.Average())];
            int best = Array.IndexOf(fixedMeans, fixedMeans.Max());
            string Points(double value) => (100 * (value - fixedMeans[best])).ToString("+0.0;−0.0;0.0", CultureInfo.InvariantCulture);
            string[] cells = [ChoiceData.NotTunedOn.Contains(data.Name) ? data.Name + " †" : data.Name, task.ToString().ToLowerInvariant(), Invariant($"{data.Rows} × {data.FeatureCount}"),
                .. ruleScores.Select(l => F(l.Average())), Invariant($"{F(fixedMeans[best])} (s = {grid[best]})"),
                .. ruleScores.Select(l => Points(l.Average())),
                .. picks.SelectMany(p => new[] { string.Join(", ", p), Invariant($"{p.Max() - p.Min()}") }),
                glmnet ? F(glmnetScores.Min.Average()) : "–", glmnet ? F(glmnetScores.OneSe.Average()) : "–", glmnet ? string.Join(" / ", glmnetWeights) : "–"];
            table.AddCells(cells);
        }
        var text = new System.Text.StringBuilder();
        text.AppendLine("# Choice of s on small tabular data");
        text.AppendLine();
        text.AppendLine(Invariant($"`{commandLine}`: seeds {string.Join(", ", seeds)}; outer {OuterFolds}-fold, pooled; the automatic rules choose on the outer training rows only."));
        text.AppendLine();
        text.AppendLine(table.ToMarkdown());
        text.AppendLine();
        text.AppendLine("- Scores: accuracy (classification) or pooled R² (regression) on the outer held-out rows, pooled over the 5 outer folds, averaged over the seeds.");
        text.AppendLine("- before: the path's rule before k-fold cross-validation (one 20 % held-out split, early stop after 3 s without a better loss). " +
            "min: the default, 5-fold cross-validation over the warm-started path, repeated on new folds by the row count (CrossValidationRepeats = 0), " +
            "every fit with the path's ridge (PathL2Regularization = 1: c/m for classification, 4c/m for least squares), its minimum; k-fold: one 5-fold split without the ridge (the default of 1f616e4); " +
            "repeats: the repeats without the ridge; ridge: the ridge with one split; 1-SE: the one-standard-error rule on the default curve; EBIC: the extended BIC of the path on the outer training rows.");
        text.AppendLine("- best fixed s: the s of the automatic grid with the best score averaged over seeds — chosen with the scoring rows, so an upper bound no rule can see. " +
            "Differences are in points (× 100).");
        text.AppendLine("- s picked: the rule's s on all rows, one per seed (s counts biases: weights + outputs); spread: the largest minus the smallest pick, the stability over seeds.");
        text.AppendLine("- glmnet: " + (glmnet ? $"cv.glmnet ({glmnetNote}, default deviance measure) on the same outer folds and the first repeat's inner folds; weights: its nonzero coefficients without intercepts on all rows, per seed." : $"not run: {glmnetNote}."));
        text.AppendLine("- †: not tuned on — added after the defaults were settled, to check that they generalise (uscrime, lifecyclesavings, biopsy).");
        text.AppendLine("- Digits (1,797 rows) is not a small set and is left out.");
        return text.ToString();
    }

    private static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    private static ITransformer Fit(MLContext ml, ChoiceTask task, IDataView train, Action<SparseIhtOptionsBase> set)
    {
        switch (task)
        {
            case ChoiceTask.Multiclass:
            {
                var options = new SparseIhtMulticlassTrainer.Options { LabelColumnName = "Key" };
                set(options);
                return ml.Transforms.Conversion.MapValueToKey("Key", nameof(Row.Label), keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
                    .Append(ml.MulticlassClassification.Trainers.SparseIht(options)).Fit(train);
            }
            case ChoiceTask.Binary:
            {
                var options = new SparseIhtBinaryTrainer.Options { LabelColumnName = nameof(Row.Flag) };
                set(options);
                return ml.BinaryClassification.Trainers.SparseIht(options).Fit(train);
            }
            default:
            {
                var options = new SparseIhtRegressionTrainer.Options { LabelColumnName = nameof(Row.Label) };
                set(options);
                return ml.Regression.Trainers.SparseIht(options).Fit(train);
            }
        }
    }

    // The predicted class index (0 … C − 1), or the predicted value.
    private static double[] Predict(ITransformer model, IDataView test, ChoiceTask task)
    {
        IDataView scored = model.Transform(test);
        return task switch
        {
            ChoiceTask.Multiclass => [.. scored.GetColumn<uint>("PredictedLabel").Select(k => (double)k - 1)],
            ChoiceTask.Binary => [.. scored.GetColumn<bool>("PredictedLabel").Select(b => b ? 1.0 : 0.0)],
            _ => [.. scored.GetColumn<float>("Score").Select(v => (double)v)],
        };
    }

    private static double PeerScore(ChoiceData data, int[] outer, double[] predictions)
    {
        var score = new Score();
        for (int o = 0; o < OuterFolds; o++)
        {
            int[] test = [.. Enumerable.Range(0, data.Rows).Where(i => outer[i] == o)];
            double trainingMean = Enumerable.Range(0, data.Rows).Where(i => outer[i] != o).Average(i => (double)data.Labels[i]);
            score.Add(data.Task, [.. test.Select(i => predictions[i])], [.. test.Select(i => data.Labels[i])], trainingMean);
        }
        return score.Value(data.Task);
    }

    // Features standardized with the training rows' means and deviations, as the tool's pipeline does.
    private static (IDataView Train, IDataView Test) Views(MLContext ml, ChoiceData data, int[] train, int[] test)
    {
        int p = data.FeatureCount;
        var mean = new double[p];
        var sd = new double[p];
        for (int j = 0; j < p; j++)
        {
            mean[j] = train.Average(i => (double)data.Features[i][j]);
            sd[j] = Math.Sqrt(train.Sum(i => Math.Pow(data.Features[i][j] - mean[j], 2)) / Math.Max(1, train.Length - 1));
            if (!(sd[j] > 0))
                sd[j] = 1;
        }
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, p);
        IDataView View(int[] rows) => ml.Data.LoadFromEnumerable(rows.Select(i => new Row
        {
            Features = [.. Enumerable.Range(0, p).Select(j => (float)((data.Features[i][j] - mean[j]) / sd[j]))],
            Label = data.Labels[i],
            Flag = data.Labels[i] > 0.5f,
        }).ToArray(), schema);
        return (View(train), View(test));
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];

        public float Label { get; set; }

        public bool Flag { get; set; }
    }

    // Pooled over folds: right predictions over rows, or 1 − Σ squared errors / Σ (y − ȳ_train)².
    private sealed class Score
    {
        private double _right, _rows, _errors, _deviations;

        public void Add(ChoiceTask task, double[] predictions, float[] labels, double trainingMean)
        {
            for (int i = 0; i < labels.Length; i++)
            {
                _rows++;
                if (task == ChoiceTask.Regression)
                {
                    _errors += Math.Pow(labels[i] - predictions[i], 2);
                    _deviations += Math.Pow(labels[i] - trainingMean, 2);
                }
                else if (Math.Abs(predictions[i] - labels[i]) < 0.5)
                    _right++;
            }
        }

        public double Value(ChoiceTask task) => task == ChoiceTask.Regression ? 1 - _errors / _deviations : _right / _rows;
    }
}
