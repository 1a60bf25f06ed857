namespace MlNetSparse.Cli.Models;

/// <summary>
/// A mistake in what the user gave (a path, a file, an option): the command prints its message as
/// one <c>error: ...</c> line and exits with code 1, never a stack trace.
/// </summary>
internal sealed class CliUserError(string message) : Exception(message);
