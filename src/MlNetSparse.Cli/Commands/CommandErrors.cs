using MlNetSparse.DataFiles;

namespace MlNetSparse.Cli.Commands;

/// <summary>
/// The error rule of every command: a failure is one line <c>error: ...</c> on stderr, never a stack
/// trace. Mistakes in the user's input (files, columns, options, including those ML.NET reports as
/// argument or operation errors) exit with 1; anything unforeseen exits with 2, so scripts and bug
/// reports can tell the two apart. The library's messages name its API options: the user reads the
/// tool's (<see cref="ToolWording"/>).
/// </summary>
internal static class CommandErrors
{
    /// <summary>Runs <paramref name="body"/>; returns 0, or the exit code of its failure.</summary>
    public static int Run(CliOutput output, Action body) => Run(output, () =>
    {
        body();
        return 0;
    });

    /// <summary>Runs <paramref name="body"/>; returns its exit code, or that of its failure.</summary>
    public static int Run(CliOutput output, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The tool's own errors and the data file reader's are worded for the user already.
            bool worded = error is UserErrorException or DataFileException;
            Exception cause = worded ? error : Innermost(error);
            bool users = worded || cause is ArgumentException or InvalidOperationException or IOException
                or FormatException or UnauthorizedAccessException;
            string line = worded ? FirstLine(cause) : ToolWording.OptionError(FirstLine(cause), (cause as ArgumentException)?.ParamName);
            output.Error.WriteLine(users ? $"error: {line}" : $"error: unexpected {cause.GetType().Name}: {line}");
            return users ? 1 : 2;
        }
    }

    // The message's first line, less the " (Parameter 'x')" that ArgumentException.Message appends
    // when ParamName is set: the trainers' messages already name their option, so the tail only repeats it.
    private static string FirstLine(Exception cause)
    {
        string line = cause.Message.ReplaceLineEndings("\n").Split("\n", 2)[0].Trim();
        string tail = cause is ArgumentException { ParamName: { } name } ? $" (Parameter '{name}')" : "";
        return tail.Length > 0 && line.EndsWith(tail, StringComparison.Ordinal) ? line[..^tail.Length] : line;
    }

    // ML.NET wraps some failures (a bad option inside Fit): report the innermost cause.
    private static Exception Innermost(Exception error)
    {
        while (error.InnerException is not null && error is not ArgumentException)
            error = error.InnerException;
        return error;
    }
}
