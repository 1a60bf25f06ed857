namespace MlNetSparse.Cli.Models;

/// <summary>
/// The rules every output of the tool shares (<see cref="OutputFile"/>, <see cref="OutputFolder"/>):
/// its folder is found writable before any work starts, it is written beside the target first and
/// moved into place so a failed run leaves the old output whole, and a failure names the user's path
/// and the operating system's reason, never the temporary file.
/// </summary>
internal static class OutputTarget
{
    /// <summary>A hidden name beside <paramref name="fullPath"/> for writing it first; it keeps the extension, as some writers (PNG) choose the format by it.</summary>
    public static string TemporaryBeside(string fullPath) => Path.Combine(Path.GetDirectoryName(fullPath)!,
        $".{Path.GetFileNameWithoutExtension(fullPath)}.{Guid.NewGuid():N}.partial{Path.GetExtension(fullPath)}");

    /// <summary>Creates and removes a file beside <paramref name="fullPath"/>: what cannot be written fails here, before any training.</summary>
    /// <param name="fullPath">The output's full path.</param>
    /// <param name="path">The output as the user named it.</param>
    /// <param name="option">The option that named it.</param>
    public static void CheckWritable(string fullPath, string path, string option)
    {
        try
        {
            using (new FileStream(TemporaryBeside(fullPath), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw CannotWrite(option, path, error);
        }
    }

    /// <summary>
    /// Whether <paramref name="error"/> is a failure to write one of <paramref name="paths"/> (the
    /// temporary copy, the target): .NET names the path in every file-system error, and an error while
    /// reading an input names the input instead, so it is left as it is.
    /// </summary>
    public static bool IsWriteFailure(Exception error, params string[] paths) =>
        error is IOException or UnauthorizedAccessException && paths.Any(path => error.Message.Contains(path, StringComparison.Ordinal));

    /// <summary>"--output: cannot write /proc/o.zip (permission denied)".</summary>
    public static UserErrorException CannotWrite(string option, string path, Exception cause) => new($"{option}: cannot write {path} ({Reason(cause)}).");

    private static string Reason(Exception cause) => cause switch
    {
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException => "its folder no longer exists",
        // ENOENT for a new file in a folder that exists: a virtual file system such as /proc.
        FileNotFoundException => "the folder does not accept new files",
        PathTooLongException => "the name is too long",
        // .NET words the other errors "<the operating system's message> : '<path>'": keep the first part.
        _ => LowerFirst(cause.Message.Split(" : '", 2)[0].TrimEnd('.')),
    };

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
