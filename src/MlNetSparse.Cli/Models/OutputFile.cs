namespace MlNetSparse.Cli.Models;

/// <summary>
/// A file a command writes (the model zip, the predictions, a plot), checked before any work starts:
/// its folder exists and takes new files, it is none of the command's inputs, and it replaces an
/// existing file only when forced. <see cref="Write"/> checks again, writes beside and moves into place.
/// </summary>
internal sealed class OutputFile
{
    private readonly bool _force;
    private readonly string _elsewhere;
    private readonly IReadOnlyCollection<ProtectedFile> _protected;

    private OutputFile(string path, string fullPath, string option, bool force, string elsewhere, IReadOnlyCollection<ProtectedFile> protectedFiles)
    {
        UserPath = path;
        FullPath = fullPath;
        Option = option;
        _force = force;
        _elsewhere = elsewhere;
        _protected = protectedFiles;
    }

    /// <summary>The file as the user named it: what every message says.</summary>
    public string UserPath { get; }

    /// <summary>The file's full path.</summary>
    public string FullPath { get; }

    /// <summary>The option that named it.</summary>
    public string Option { get; }

    /// <summary>Checks <paramref name="path"/> as an output; user errors throw <see cref="UserErrorException"/>.</summary>
    /// <param name="path">The file as the user named it.</param>
    /// <param name="force">Whether an existing file may be replaced.</param>
    /// <param name="option">The option that named it.</param>
    /// <param name="elsewhere">The remedy when it is one of <paramref name="protectedFiles"/>: "write the predictions to another file".</param>
    /// <param name="protectedFiles">The inputs (and other outputs) it must not be.</param>
    public static OutputFile Check(string path, bool force, string option, string elsewhere, IReadOnlyCollection<ProtectedFile> protectedFiles)
    {
        string full = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder))
            throw new UserErrorException($"{option}: the folder {Path.GetDirectoryName(path)} does not exist.");
        if (Directory.Exists(full))
            throw new UserErrorException($"{option}: {path} is a folder; name a file.");
        if (protectedFiles.FirstOrDefault(file => RealPath.Same(full, file.Path)) is { } input)
            throw new UserErrorException($"{option}: {path} is the {input.Role}; {elsewhere}.");
        if (File.Exists(full) && !force)
            throw new UserErrorException($"{option}: {path} already exists; pass --force to overwrite it.");
        OutputTarget.CheckWritable(full, path, option);
        return new OutputFile(path, full, option, force, elsewhere, protectedFiles);
    }

    /// <summary>Writes the file through a stream on a temporary file beside it, then moves it into place.</summary>
    public void Write(Action<Stream> write) => WriteByPath(temporary =>
    {
        using FileStream stream = File.Create(temporary);
        write(stream);
    });

    /// <summary>Writes the file through <paramref name="writeTo"/>, given a temporary path beside it with the same extension, then moves it into place.</summary>
    public void WriteByPath(Action<string> writeTo)
    {
        // Checked again: the file may have appeared during the run.
        Check(UserPath, _force, Option, _elsewhere, _protected);
        string temporary = OutputTarget.TemporaryBeside(FullPath);
        try
        {
            writeTo(temporary);
            File.Move(temporary, FullPath, overwrite: true);
        }
        catch (Exception error) when (OutputTarget.IsWriteFailure(error, temporary, FullPath))
        {
            throw OutputTarget.CannotWrite(Option, UserPath, error);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }
}
