namespace MlNetSparse.Cli.Models;

/// <summary>Runs a command body: user errors become one <c>error:</c> line and exit code 1, anything else one line and exit code 2.</summary>
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
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Not a mistake of the user's that the command foresaw: still one line, but exit code 2 so
            // scripts (and bug reports) can tell it from a user error.
            output.Error.WriteLine($"error: unexpected {error.GetType().Name}: {OneLine(error.Message)}");
            return 2;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
