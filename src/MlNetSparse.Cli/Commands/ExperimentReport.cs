using System.Text.Json;
using System.Text.Json.Serialization;
using MlNetSparse.Cli.Models;
using MlNetSparse.Experiments.Study;
using Spectre.Console;

namespace MlNetSparse.Cli.Commands;

/// <summary>Prints an `experiment` run: the medians per level as a table, or one JSON object for scripts.</summary>
internal static class ExperimentReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,   // the gap is NaN without dense references
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>The medians table and one line each for the totals, the highlighted run, the files and the escape experiments.</summary>
    public static void WriteText(ExperimentOutcome outcome, int skippedRows, TextWriter writer)
    {
        StudyResult result = outcome.Result;
        IAnsiConsole console = Tables.ConsoleFor(writer);
        if (skippedRows > 0)
            console.MarkupLine($"[yellow]Skipped {skippedRows} rows with missing values.[/]");
        console.MarkupLine($"[bold]{outcome.Data.RowCount} rows, {outcome.Data.FeatureCount} features, {outcome.Data.ClassNames.Count} classes: " +
            $"{outcome.Data.ParameterCount} parameters[/]; {result.Options.RunsPerLevel} runs per level.");
        var table = new Table().Title("Medians per sparsity level");
        foreach (string heading in new[] { "s", "γ", "train loss", "test loss", "train acc", "test acc", "steps", "reached", "stable", "gap" })
            table.AddColumn(new TableColumn(heading).RightAligned());
        foreach (LevelSummary l in result.Levels)
            table.AddRow($"{l.Level}", $"{l.StepSize.Median:F3}", $"{l.TrainLoss.Median:F4}", $"{l.TestLoss.Median:F4}", $"{l.TrainAccuracy.Median:F3}",
                $"{l.TestAccuracy.Median:F3}", $"{l.Steps.Median:F0}", $"{l.ReachedThreshold:P0}", $"{l.Stable:P0}", $"{l.Gap.Median:F4}");
        console.Write(table);
        // Plain lines unwrapped, so scripts and logs can grep them.
        writer.WriteLine($"{result.Runs.Count} sparse and {result.DenseRuns.Count} dense runs, {result.SparseSteps + result.DenseSteps:N0} IHT steps in {result.Elapsed.TotalSeconds:F1} s.");
        if (result.Highlight is { } highlight)
        {
            RunResult h = highlight.Run;
            writer.WriteLine($"Highlighted run (s = {h.Level}; seeds of this project's generators: data {h.Seeds.Data}, init {h.Seeds.Initialization}, support {h.Seeds.Support}): " +
                $"{h.Steps} steps ({h.StopReason}), training loss {h.TrainLoss:F4}, test accuracy {h.TestAccuracy:P1}, " +
                $"{h.Verdict} ({h.CertificateLeft:G3} vs {h.CertificateRight:G3}).");
        }
        writer.WriteLine($"Wrote runs.csv, summary.csv, summary.md and {outcome.Figures.Count} figures ({string.Join(", ", outcome.Figures.Select(Path.GetFileName))}) in {DisplayPath.Of(outcome.Folder)}.");
        foreach (var escape in outcome.Escapes)
            writer.WriteLine($"Escape ({escape.Construction}): {escape.Summary}. Figure: {Path.GetFileName(escape.FigurePath)}");
    }

    /// <summary>The per-level summaries (every quartile), the totals, the highlighted run and the files, as one JSON object.</summary>
    public static void WriteJson(ExperimentOutcome outcome, int skippedRows, TextWriter writer)
    {
        StudyResult result = outcome.Result;
        var json = new
        {
            data = new { rows = outcome.Data.RowCount, skippedRows, features = outcome.Data.FeatureNames, classes = outcome.Data.ClassNames, parameters = outcome.Data.ParameterCount },
            options = result.Options,
            levels = result.Levels,
            sparseRuns = result.Runs.Count,
            denseRuns = result.DenseRuns.Count,
            steps = result.SparseSteps + result.DenseSteps,
            elapsedSeconds = result.Elapsed.TotalSeconds,
            highlight = result.Highlight?.Run,
            folder = outcome.Folder,
            files = new[] { "runs.csv", "summary.csv", "summary.md" }.Select(f => Path.Combine(outcome.Folder, f)).Concat(outcome.Figures)
                .Concat(outcome.Escapes.Select(e => e.FigurePath)),
            escape = outcome.Escapes.Select(e => new { construction = e.Construction, summary = e.Summary.ToString() }),
        };
        writer.WriteLine(JsonSerializer.Serialize(json, Options));
    }
}
