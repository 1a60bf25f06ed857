namespace MlNetSparse.Cli.Models;

/// <summary>
/// Writes an output file or folder safely: refuses to replace what exists unless forced, and writes
/// to a temporary path beside the target first so a failed run leaves the old output whole.
/// </summary>
internal static class OutputTarget
{
    /// <summary>Checks that <paramref name="path"/>'s folder exists and that it may be (over)written.</summary>
    public static string CheckFile(string path, bool force, string optionName)
    {
        string full = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder))
            throw new UserErrorException($"{optionName}: the folder {Path.GetDirectoryName(path)} does not exist.");
        if (Directory.Exists(full))
            throw new UserErrorException($"{optionName}: {path} is a folder; name a file.");
        if (File.Exists(full) && !force)
            throw new UserErrorException($"{optionName}: {path} already exists; pass --force to overwrite it.");
        return full;
    }

    /// <summary>Writes the file through <paramref name="write"/> into a temporary file, then moves it into place.</summary>
    public static void WriteFile(string fullPath, Action<Stream> write)
    {
        string partial = TemporaryBeside(fullPath);
        try
        {
            using (FileStream stream = File.Create(partial))
                write(stream);
            File.Move(partial, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(partial))
                File.Delete(partial);
        }
    }

    /// <summary>Checks that a folder to create has an existing parent and may be (re)placed.</summary>
    public static string CheckFolder(string path, bool force, string optionName)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        string? parent = Path.GetDirectoryName(full);
        if (parent is null || !Directory.Exists(parent))
            throw new UserErrorException($"{optionName}: the folder that would hold {path} does not exist.");
        if (File.Exists(full))
            throw new UserErrorException($"{optionName}: {path} is a file, expected a folder");
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any() && !force)
            throw new UserErrorException($"{optionName}: {path} already exists and is not empty (use --force to overwrite it)");
        return full;
    }

    /// <summary>
    /// Fills a temporary folder beside <paramref name="fullPath"/> and then swaps it in, so a failure
    /// halfway leaves the previous folder (if any) untouched.
    /// </summary>
    public static void WriteFolder(string fullPath, Action<string> fill)
    {
        string partial = TemporaryBeside(fullPath);
        string previous = TemporaryBeside(fullPath);
        try
        {
            Directory.CreateDirectory(partial);
            fill(partial);
            bool replacing = Directory.Exists(fullPath);
            if (replacing)
                Directory.Move(fullPath, previous);
            Directory.Move(partial, fullPath);
            if (replacing)
                Directory.Delete(previous, recursive: true);
        }
        finally
        {
            if (Directory.Exists(partial))
                Directory.Delete(partial, recursive: true);
        }
    }

    private static string TemporaryBeside(string fullPath)
        => Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.partial");
}
