namespace MlNetSparse.Cli.Models;

/// <summary>
/// A folder a command creates (codegen's project, experiment's study), checked before any work starts.
/// It may be new, empty, or one this command wrote before (<see cref="OutputManifest"/>) that holds
/// nothing else, which only <c>--force</c> replaces. It is never the current folder or one above it,
/// and never holds an input. <see cref="Write"/> fills a folder beside it and swaps it in.
/// </summary>
internal sealed class OutputFolder
{
    private const int NamesShown = 4;

    private readonly bool _force;
    private readonly string _command;
    private readonly string _what;
    private readonly IReadOnlyList<string> _buildFolders;
    private readonly IReadOnlyCollection<ProtectedFile> _protected;

    // Where the folder really is: the swap replaces a linked folder's target and leaves the link.
    private readonly string _real;

    private OutputFolder(string path, string real, string option, bool force, string command, string what, IReadOnlyList<string> buildFolders,
        IReadOnlyCollection<ProtectedFile> protectedFiles)
    {
        UserPath = path;
        _real = real;
        Option = option;
        _force = force;
        _command = command;
        _what = what;
        _buildFolders = buildFolders;
        _protected = protectedFiles;
    }

    /// <summary>The folder as the user named it: what every message says.</summary>
    public string UserPath { get; }

    /// <summary>The folder's full path, as the user named it.</summary>
    public string FullPath => Path.TrimEndingDirectorySeparator(Path.GetFullPath(UserPath));

    /// <summary>The option that named it.</summary>
    public string Option { get; }

    /// <summary>The folder's own name as the user gave it (a link keeps its name, though its target is written).</summary>
    public string Name => Path.GetFileName(FullPath);

    /// <summary>Checks <paramref name="path"/> as an output folder; user errors throw <see cref="UserErrorException"/>.</summary>
    /// <param name="path">The folder as the user named it.</param>
    /// <param name="force">Whether a folder this command wrote before may be replaced.</param>
    /// <param name="option">The option that named it.</param>
    /// <param name="command">The command writing it, recorded in its manifest.</param>
    /// <param name="what">What goes into it, for the remedies: "the project" → "write the project to a new folder".</param>
    /// <param name="protectedFiles">The inputs it must not hold.</param>
    /// <param name="buildFolders">Folders a build of the output makes inside it, which --force may replace too.</param>
    public static OutputFolder Check(string path, bool force, string option, string command, string what, IReadOnlyCollection<ProtectedFile> protectedFiles,
        IReadOnlyList<string>? buildFolders = null)
    {
        string real = RealPath.Of(path);
        string? parent = Path.GetDirectoryName(real);
        string current = RealPath.Of(Directory.GetCurrentDirectory());
        if (real == current)
            throw new UserErrorException($"{option}: {path} is the current folder; write {what} to a new folder.");
        if (RealPath.Within(current, real))
            throw new UserErrorException($"{option}: {path} holds the current folder; write {what} to a new folder.");
        if (parent is null)
            throw new UserErrorException($"{option}: {path} is the root of a drive; write {what} to a new folder.");
        if (!Directory.Exists(parent))
            throw new UserErrorException($"{option}: the folder that would hold {path} does not exist.");
        if (File.Exists(real))
            throw new UserErrorException($"{option}: {path} is a file; name a folder.");
        if (protectedFiles.FirstOrDefault(file => RealPath.Within(file.Path, real)) is { } input)
            throw new UserErrorException($"{option}: {path} holds the {input.Role} {input.Path}; write {what} to a new folder.");
        if (Directory.Exists(real))
            CheckReplaceable(real, path, force, option, command);
        OutputTarget.CheckWritable(real, path, option);
        return new OutputFolder(path, real, option, force, command, what, buildFolders ?? [], protectedFiles);
    }

    // An existing folder: empty, or this command's own output and nothing else, and then only with --force.
    private static void CheckReplaceable(string full, string path, bool force, string option, string command)
    {
        OutputManifest? manifest = OutputManifest.Read(full);
        IReadOnlyList<string> foreign = OutputManifest.Foreign(full, manifest);
        if (foreign.Count > 0)
        {
            string names = string.Join(", ", foreign.Take(NamesShown)) + (foreign.Count > NamesShown ? $" and {foreign.Count - NamesShown} more" : "");
            throw new UserErrorException($"{option}: {path} holds files mlnet-sparse did not write ({names}); choose an empty or new folder.");
        }
        if (manifest is not null && manifest.Command != command)
            throw new UserErrorException($"{option}: {path} holds the output of mlnet-sparse {manifest.Command}; choose an empty or new folder.");
        if (manifest is not null && !force)
            throw new UserErrorException($"{option}: {path} already exists; pass --force to replace it.");
    }

    /// <summary>
    /// Fills a temporary folder beside the target through <paramref name="fill"/>, records what it wrote,
    /// checks the target again (a long run gives the user time to put a file there) and swaps it in:
    /// a failure at any point leaves the previous folder, if any, as it was and no temporary folder.
    /// </summary>
    public void Write(Action<string> fill)
    {
        string temporary = OutputTarget.TemporaryBeside(_real);
        string previous = OutputTarget.TemporaryBeside(_real);
        try
        {
            Directory.CreateDirectory(temporary);
            fill(temporary);
            OutputManifest.Listing(temporary, _command, _buildFolders).WriteInto(temporary);
            Check(UserPath, _force, Option, _command, _what, _protected, _buildFolders);
            bool replacing = Directory.Exists(_real);
            if (replacing)
                Directory.Move(_real, previous);
            try
            {
                Directory.Move(temporary, _real);
            }
            catch
            {
                if (replacing)
                    Directory.Move(previous, _real);
                throw;
            }
            if (replacing)
                RemoveReplaced(previous);
        }
        catch (Exception error) when (OutputTarget.IsWriteFailure(error, temporary, previous, _real))
        {
            throw OutputTarget.CannotWrite(Option, UserPath, error);
        }
        finally
        {
            if (Directory.Exists(temporary))
                Directory.Delete(temporary, recursive: true);
        }
    }

    // The new output is in place: a file of the old one that cannot be deleted (a read-only file on
    // Windows, a file another program holds open) is left in the hidden folder rather than failing the run.
    private static void RemoveReplaced(string previous)
    {
        try
        {
            Directory.Delete(previous, recursive: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
        }
    }
}
