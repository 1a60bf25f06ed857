using Spectre.Console;

namespace MlNetSparse.Cli.Models;

/// <summary>A Spectre console over a command's writer: colour only when that writer is a terminal.</summary>
internal static class Tables
{
    public static IAnsiConsole ConsoleFor(TextWriter writer)
    {
        bool terminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // Redirected output has no width: scripts and logs get whole lines, and tables as wide as their content.
        if (!terminal)
            console.Profile.Width = 1000;
        return console;
    }
}
