namespace MlNetSparse.Cli.Models;

/// <summary>Runs a command body and turns user errors into the one-line report and exit code 1.</summary>
internal static class CommandErrors
{
    public static int Run(CliOutput output, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (CliUserError error)
        {
            output.Error.WriteLine($"error: {error.Message}");
            return 1;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The file system said no (permissions, a full disk, a file in use): the user's to fix.
            output.Error.WriteLine($"error: {OneLine(error.Message)}");
            return 1;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
