using Spectre.Console;

namespace MlNetSparse.Cli.Commands;

/// <summary>One progress bar: the share of the work done, and what is running, in words.</summary>
internal interface IProgressBar
{
    /// <summary>Moves the bar to <paramref name="fraction"/> ∈ [0, 1] and shows <paramref name="description"/> beside it.</summary>
    void Update(double fraction, string description);
}

/// <summary>
/// Progress bars on stderr for long work, only when stderr is a terminal: pipes, files, CI logs and
/// tests get none, so stdout stays exactly the report (or the JSON) whatever the terminal.
/// </summary>
internal static class TerminalProgress
{
    /// <summary>Runs <paramref name="body"/> with a bar when stderr is a terminal, with null otherwise.</summary>
    public static T Run<T>(CliOutput output, string description, Func<IProgressBar?, T> body)
    {
        if (output.Error != Console.Error || Console.IsErrorRedirected)
            return body(null);
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(),
                new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask(Markup.Escape(description), maxValue: 1);
                T result = body(new SpectreBar(task));
                // Runs that converge early leave the share short of 1: the finished bar says done, under the first description.
                task.Description = Markup.Escape(description);
                task.Value = 1;
                return result;
            });
    }

    // Spectre's tasks lock internally, so the trainer's threads may update them directly.
    private sealed class SpectreBar(ProgressTask task) : IProgressBar
    {
        public void Update(double fraction, string description)
        {
            task.Value = Math.Clamp(fraction, 0, 1);
            task.Description = Markup.Escape(description);
        }
    }
}
