namespace MlNetSparse.Cli.Models;

/// <summary>
/// A file the command reads, or writes under another option, that no output of it may replace or
/// hold: <c>new("--data file", path)</c> makes the refusal read "out.csv is the --data file".
/// </summary>
/// <param name="Role">What the file is to the command, as the messages name it.</param>
/// <param name="Path">The file as the user gave it.</param>
internal sealed record ProtectedFile(string Role, string Path);
