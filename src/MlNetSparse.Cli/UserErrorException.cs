namespace MlNetSparse.Cli;

/// <summary>A mistake in the user's input (file, column, option): the command prints its message as one line and exits with 1.</summary>
public sealed class UserErrorException(string message) : Exception(message);
