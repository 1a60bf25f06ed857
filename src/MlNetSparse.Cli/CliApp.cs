using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using MlNetSparse.Cli.Commands;

namespace MlNetSparse.Cli;

/// <summary>The whole tool as a function of its arguments and output streams, so tests run it in process.</summary>
public static partial class CliApp
{
    /// <summary>Parses and runs one command line; returns the exit code (0 success, 1 a user error).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var output = new CliOutput(stdout, stderr);
        var root = new RootCommand("Train sparse ML.NET models from CSV/TSV files, and use, inspect and ship the zips.");
        foreach (Command command in CommandCatalog.All(output))
            root.Subcommands.Add(command);
        if (root.Options.OfType<HelpOption>().SingleOrDefault() is { Action: SynchronousCommandLineAction help } helpOption)
            helpOption.Action = new ExperimentHelpAction(help, root.Subcommands.Single(c => c.Name == ExperimentCommand.Name));
        ParseResult parsed = root.Parse(TrainerFlag.Rewrite(args, out bool trainerFlagUsed));
        // A command-line mistake is one line too (the default prints the whole help page around it).
        if (parsed.Errors.Count > 0)
        {
            stderr.WriteLine($"error: {TrainCommand.OtherTrainersOption(parsed, trainerFlagUsed) ?? ParseErrorLine(root, parsed)}");
            return 1;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    private static string ParseErrorLine(RootCommand root, ParseResult parsed)
    {
        string errors = ValueKinds(string.Join(" ", parsed.Errors.Select(e => e.Message)));
        if (parsed.CommandResult.Command != root)
            return $"{errors} (see mlnet-sparse {CommandPath(parsed.CommandResult)} --help)";
        // A mistyped subcommand: System.CommandLine says "Required command was not provided" and then
        // lists every later token as unrecognized; the one word that matters is the first.
        string? first = parsed.UnmatchedTokens.FirstOrDefault();
        string commands = string.Join(", ", root.Subcommands.Select(c => c.Name));
        return first is null || first.StartsWith('-')
            ? $"{errors} The commands are {commands} (see mlnet-sparse --help)."
            : $"'{first}' is not a command; the commands are {commands} (see mlnet-sparse --help).";
    }

    // "train cnn": the command's name after its parents', the root's left out.
    private static string CommandPath(CommandResult command) =>
        command.Parent is CommandResult { Parent: not null } parent ? $"{CommandPath(parent)} {command.Command.Name}" : command.Command.Name;

    // System.CommandLine names the CLR type ("as expected type 'System.Nullable`1[System.Int32]'"); the user needs the kind of value.
    private static string ValueKinds(string message) => ExpectedType().Replace(message, match => match.Groups[1].Value switch
    {
        var type when type.Contains("Int32", StringComparison.Ordinal) => "as an integer",
        var type when type.Contains("Double", StringComparison.Ordinal) => "as a number",
        var type when type.Contains("Boolean", StringComparison.Ordinal) => "as true or false",
        _ => match.Value,
    });

    [GeneratedRegex(@"as expected type '([^']*)'")]
    private static partial Regex ExpectedType();
}

/// <summary>Where a command writes: results to <see cref="Out"/>, the one-line errors to <see cref="Error"/>.</summary>
public sealed record CliOutput(TextWriter Out, TextWriter Error);
