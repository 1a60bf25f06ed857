using System.Text.Json;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Training;
using MlNetSparse.Trainers;

namespace MlNetSparse.Cli.Commands;

/// <summary>Prints a train run for scripts: one JSON object with the metrics, the support, the certificate and the zip path.</summary>
internal static class TrainJsonReport
{
    /// <summary>Writes <paramref name="outcome"/> as one JSON object.</summary>
    public static void Write(TrainOutcome outcome, TextWriter writer)
    {
        SparseIhtTrainingReport report = outcome.Report;
        HtStabilityCertificate certificate = report.Certificate;
        var json = new
        {
            data = new { path = outcome.Schema.Path, separator = outcome.Schema.Separator.ToString(), hasHeader = outcome.Schema.HasHeader, rows = outcome.Schema.RowCount },
            label = outcome.Label.Name,
            task = outcome.Task.ToString().ToLowerInvariant(),
            taskInferred = outcome.TaskInferred,
            binaryLabel = outcome.BinaryMapping is { } m ? new { falseValue = m.FalseValue, trueValue = m.TrueValue } : null,
            features = outcome.FeatureNames,
            ignoredColumns = outcome.IgnoredColumns,
            evaluation = outcome.Evaluation,
            metrics = Metrics(outcome.Metrics),
            sparsity = report.SparsityPath?.ChosenSparsity ?? report.Sparsity,
            nonzeroCount = report.NonzeroCount,
            parameterCount = report.ParameterCount,
            support = report.Support.Select(p => new { @class = p.OutputName, feature = p.FeatureName, weight = p.Value }),
            certificate = new
            {
                verdict = certificate.Verdict.ToString(),
                certificate.SmallestSupportMagnitude,
                certificate.OffSupportThreshold,
                certificate.Margin,
                certificate.SupportGradientNorm,
                certificate.RelativeStationarityResidual,
            },
            sparsityPath = report.SparsityPath is { } path ? new
            {
                chosen = path.ChosenSparsity,
                best = path.BestSparsity,
                steps = path.Steps.Select(s => new { sparsity = s.Sparsity, trainingLoss = s.TrainingLoss, validationLoss = s.ValidationLoss, nonzeroCount = s.NonzeroCount, verdict = s.Verdict.ToString() }),
                folds = path.NumberOfFolds,
                repeats = path.CrossValidationRepeats,
                selectionRule = path.SelectionRule.ToString(),
                oneStandardError = path.OneStandardErrorSparsity,
                biasOnly = path.BiasOnly,
                crossValidation = path.CrossValidation?.Select(e => new
                {
                    sparsity = e.Sparsity, meanLoss = e.MeanLoss, lossStandardError = e.LossStandardError,
                    accuracy = e.Accuracy, accuracyStandardError = e.AccuracyStandardError,
                    rSquared = e.RSquared, rSquaredStandardError = e.RSquaredStandardError, rootMeanSquaredError = e.RootMeanSquaredError,
                }),
                extendedBic = path.ExtendedBic,
            } : null,
            training = new { iterations = report.Iterations, stopReason = report.StopReason.ToString(), initialLoss = report.InitialLoss, finalLoss = report.FinalLoss },
            polish = report.Polish is { } polish ? new
            {
                outcome = polish.Outcome.ToString(),
                rounds = polish.Rounds,
                newtonSteps = polish.NewtonSteps,
                passes = polish.Passes,
                lossBefore = polish.LossBefore,
                lossAfter = polish.LossAfter,
            } : null,
            phases = report.Phases is { } phases ? new
            {
                read = new { seconds = report.ReadTime.TotalSeconds },
                smoothness = Phase(phases.Smoothness),
                iterations = Phase(phases.Iterations),
                polish = Phase(phases.Polish),
                workingSet = Phase(phases.WorkingSet),
                denseReference = Phase(phases.DenseReference),
                total = Phase(phases.Total),
            } : null,
            denseOptimum = report.DenseLoss is double denseLoss
                ? new { loss = denseLoss, stopReason = report.DenseStopReason?.ToString(), optimalityGap = report.OptimalityGap }
                : null,
            rows = new { read = report.RowsRead, used = report.RowsUsed, skipped = report.RowsSkipped.Total, labelLeftOut = outcome.LabelRowsLeftOut },
            warnings = outcome.Warnings,
            zip = outcome.ZipPath,
        };
        writer.WriteLine(JsonSerializer.Serialize(json, JsonReportOptions.Default));
    }

    /// <summary>{ passes, seconds } of one phase of the final fit (docs/algorithms.md#passes): passes are a count, the same on any machine.</summary>
    private static object Phase(PhaseCost cost) => new { passes = cost.Passes, seconds = cost.Time.TotalSeconds };

    /// <summary>name → { mean, standardDeviation } (null when not finite; the warnings say why), with "unit" where the name leaves it open (LogLoss: bits or nats).</summary>
    internal static Dictionary<string, Dictionary<string, object?>> Metrics(IReadOnlyList<MetricValue> metrics) => metrics.ToDictionary(m => m.Name, m =>
    {
        var value = new Dictionary<string, object?> { ["mean"] = m.Mean, ["standardDeviation"] = m.StandardDeviation };
        if (m.Unit is { } unit)
            value["unit"] = unit;
        return value;
    });
}
