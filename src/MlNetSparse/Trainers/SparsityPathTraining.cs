using Microsoft.ML.Runtime;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Training;
using MlNetSparse.Data;
using static System.FormattableString;

namespace MlNetSparse.Trainers;

/// <summary>
/// Fit's sparsity-path mode: hold out validation rows, train the path on the rest, choose s by
/// validation loss, then refit on all rows at the chosen s, warm-started from the path's solution
/// at that s (it is close to the optimum on all rows, so the refit takes few steps). The model
/// returned thus learned from every row, and its certificate speaks of the whole data.
/// </summary>
internal static class SparsityPathTraining
{
    /// <summary>Runs the path on the cached rows (<see cref="TrainingPlan"/> has made sure they are cached).</summary>
    public static PlannedOutcome Run(TrainingData rows, TrainingRequest request, IHost host, IChannel channel)
    {
        SparseIhtOptionsBase options = request.Options;
        int[] requested = options.SparsityPath!;
        TrainingSet data = rows.CachedSet ?? throw new InvalidOperationException("The training plan of a sparsity path reads the rows into memory.");
        var objective = new LinearModelObjective(data.Features, data.Labels, request.Loss, data.ExampleWeights) { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        LinearModelLayout layout = objective.Layout;
        // Drawn after the other seeds and whether or not it is fixed, so fixing it changes nothing else.
        int drawnSeed = host.Rand.Next(), seed = options.ValidationSeed ?? drawnSeed;
        if (requested.Length > 0)
            CheckAgainstData(requested, layout, request.FeatureColumn);
        var split = ValidationSplit.Create(data, options.ValidationFraction, seed,
            stratifyByClass: request.Task != SparseIhtTask.Regression);
        int[] sparsities = requested.Length > 0
            ? requested
            : SparsityPathGrid.Automatic(layout.ParameterCount, split.Training.Labels.Length);
        channel.Info(MessageSensitivity.None, Invariant($"Sparsity path over s = {string.Join(", ", sparsities)}: ") +
            Invariant($"{split.Training.Labels.Length} training rows, {split.Validation.Labels.Length} validation rows ") +
            Invariant($"(ValidationFraction {options.ValidationFraction:G3}, seed {seed})."));

        var train = new LinearModelObjective(split.Training.Features, split.Training.Labels, request.Loss, split.Training.ExampleWeights) { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        var validation = new LinearModelObjective(split.Validation.Features, split.Validation.Labels, request.Loss, split.Validation.ExampleWeights) { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        request.Reporter.StartPath(sparsities);
        var progress = new SparsityPathProgress(host, channel, request.Reporter,
            step => ValidationMetrics.Compute(request.Task, split.Validation, layout, step.Parameters));
        var pathOptions = new SparsityPathOptions
        {
            Training = request.Training with { Sparsity = sparsities[0] },
            SelectionTolerance = options.PathSelectionTolerance,
            EarlyStopping = options.PathEarlyStopping,
        };
        SparsityPathResult path = SparsityPath.Train(train, validation, request.Initializer, sparsities, pathOptions, progress);
        LogChoice(channel, path, data.Labels.Length);
        request.Reporter.FinishPath(path.ChosenSparsity, path.Chosen.TrainingLoss);

        IhtSolverOptions finalOptions = request.Training with { Sparsity = path.ChosenSparsity };
        IhtTrainingResult final = IhtTraining.TrainFrom(objective, request.Initializer, finalOptions, path.Chosen.Parameters, progress);
        var report = new SparsityPathReport(path, progress.Entries, split.Training.Labels.Length, split.Validation.Labels.Length,
            options.ValidationFraction, seed);
        var outcome = TrainingOutcome.FullBatch(final, rows.Rows, rows.Caching, data.Labels.Length);
        return new PlannedOutcome(outcome, finalOptions, report);
    }

    // The message says what P is for this data, as the single-s check does.
    internal static void CheckAgainstData(int[] sparsities, LinearModelLayout layout, string featureColumn)
    {
        int maximum = layout.ParameterCount - 1;
        for (int i = 0; i < sparsities.Length; i++)
        {
            if (sparsities[i] <= maximum)
                continue;
            throw new ArgumentOutOfRangeException(nameof(SparseIhtOptionsBase.SparsityPath),
                Invariant($"SparsityPath values must be in [1, {maximum}] for this data: {layout.OutputCount} output(s) × ({layout.FeatureCount} features in ") +
                Invariant($"'{featureColumn}' + 1 bias) = {layout.ParameterCount} parameters, and s must leave at least one out; got SparsityPath[{i}] = {sparsities[i]}."));
        }
    }

    private static void LogChoice(IChannel channel, SparsityPathResult path, int allRows)
    {
        SparsityPathStep chosen = path.Chosen, best = path.Steps[path.BestIndex];
        string stop = path.StoppedEarly
            ? Invariant($" The path stopped early at s = {path.Steps[^1].Sparsity}: the validation loss had not improved for {path.Steps.Count - 1 - path.BestIndex} s.")
            : "";
        channel.Info(MessageSensitivity.None, Invariant($"Sparsity path chose s = {chosen.Sparsity} (validation loss {chosen.ValidationLoss:G6}; ") +
            Invariant($"smallest {best.ValidationLoss:G6} at s = {best.Sparsity}, tolerance {path.SelectionTolerance:G3}).{stop} ") +
            Invariant($"Refitting on all {allRows} rows from the path's solution at s = {chosen.Sparsity}."));
    }

}
