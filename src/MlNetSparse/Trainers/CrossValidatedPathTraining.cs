using Microsoft.ML.Runtime;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Training;
using MlNetSparse.Data;
using static System.FormattableString;

namespace MlNetSparse.Trainers;

/// <summary>
/// Fit's cross-validated sparsity path, as cv.glmnet (docs/algorithms.md#choosing-s): the path on
/// all rows (every s, warm-started), the same path on each of k seeded folds' other rows scored on
/// the fold, the pooled curve, s read off it by <see cref="SparseIhtOptionsBase.PathSelectionRule"/>
/// (or the extended BIC of the all-rows path, with no folds), and a final run on all rows from the
/// all-rows path's solution at that s.
/// </summary>
internal static class CrossValidatedPathTraining
{
    /// <summary>Runs the path and its folds on the cached rows (<see cref="TrainingPlan"/> has made sure they are cached).</summary>
    public static PlannedOutcome Run(TrainingData rows, TrainingRequest request, IHost host, IChannel channel)
    {
        SparseIhtOptionsBase options = request.Options;
        TrainingSet data = rows.CachedSet ?? throw new InvalidOperationException("The training plan of a sparsity path reads the rows into memory.");
        int threads = options.MaxDegreeOfParallelism;
        var objective = new LinearModelObjective(data.Features, data.Labels, request.Loss, data.ExampleWeights) { MaxDegreeOfParallelism = threads };
        LinearModelLayout layout = objective.Layout;
        // Drawn as the held-out split's seed is (after the other seeds, fixed or not), so fixing it changes nothing else.
        int drawnSeed = host.Rand.Next(), seed = options.ValidationSeed ?? drawnSeed;
        bool informationCriterion = options.PathSelectionRule == SparsitySelectionRule.ExtendedBic;
        int k = informationCriterion ? 0 : options.NumberOfFolds;
        int[] requested = options.SparsityPath!;
        if (requested.Length > 0)
            SparsityPathTraining.CheckAgainstData(requested, layout, request.FeatureColumn);
        // Repeated k-fold (docs/algorithms.md#choosing-s): repeat 0 on the fold seed itself, each further repeat on a seed mixed from it.
        int repeats = informationCriterion ? 0 : Repeats(options, data.ExampleWeights?.Count(w => w > 0) ?? data.Labels.Length);
        int[][] foldsOfRow = [.. Enumerable.Range(0, repeats).Select(r => AssignFolds(data, k, CrossValidationFolds.RepeatSeed(seed, r), request.Task))];
        int smallestTrainingPart = informationCriterion ? data.Labels.Length : data.Labels.Length - FoldSizes(foldsOfRow[0], k).Max();
        int[] sparsities = requested.Length > 0 ? requested : SparsityPathGrid.Automatic(layout.ParameterCount, smallestTrainingPart);
        channel.Info(MessageSensitivity.None, Invariant($"Sparsity path over s = {string.Join(", ", sparsities)} on all {data.Labels.Length} rows; ") +
            (informationCriterion ? "s chosen by the extended BIC." : Invariant($"s chosen by {k}-fold cross-validation{RepeatsText(repeats)} ({options.PathSelectionRule}, fold seed {seed}).")));

        request.Reporter.StartPath(sparsities);
        var progress = new SparsityPathProgress(host, channel, request.Reporter, _ => default, heldOut: false);
        SparsityPathOptions pathOptions = PathOptions(options, request) with { Training = request.Training with { Sparsity = sparsities[0] } };
        SparsityPathResult path = SparsityPath.Train(objective, objective, request.Initializer, sparsities, pathOptions, progress);

        SparsityPathCrossValidationResult? cv = null;
        IReadOnlyList<SparsityCrossValidationEntry>? curve = null;
        double[]? bic = null;
        int chosen;
        if (informationCriterion)
        {
            double rowsWeight = data.ExampleWeights?.Sum(w => (double)w) ?? data.Labels.Length;
            bic = [.. path.Steps.Select(step => SparsityPathSelection.ExtendedBic(step.TrainingLoss, request.Loss is SquaredLoss, step.NonzeroCount, rowsWeight, layout.ParameterCount))];
            chosen = SparsityPathSelection.Best(bic);
        }
        else
        {
            int count = repeats * k;
            TrainingSet[] held = new TrainingSet[count];
            var folds = new SparsityPathFold[count];
            double[] trainingMeans = new double[count];
            int foldThreads = Math.Max(1, threads / Math.Min(count, threads));
            for (int index = 0; index < count; index++)
            {
                int[] foldOfRow = foldsOfRow[index / k];
                int f = index % k;
                TrainingSet training = ValidationSplit.Subset(data, [.. Enumerable.Range(0, foldOfRow.Length).Where(i => foldOfRow[i] != f)]);
                held[index] = ValidationSplit.Subset(data, [.. Enumerable.Range(0, foldOfRow.Length).Where(i => foldOfRow[i] == f)]);
                trainingMeans[index] = WeightedMean(training);
                folds[index] = new SparsityPathFold(
                    new LinearModelObjective(training.Features, training.Labels, request.Loss, training.ExampleWeights) { MaxDegreeOfParallelism = foldThreads },
                    new LinearModelObjective(held[index].Features, held[index].Labels, request.Loss, held[index].ExampleWeights) { MaxDegreeOfParallelism = foldThreads },
                    held[index].ExampleWeights?.Sum(w => (double)w) ?? held[index].Labels.Length);
            }
            cv = SparsityPathCrossValidation.Train(folds, request.Initializer, sparsities, pathOptions, Math.Min(count, threads), new CheckpointOnly(progress),
                repeats: repeats);
            curve = HeldOutCurve.Score(cv, held, trainingMeans, layout, request.Task);
            // With Minimum, PathSelectionTolerance keeps its meaning: the smallest s within it of the smallest mean loss.
            chosen = options.PathSelectionRule == SparsitySelectionRule.Minimum && options.PathSelectionTolerance > 0
                ? SparsityPathSelection.Choose([.. cv.Curve.Select(c => c.Mean)], options.PathSelectionTolerance)
                : cv.IndexOf(options.PathSelectionRule);
        }
        SparsityPathStep pick = path.Steps[chosen];
        request.Reporter.FinishPath(pick.Sparsity, pick.TrainingLoss);
        bool biasOnly = pick.Parameters.AsSpan(0, layout.WeightCount).IndexOfAnyExcept(0f) < 0;
        LogChoice(channel, pick, path, cv, bic, options.PathSelectionRule, k, biasOnly);
        IhtSolverOptions finalOptions = request.Training with { Sparsity = pick.Sparsity };
        IhtTrainingResult final = IhtTraining.TrainFrom(objective, request.Initializer, finalOptions, pick.Parameters, progress);
        var entries = progress.Entries.Take(path.Steps.Count).Select((entry, i) => curve is null
            ? entry with { ValidationLoss = double.NaN }
            : entry with { ValidationLoss = curve[i].MeanLoss, ValidationAccuracy = curve[i].Accuracy, ValidationRmse = curve[i].RootMeanSquaredError }).ToArray();
        var report = SparsityPathReport.CrossValidated(path, entries, pick.Sparsity, cv, curve, bic, options.PathSelectionRule, k, data.Labels.Length, seed, biasOnly);
        var outcome = TrainingOutcome.FullBatch(final, rows.Rows, rows.Caching, data.Labels.Length);
        return new PlannedOutcome(outcome, finalOptions, report);
    }

    // The path's options as the trainer's Options set them; each step's training rules come from the request.
    private static SparsityPathOptions PathOptions(SparseIhtOptionsBase options, TrainingRequest request) => new()
    {
        Training = request.Training with { Sparsity = 1 },
        EarlyStopping = false,
        CrossValidationRepeats = options.CrossValidationRepeats,
    };

    // CrossValidationRepeats, or when 0 by the rows (docs/algorithms.md#choosing-s): on small data one split's curve is
    // noisy enough that its minimum moves with the fold seed, which the repeats average out.
    private static int Repeats(SparseIhtOptionsBase options, int rows) => options.CrossValidationRepeats > 0
        ? options.CrossValidationRepeats
        : SparsityPathOptions.AutomaticRepeats(rows);

    private static string RepeatsText(int repeats) => repeats > 1 ? Invariant($" repeated {repeats} times") : "";

    private static int[] AssignFolds(TrainingSet data, int k, int seed, SparseIhtTask task)
    {
        int weighted = data.ExampleWeights?.Count(w => w > 0) ?? data.Labels.Length;
        if (k > weighted)
            throw new ArgumentOutOfRangeException(nameof(SparseIhtOptionsBase.NumberOfFolds),
                Invariant($"{nameof(SparseIhtOptionsBase.NumberOfFolds)} must be at most the {weighted} training rows of positive weight (each fold holds out at least one); got {k}."));
        return CrossValidationFolds.Assign(data.Labels.Length, k, seed,
            task == SparseIhtTask.Regression ? default : data.Labels, data.ExampleWeights);
    }

    private static int[] FoldSizes(int[] foldOfRow, int k)
    {
        var sizes = new int[k];
        foreach (int f in foldOfRow)
            if (f >= 0)
                sizes[f]++;
        return sizes;
    }

    private static double WeightedMean(TrainingSet rows)
    {
        double sum = 0, total = 0;
        for (int i = 0; i < rows.Labels.Length; i++)
        {
            double w = rows.ExampleWeights?[i] ?? 1.0;
            sum += w * rows.Labels[i];
            total += w;
        }
        return sum / total;
    }

    private static void LogChoice(IChannel channel, SparsityPathStep pick, SparsityPathResult path, SparsityPathCrossValidationResult? cv, double[]? bic,
        SparsitySelectionRule rule, int folds, bool biasOnly)
    {
        int index = path.Steps.ToList().IndexOf(pick);
        string why = cv is not null
            ? Invariant($"{folds}-fold cross-validated{RepeatsText(cv.Repeats)} loss {cv.Curve[index].Mean:G6} ± {cv.Curve[index].StandardError:G3}; minimum at s = {cv.Sparsities[cv.MinimumIndex]}, one-standard-error s = {cv.Sparsities[cv.OneStandardErrorIndex]}")
            : Invariant($"extended BIC {bic![index]:G6}");
        channel.Info(MessageSensitivity.None, Invariant($"Sparsity path chose s = {pick.Sparsity} by {rule} ({why}); polishing on all rows from the path's solution at that s."));
        if (biasOnly)
            channel.Warning(MessageSensitivity.None, BiasOnlyWarning(pick.Sparsity, rule));
    }

    /// <summary>The warning of a pick whose model has no feature weight: it predicts the same for every row.</summary>
    internal static string BiasOnlyWarning(int sparsity, SparsitySelectionRule rule) => Invariant(
        $"The sparsity path chose s = {sparsity}, a model with biases only and no feature weight: it predicts the same for every row. ") +
        Invariant($"On these rows no feature improved the held-out loss under {nameof(SparseIhtOptionsBase.PathSelectionRule)} = {rule}; ") +
        $"check the features, or try {nameof(SparsitySelectionRule.Minimum)}, more {nameof(SparseIhtOptionsBase.NumberOfFolds)}, or a fixed {nameof(SparseIhtOptionsBase.Sparsity)}.";

    // The folds' steps are not the user's progress (their share would run backwards); they only check for cancellation.
    private sealed class CheckpointOnly(IIhtObserver inner) : IIhtObserver
    {
        public void OnIteration(in IhtIteration iteration) { }

        public void OnCheckpoint() => inner.OnCheckpoint();
    }
}
