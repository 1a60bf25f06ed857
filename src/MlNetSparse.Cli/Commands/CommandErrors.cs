namespace MlNetSparse.Cli.Commands;

/// <summary>The error rule of every command: any failure is one line `error: ...` on stderr and exit code 1, never a stack trace.</summary>
internal static class CommandErrors
{
    /// <summary>Runs <paramref name="body"/>; returns 0, or 1 after printing the error's first line.</summary>
    public static int Run(CliOutput output, Action body)
    {
        try
        {
            body();
            return 0;
        }
        catch (Exception error)
        {
            output.Error.WriteLine($"error: {OneLine(error)}");
            return 1;
        }
    }

    // ML.NET wraps some failures (a bad option inside Fit) and writes multi-line messages: report the innermost cause's first line.
    private static string OneLine(Exception error)
    {
        Exception cause = error is UserErrorException ? error : Innermost(error);
        string message = cause.Message.Split('\n', 2)[0].Trim();
        return cause is UserErrorException or ArgumentException or InvalidOperationException or IOException or FormatException or UnauthorizedAccessException
            ? message : $"{cause.GetType().Name}: {message}";
    }

    private static Exception Innermost(Exception error)
    {
        while (error.InnerException is not null && error is not ArgumentException)
            error = error.InnerException;
        return error;
    }
}
