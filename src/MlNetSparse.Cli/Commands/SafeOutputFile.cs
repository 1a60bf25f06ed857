namespace MlNetSparse.Cli.Commands;

/// <summary>
/// Writes an output file so that a failed run loses nothing: the folder must exist, an existing file
/// is replaced only with --force, and the content goes to a temporary file beside the target that is
/// then moved into place.
/// </summary>
internal static class SafeOutputFile
{
    /// <summary>Checks, before any work, that <paramref name="path"/> can be written; throws a user error otherwise.</summary>
    public static string Check(string path, bool force, string optionName)
    {
        string full = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(full);
        if (Directory.Exists(full))
            throw new UserErrorException($"{optionName}: {path} is a folder; name a file.");
        if (folder is not null && !Directory.Exists(folder))
            throw new UserErrorException($"{optionName}: the folder {Path.GetDirectoryName(path)} does not exist.");
        if (File.Exists(full) && !force)
            throw new UserErrorException($"{optionName}: {path} already exists; pass --force to overwrite it.");
        return full;
    }

    /// <summary>Writes through <paramref name="write"/> to a temporary file beside <paramref name="path"/>, then moves it into place.</summary>
    public static void Write(string path, bool force, Action<Stream> write)
    {
        string full = Check(path, force, "--output");
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = File.Create(temporary))
                write(stream);
            File.Move(temporary, full, overwrite: force);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }
}
