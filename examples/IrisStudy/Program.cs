using System.Globalization;
using MlNetSparse.Experiments.Data;
using MlNetSparse.Experiments.Escape;
using MlNetSparse.Experiments.Output;
using MlNetSparse.Experiments.Study;
using Spectre.Console;

// Reproduces the paper's IRIS study (or the same protocol on any labelled CSV): runs, summary,
// figures, the ε-optimality gap and the HT-unstable escape experiment.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
// Redirected output (logs, CI) gets a wide console rather than Spectre's 80-column default.
if (Console.IsOutputRedirected)
    AnsiConsole.Profile.Width = 140;
if (args.Contains("--help"))
{
    Console.WriteLine(StudyArguments.Usage("IrisStudy"));
    return 0;
}

StudyArguments arguments;
ClassificationData data;
try
{
    arguments = StudyArguments.Parse(args, Path.Combine(AppContext.BaseDirectory, "data", "iris.csv"));
    data = CsvClassificationReader.Read(arguments.DataPath, arguments.LabelColumn, out int skipped);
    if (skipped > 0)
        AnsiConsole.MarkupLine($"[yellow]Skipped {skipped} rows with missing values.[/]");
    arguments.Options.Validate(data);
}
catch (Exception e) when (e is ArgumentException or FormatException or FileNotFoundException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

Directory.CreateDirectory(arguments.OutputFolder);
string partialCsv = Path.Combine(arguments.OutputFolder, "runs.partial.csv");
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

StudyOptions options = arguments.Options;
AnsiConsole.MarkupLine($"[bold]{data.RowCount} rows, {data.FeatureCount} features, {data.ClassCount} classes: " +
    $"{data.ParameterCount} parameters[/]. Levels {string.Join(",", options.LevelsFor(data))}, {options.RunsPerLevel} runs each, " +
    $"{options.Threads ?? Environment.ProcessorCount} threads. The paper's rules; a run stops at {Markup.Escape(options.StopRules)}.");
StudyResult result;
using (var rows = new StreamingRunCsv(partialCsv))
{
    try
    {
        result = AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("IHT runs");
                return StudyRunner.Run(data, options, new ProgressObserver(rows, task), cancellation.Token);
            });
    }
    catch (OperationCanceledException)
    {
        Console.Error.WriteLine($"Interrupted: the {rows.RowCount} runs that finished are in {partialCsv}.");
        return 130;
    }
}

var table = new Table().Title("Medians per sparsity level");
foreach (string heading in new[] { "s", "γ", "train loss", "test loss", "train acc", "test acc", "steps", "reached", "stable", "gap" })
    table.AddColumn(new TableColumn(heading).RightAligned());
foreach (LevelSummary l in result.Levels)
    table.AddRow($"{l.Level}", $"{l.StepSize.Median:F3}", $"{l.TrainLoss.Median:F4}", $"{l.TestLoss.Median:F4}", $"{l.TrainAccuracy.Median:F3}",
        $"{l.TestAccuracy.Median:F3}", $"{l.Steps.Median:F0}", $"{l.ReachedThreshold:P0}", $"{l.Stable:P0}", $"{l.Gap.Median:F4}");
AnsiConsole.Write(table);

var (stepNanoseconds, stepBytes) = StepBenchmark.Measure(data, options, sparsity: 7);
AnsiConsole.MarkupLine($"One IHT step alone (s = 7, one thread, 20 × 10,000 steps on the data-42 split): {stepNanoseconds:F0} ns, " +
    $"{stepBytes:F1} bytes allocated per step (the per-run buffers; none inside the loop).");
AnsiConsole.MarkupLine("Sparse runs by stop rule: " + string.Join(", ", result.Runs.GroupBy(r => r.StopReason).OrderBy(g => g.Key)
    .Select(g => $"{g.Key} {(double)g.Count() / result.Runs.Count:P0}")) + ".");
long steps = result.SparseSteps + result.DenseSteps;
int threads = options.Threads ?? Environment.ProcessorCount;
AnsiConsole.MarkupLine($"{result.Runs.Count} sparse and {result.DenseRuns.Count} dense runs, {steps:N0} IHT steps in {result.Elapsed.TotalSeconds:F1} s " +
    $"({result.Elapsed.TotalNanoseconds * threads / steps:F0} ns of one core per step, everything included).");
if (result.Highlight is { } highlight)
{
    RunResult h = highlight.Run;
    AnsiConsole.MarkupLine($"Highlighted run (s = {h.Level}, data {h.Seeds.Data}, init {h.Seeds.Initialization}, support {h.Seeds.Support}): " +
        $"{h.Steps} steps ({h.StopReason}), training loss {h.TrainLoss:F4}, test accuracy {h.TestAccuracy:P1}, " +
        $"{h.Verdict} ({h.CertificateLeft:G3} vs {h.CertificateRight:G3}).");
}
IReadOnlyList<string> figures = StudyFiles.WriteAll(result, data, arguments.OutputFolder);
File.Delete(partialCsv);
AnsiConsole.MarkupLine($"Wrote runs.csv, summary.csv, summary.md and {figures.Count} figures ({string.Join(", ", figures.Select(Path.GetFileName))}) " +
    $"in {Markup.Escape(Path.GetFullPath(arguments.OutputFolder))}.");
if (arguments.EscapeRuns > 0)
    foreach (EscapeStudyResult escape in EscapeStudy.Run(arguments.EscapeRuns, options.Seed, arguments.OutputFolder, cancellation.Token))
        AnsiConsole.MarkupLine($"[bold]Escape ({Markup.Escape(escape.Construction)})[/]: {Markup.Escape(escape.Summary.ToString())}. Figure: {Path.GetFileName(escape.FigurePath)}");
return 0;

/// <summary>Streams finished runs to the partial CSV and moves the progress bar.</summary>
internal sealed class ProgressObserver(StreamingRunCsv rows, ProgressTask task) : IStudyObserver
{
    public void RunCompleted(RunResult run) => rows.RunCompleted(run);

    public void Progress(int completed, int total)
    {
        task.MaxValue = total;
        task.Value = completed;
    }
}
