using System.Text.Json;

namespace MlNetSparse.Cli.Models;

/// <summary>
/// The hidden file by which the tool knows a folder as its own output: the command that wrote it,
/// the files it wrote and the folders a build of them makes (codegen's bin and obj). <c>--force</c>
/// replaces such a folder only while it holds nothing else, so a file the user put there is never
/// deleted with it.
/// </summary>
/// <param name="Command">The command that wrote the folder: "codegen", "experiment".</param>
/// <param name="Files">The files it wrote, relative to the folder, '/'-separated.</param>
/// <param name="BuildFolders">Folders of the output whose content a build of it regenerates.</param>
internal sealed record OutputManifest(string Command, IReadOnlyList<string> Files, IReadOnlyList<string> BuildFolders)
{
    /// <summary>The manifest's name in the folder.</summary>
    public const string FileName = ".mlnet-sparse.json";

    private const string Tool = "mlnet-sparse ";

    // Hidden files too: .NET skips them by default, and a user's .git or .env is exactly what must not be missed.
    private static readonly EnumerationOptions EveryEntry = new() { AttributesToSkip = 0 };

    private static readonly EnumerationOptions EveryFileBelow = new() { AttributesToSkip = 0, RecurseSubdirectories = true };

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    /// <summary>The manifest of what <paramref name="command"/> has just written into <paramref name="folder"/>.</summary>
    public static OutputManifest Listing(string folder, string command, IReadOnlyList<string> buildFolders) => new(command,
        [.. Directory.EnumerateFiles(folder, "*", EveryFileBelow)
            .Select(file => Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/')).Order(StringComparer.Ordinal)],
        buildFolders);

    /// <summary>Writes the manifest into <paramref name="folder"/>.</summary>
    public void WriteInto(string folder) => File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(
        new Stored($"{Tool}{Command}", $"{Tool}{Command} --force replaces this folder only while it holds nothing but these files (and the build folders).",
            Files, BuildFolders), Json));

    /// <summary>The manifest in <paramref name="folder"/>; null when there is none or it is not one the tool wrote.</summary>
    public static OutputManifest? Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            return null;
        try
        {
            Stored? stored = JsonSerializer.Deserialize<Stored>(File.ReadAllText(path), Json);
            return stored is { WrittenBy: { } by, Files: { } files } && by.StartsWith(Tool, StringComparison.Ordinal)
                ? new OutputManifest(by[Tool.Length..], files, stored.BuildFolders ?? [])
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// What in <paramref name="folder"/> the manifest (null: none) does not account for, sorted: a file
    /// as "notes.txt", a folder none of whose content was written as "data/" (its content not listed).
    /// </summary>
    public static IReadOnlyList<string> Foreign(string folder, OutputManifest? manifest)
    {
        var written = new HashSet<string>(manifest?.Files ?? [], StringComparer.Ordinal);
        var holdingWritten = new HashSet<string>(written.SelectMany(Ancestors), StringComparer.Ordinal);
        var foreign = new List<string>();
        Walk(folder, "");
        return foreign;

        void Walk(string current, string prefix)
        {
            foreach (FileSystemInfo entry in new DirectoryInfo(current).EnumerateFileSystemInfos("*", EveryEntry).OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                string relative = prefix + entry.Name;
                // A link is an entry of its own, never followed: deleting the folder removes the link, not its target.
                bool isFolder = entry is DirectoryInfo && entry.LinkTarget is null;
                if (manifest is not null && relative == FileName)
                    continue;
                if (isFolder && manifest is not null && manifest.BuildFolders.Contains(relative))
                    continue;
                if (isFolder && holdingWritten.Contains(relative))
                    Walk(entry.FullName, relative + "/");
                else if (isFolder || !written.Contains(relative))
                    foreign.Add(isFolder ? relative + "/" : relative);
            }
        }
    }

    // "a/b/c.txt" → "a", "a/b".
    private static IEnumerable<string> Ancestors(string file)
    {
        for (int slash = file.IndexOf('/'); slash >= 0; slash = file.IndexOf('/', slash + 1))
            yield return file[..slash];
    }

    // The file's JSON: who wrote it, a sentence for the user who opens it, and the lists.
    private sealed record Stored(string? WrittenBy, string? About, IReadOnlyList<string>? Files, IReadOnlyList<string>? BuildFolders);
}
