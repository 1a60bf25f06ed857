using System.Globalization;
using MlNetSparse.Cli.Data;
using MlNetSparse.Cli.Models;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Training;
using MlNetSparse.Trainers;
using Spectre.Console;
using MlNetSparse.DataFiles;

namespace MlNetSparse.Cli.Commands;

/// <summary>Prints a train run for people: what was read and inferred, the metrics, the support, the certificate, the zip.</summary>
internal static class TrainTextReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Writes <paramref name="outcome"/> to <paramref name="writer"/> as aligned, coloured tables (colour only on a terminal).</summary>
    public static void Write(TrainOutcome outcome, TextWriter writer)
    {
        IAnsiConsole console = Tables.ConsoleFor(writer);
        DataFileSchema schema = outcome.Schema;
        SparseIhtTrainingReport report = outcome.Report;
        console.MarkupLine($"[bold]data[/] {Markup.Escape(schema.Path)}: {schema.RowCount} rows, separator '{DataFileSchema.Describe(schema.Separator)}', " +
            $"{(schema.HasHeader ? "header" : "no header")}, {outcome.FeatureNames.Count} numeric features");
        if (outcome.IgnoredColumns.Count > 0)
            console.MarkupLine($"  [yellow]text columns not used as features:[/] {Markup.Escape(string.Join(", ", outcome.IgnoredColumns))} (--column-type Name=number reads one as numbers)");
        console.MarkupLine($"[bold]label[/] {Markup.Escape(outcome.Label.Name)} → [bold]{outcome.Task.ToString().ToLowerInvariant()}[/]" +
            $"{(outcome.TaskInferred ? " (inferred; --task overrides)" : "")}");
        if (outcome.BinaryMapping is { } mapping)
            console.MarkupLine($"  '{Markup.Escape(mapping.TrueValue)}' is true, '{Markup.Escape(mapping.FalseValue)}' is false (the second value in sorted order is true)");
        if (outcome.LabelRowsLeftOut > 0)
            console.MarkupLine($"  [yellow]{outcome.LabelRowsLeftOut} rows with a missing label left out[/]");

        console.MarkupLine($"\n[bold]metrics[/] ({Markup.Escape(outcome.Evaluation)})");
        console.Write(MetricsTable(outcome.Metrics));

        console.MarkupLine($"\n[bold]support[/]: {SupportSummary(report)}; {TrainPipeline.WeightScale}");
        console.Write(SupportTable(report));

        if (report.SparsityPath is { } trained)
        {
            console.MarkupLine(Markup.Escape(PathSummary(trained)).Replace("sparsity path", "\n[bold]sparsity path[/]", StringComparison.Ordinal));
            console.Write(PathTable(trained));
        }

        HtStabilityCertificate certificate = report.Certificate;
        string colour = certificate.Verdict == HtStabilityVerdict.Stable ? "green" : "yellow";
        console.MarkupLine($"\n[bold]certificate[/] [{colour}]{Markup.Escape(certificate.ToString())}[/]");
        console.MarkupLine($"[bold]training[/] {report.Iterations} iterations, stopped: {report.StopReason}, loss {report.InitialLoss.ToString("G5", C)} → {report.FinalLoss.ToString("G5", C)}");
        if (report.Polish is { Rounds: > 0 } polish)
            console.MarkupLine($"[bold]polish[/] {polish.Outcome}: {polish.NewtonSteps} Newton step(s) in {polish.Passes} passes over the data, " +
                $"loss {polish.LossBefore.ToString("G5", C)} → {polish.LossAfter.ToString("G5", C)}");
        if (report.Phases is { } phases)
            console.MarkupLine($"[bold]passes over the data[/] {Markup.Escape(phases.ToString())}");
        if (report.OptimalityGap is double gap && report.DenseLoss is double dense)
            console.MarkupLine($"[bold]dense optimum[/] loss {dense.ToString("G5", C)} with every parameter free, so sparsity costs {gap.ToString("G4", C)} in training loss" +
                (report.DenseStopReason is IhtStopReason.MaximumIterations ? " or more (the dense run stopped at the iteration cap)" : ""));
        console.MarkupLine($"[bold]rows[/] read {report.RowsRead}, used {report.RowsUsed}, skipped {Markup.Escape(report.RowsSkipped.ToString())}");
        WriteWarnings(console, outcome.Warnings);
        console.MarkupLine($"[bold]model[/] written to {Markup.Escape(DisplayPath.Of(outcome.ZipPath))}");
    }

    /// <summary>One "warning: ..." line each, in yellow on a terminal.</summary>
    internal static void WriteWarnings(IAnsiConsole console, IReadOnlyList<string> warnings)
    {
        foreach (string warning in warnings)
            console.MarkupLine($"[yellow]warning[/]: {Markup.Escape(warning)}");
    }

    /// <summary>"7 nonzero of 15 parameters (s = 7)": the support's size and how s was set, as the text report says it.</summary>
    internal static string SupportSummary(SparseIhtTrainingReport report) => $"{NonzeroSummary(report)} ({SparsityChoice(report)})";

    /// <summary>"8 nonzero of 31 parameters".</summary>
    internal static string NonzeroSummary(SparseIhtTrainingReport report) => $"{report.NonzeroCount} nonzero of {report.ParameterCount} parameters";

    /// <summary>"s = 8", or "s = 8, chosen by the sparsity path".</summary>
    internal static string SparsityChoice(SparseIhtTrainingReport report) =>
        report.SparsityPath is { } path ? $"s = {path.ChosenSparsity}, chosen by the sparsity path" : $"s = {report.Sparsity}";

    /// <summary>The metrics as a table, with a ± sd column for cross-validation.</summary>
    internal static Table MetricsTable(IReadOnlyList<MetricValue> metrics)
    {
        bool folds = metrics.Any(m => m.StandardDeviation is not null);
        var table = new Table().AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        if (folds)
            table.AddColumn(new TableColumn("± sd").RightAligned());
        foreach (MetricValue metric in metrics)
        {
            var cells = new List<Text> { new(metric.Unit is { } unit ? $"{metric.Name} ({unit})" : metric.Name), new(EvaluationWarnings.Number(metric.Mean)) };
            if (folds)
                cells.Add(new Text(metric.StandardDeviation is double sd ? EvaluationWarnings.Number(sd) : ""));
            table.AddRow(cells);
        }
        return table;
    }

    private static Table SupportTable(SparseIhtTrainingReport report)
    {
        bool classes = report.Support.Any(p => p.OutputName is not null);
        var table = new Table();
        if (classes)
            table.AddColumn("class");
        table.AddColumn("feature").AddColumn(new TableColumn("weight").RightAligned());
        foreach (SparseParameter parameter in report.Support)
        {
            var cells = new List<Text>();
            if (classes)
                cells.Add(new Text(parameter.OutputName ?? ""));
            cells.Add(new Text(parameter.FeatureName, parameter.IsBias ? new Style(decoration: Decoration.Dim) : Style.Plain));
            cells.Add(new Text(parameter.Value.ToString("G5", C), new Style(parameter.Value > 0 ? Color.Green : Color.Red)));
            table.AddRow(cells);
        }
        return table;
    }

    /// <summary>"sparsity path: …": how many s were trained on which rows, and how s was chosen.</summary>
    internal static string PathSummary(SparsityPathReport path) => path.NumberOfFolds switch
    {
        1 => $"sparsity path: {path.Steps.Count} of {path.RequestedSparsities.Count} s trained on {path.TrainingRows} rows, " +
            $"validated on {path.ValidationRows}{(path.StoppedEarly ? ", stopped early" : "")}",
        0 => $"sparsity path: {path.Steps.Count} s trained on all {path.TrainingRows} rows, s = {path.ChosenSparsity} chosen by the extended BIC (--path-selection {path.SelectionRule})",
        int k => $"sparsity path: {path.Steps.Count} s trained on all {path.TrainingRows} rows, s = {path.ChosenSparsity} chosen by {k}-fold cross-validation " +
            (path.CrossValidationRepeats > 1 ? $"repeated {path.CrossValidationRepeats} times " : "") +
            $"(--path-selection {path.SelectionRule}; minimum at s = {path.BestSparsity}, one-standard-error s = {path.OneStandardErrorSparsity}); the CV columns are pooled over the held-out folds",
    };

    private static Table PathTable(SparsityPathReport path)
    {
        IReadOnlyList<SparsityCrossValidationEntry>? cv = path.CrossValidation;
        bool accuracy = cv?.Any(e => e.Accuracy is not null) == true, rSquared = cv?.Any(e => e.RSquared is not null) == true;
        var table = new Table().AddColumn("").AddColumn(new TableColumn("s").RightAligned()).AddColumn(new TableColumn("train loss").RightAligned());
        if (path.NumberOfFolds == 1)
            table.AddColumn(new TableColumn("validation loss").RightAligned());
        if (cv is not null)
            table.AddColumn(new TableColumn("CV loss").RightAligned()).AddColumn(new TableColumn("± se").RightAligned());
        if (accuracy)
            table.AddColumn(new TableColumn("CV accuracy").RightAligned()).AddColumn(new TableColumn("± se").RightAligned());
        if (rSquared)
            table.AddColumn(new TableColumn("CV R²").RightAligned()).AddColumn(new TableColumn("± se").RightAligned());
        if (path.ExtendedBic is not null)
            table.AddColumn(new TableColumn("EBIC").RightAligned());
        table.AddColumn(new TableColumn("nonzeros").RightAligned()).AddColumn("certificate");
        for (int i = 0; i < path.Steps.Count; i++)
        {
            SparsityPathEntry step = path.Steps[i];
            var cells = new List<Text> { new(step.Sparsity == path.ChosenSparsity ? "*" : ""), new(step.Sparsity.ToString(C)), new(step.TrainingLoss.ToString("G5", C)) };
            if (path.NumberOfFolds == 1)
                cells.Add(new Text(step.ValidationLoss.ToString("G5", C)));
            if (cv is not null)
            {
                cells.Add(new Text(EvaluationWarnings.Number(cv[i].MeanLoss)));
                cells.Add(new Text(EvaluationWarnings.Number(cv[i].LossStandardError)));
                if (accuracy)
                    cells.AddRange([new Text(cv[i].Accuracy!.Value.ToString("F4", C)), new Text(cv[i].AccuracyStandardError!.Value.ToString("F4", C))]);
                if (rSquared)
                    cells.AddRange([new Text(cv[i].RSquared!.Value.ToString("F4", C)), new Text(cv[i].RSquaredStandardError!.Value.ToString("F3", C))]);
            }
            if (path.ExtendedBic is { } bic)
                cells.Add(new Text(bic[i].ToString("G6", C)));
            cells.AddRange([new Text(step.NonzeroCount.ToString(C)), new Text(step.Verdict.ToString())]);
            table.AddRow(cells);
        }
        return table;
    }
}
