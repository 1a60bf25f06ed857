namespace MlNetSparse.Cli.Models;

/// <summary>
/// The name the file system itself gives a path, so that two spellings of one file compare equal: the
/// full path with symbolic links followed and each existing part spelled as stored (a case-insensitive
/// file system opens data.csv as Data.CSV). Parts that do not exist yet are kept as written, and so is
/// anything the file system will not tell (an unreadable folder, a loop of links).
/// </summary>
internal static class RealPath
{
    // A chain of links longer than Linux follows (SYMLOOP_MAX) is left unresolved rather than looped on.
    private const int MaximumLinks = 40;

    private static readonly EnumerationOptions EveryEntry = new() { AttributesToSkip = 0, IgnoreInaccessible = true };

    /// <summary>The real path of <paramref name="path"/>.</summary>
    public static string Of(string path)
    {
        string full = Path.GetFullPath(path);
        try
        {
            int linksLeft = MaximumLinks;
            return Resolve(full, ref linksLeft);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return full;
        }
    }

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> name the same file.</summary>
    public static bool Same(string a, string b) => string.Equals(Of(a), Of(b), StringComparison.Ordinal);

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies anywhere below it.</summary>
    public static bool Within(string path, string folder)
    {
        string inner = Of(path), outer = Of(folder);
        string prefix = Path.EndsInDirectorySeparator(outer) ? outer : outer + Path.DirectorySeparatorChar;
        return inner == outer || inner.StartsWith(prefix, StringComparison.Ordinal);
    }

    private static string Resolve(string full, ref int linksLeft)
    {
        string root = Path.GetPathRoot(full)!;
        string[] parts = full[root.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        string real = root;
        for (int i = 0; i < parts.Length; i++)
        {
            string next = Path.Combine(real, parts[i]);
            FileSystemInfo entry = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (entry.LinkTarget is { } target && linksLeft-- > 0)
                real = Resolve(Path.GetFullPath(target, real), ref linksLeft);   // a relative target is relative to the link's folder
            else if (entry.Exists)
                real = Path.Combine(real, StoredName(real, parts[i]));
            else
                return Path.Combine([real, .. parts[i..]]);
        }
        return real;
    }

    // On a case-sensitive file system an existing name is listed as written; on a case-insensitive
    // one the name opened may be listed in another case, as exactly one entry.
    private static string StoredName(string folder, string name)
    {
        string[] matches = [.. Directory.EnumerateFileSystemEntries(folder, "*", EveryEntry).Select(Path.GetFileName)
            .Where(stored => string.Equals(stored, name, StringComparison.OrdinalIgnoreCase)).Select(stored => stored!)];
        return matches.Contains(name, StringComparer.Ordinal) || matches.Length != 1 ? name : matches[0];
    }
}
