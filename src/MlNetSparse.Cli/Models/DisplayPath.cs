namespace MlNetSparse.Cli.Models;

/// <summary>How a file the tool wrote is named to the user: from the current folder when it is below it, so the line can be pasted into the next command; in full otherwise.</summary>
internal static class DisplayPath
{
    /// <summary>"artifacts/model.zip" below the current folder; the full path anywhere else.</summary>
    public static string Of(string path)
    {
        string full = Path.GetFullPath(path);
        string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), full);
        return relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
    }
}
