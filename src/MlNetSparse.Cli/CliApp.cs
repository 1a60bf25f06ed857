using System.CommandLine;
using MlNetSparse.Cli.Commands;

namespace MlNetSparse.Cli;

/// <summary>The whole tool as a function of its arguments and output streams, so tests run it in process.</summary>
public static class CliApp
{
    /// <summary>Parses and runs one command line; returns the exit code (0 success, 1 a user error).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var output = new CliOutput(stdout, stderr);
        var root = new RootCommand("Train sparse ML.NET models from CSV/TSV files, and use, inspect and ship the zips.");
        foreach (Command command in CommandCatalog.All(output))
            root.Subcommands.Add(command);
        ParseResult parsed = root.Parse(args);
        // A command-line mistake is one line too (the default prints the whole help page around it).
        if (parsed.Errors.Count > 0)
        {
            string help = parsed.CommandResult.Command == root ? "mlnet-sparse --help" : $"mlnet-sparse {parsed.CommandResult.Command.Name} --help";
            stderr.WriteLine($"error: {string.Join(" ", parsed.Errors.Select(e => e.Message))} (see {help})");
            return 1;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}

/// <summary>Where a command writes: results to <see cref="Out"/>, the one-line errors to <see cref="Error"/>.</summary>
public sealed record CliOutput(TextWriter Out, TextWriter Error);
