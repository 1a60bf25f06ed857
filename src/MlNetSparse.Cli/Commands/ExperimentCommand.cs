using System.CommandLine;
using MlNetSparse.Cli.Models;
using MlNetSparse.Experiments.Data;
using MlNetSparse.Experiments.Escape;
using MlNetSparse.Experiments.Output;
using MlNetSparse.Experiments.Study;

namespace MlNetSparse.Cli.Commands;

/// <summary>
/// `mlnet-sparse experiment`: the paper's IRIS study (or its protocol on any labelled CSV), with the
/// options and outputs of the IrisStudy example; the parsing and the runner are the Experiments library's.
/// </summary>
internal static class ExperimentCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "experiment";

    /// <summary>The folder the outputs go to without --out.</summary>
    public const string DefaultOutputFolder = "iris-study";

    /// <summary>The command, writing to <paramref name="output"/>.</summary>
    public static Command Create(CliOutput output)
    {
        var force = new Option<bool>("--force") { Description = "Replace a study experiment wrote there before (only if the folder holds nothing else)." };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object instead of tables." };
        var command = new Command(Name, StudyArguments.Usage("mlnet-sparse experiment", DefaultOutputFolder).Split('\n', 2)[0]) { force, json };
        // The study's own options (--data, --runs, --levels, ...) go to StudyArguments, the parser IrisStudy uses too.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse => CommandErrors.Run(output, () =>
        {
            string bundledIris = Path.Combine(AppContext.BaseDirectory, "data", "iris.csv");
            StudyArguments arguments = StudyArguments.Parse([.. parse.UnmatchedTokens], bundledIris, DefaultOutputFolder);
            OutputFolder folder = OutputFolder.Check(arguments.OutputFolder, parse.GetValue(force), "--out", Name, "the study",
                [new ProtectedFile("--data file", arguments.DataPath)]);
            ClassificationData data = CsvClassificationReader.Read(arguments.DataPath, arguments.LabelColumn, out int skipped);
            arguments.Options.Validate(data);
            ExperimentOutcome outcome = null!;
            using var cancellation = new CancellationTokenSource();
            ConsoleCancelEventHandler interrupt = (_, e) =>
            {
                e.Cancel = true;   // let the runs stop and the partial folder be removed
                cancellation.Cancel();
            };
            Console.CancelKeyPress += interrupt;
            try
            {
                // Everything is written to a folder beside the target and moved into place at the end: a failed run loses nothing.
                folder.Write(partial => outcome = Execute(data, arguments, partial, folder.FullPath, output, cancellation.Token));
            }
            catch (OperationCanceledException)
            {
                output.Error.WriteLine($"error: interrupted; {arguments.OutputFolder} was left as it was.");
                return 130;
            }
            finally
            {
                Console.CancelKeyPress -= interrupt;
            }
            if (parse.GetValue(json))
                ExperimentReport.WriteJson(outcome, skipped, output.Out);
            else
                ExperimentReport.WriteText(outcome, skipped, output.Out);
            return 0;
        }));
        return command;
    }

    private static ExperimentOutcome Execute(ClassificationData data, StudyArguments arguments, string partialFolder, string folder, CliOutput output,
        CancellationToken cancellationToken)
    {
        StudyResult result = RunWithProgress(data, arguments.Options, output, cancellationToken);
        IReadOnlyList<string> figures = StudyFiles.WriteAll(result, data, partialFolder);
        IReadOnlyList<EscapeStudyResult> escapes = arguments.EscapeRuns > 0
            ? EscapeStudy.Run(arguments.EscapeRuns, arguments.Options.Seed, partialFolder, cancellationToken)
            : [];
        // Report the paths where the files will be once the folder is in place.
        string Final(string path) => Path.Combine(folder, Path.GetFileName(path));
        return new ExperimentOutcome(data, result, folder, [.. figures.Select(Final)],
            [.. escapes.Select(e => e with { FigurePath = Final(e.FigurePath) })]);
    }

    private static StudyResult RunWithProgress(ClassificationData data, StudyOptions options, CliOutput output, CancellationToken cancellationToken) =>
        TerminalProgress.Run(output, "IHT runs", bar => StudyRunner.Run(data, options, bar is null ? null : new ProgressObserver(bar), cancellationToken));

    private sealed class ProgressObserver(IProgressBar bar) : IStudyObserver
    {
        public void Progress(int completed, int total) => bar.Update(completed / (double)total, $"IHT runs {completed}/{total}");
    }
}

/// <summary>What `experiment` produced.</summary>
/// <param name="Data">The dataset.</param>
/// <param name="Result">The study.</param>
/// <param name="Folder">Where the outputs are.</param>
/// <param name="Figures">The study's figures.</param>
/// <param name="Escapes">The escape experiments; empty when skipped.</param>
internal sealed record ExperimentOutcome(ClassificationData Data, StudyResult Result, string Folder, IReadOnlyList<string> Figures,
    IReadOnlyList<EscapeStudyResult> Escapes);
