using MlNetSparse.Cli;
using MlNetSparse.Cli.Models;

namespace MlNetSparse.Tests.Cli;

/// <summary>
/// An output file (zip, predictions, plot): never one of the inputs, whatever its spelling; found
/// unwritable before any work; and a write that fails names the user's path and keeps the old file.
/// </summary>
public class OutputFileTests
{
    private const string Elsewhere = "write the predictions to another file";

    [Fact]
    public void AFailedWrite_NamesTheUsersPath_KeepsTheOldFile_AndLeavesNoTemporaryFile()
    {
        string folder = InspectTestModels.NewFolder();
        string path = Path.Combine(folder, "predictions.csv");
        File.WriteAllText(path, "old");
        OutputFile output = OutputFile.Check(path, force: true, "--output", Elsewhere, []);

        var error = Assert.Throws<UserErrorException>(() => output.Write(stream =>
        {
            stream.WriteByte(42);
            // What FileStream throws on a full disk, naming the file it writes: the temporary one.
            throw new IOException($"No space left on device : '{((FileStream)stream).Name}'");
        }));

        Assert.Equal($"--output: cannot write {path} (no space left on device).", error.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void AnErrorAboutAnotherFile_IsNotCalledAWriteFailure()
    {
        string folder = InspectTestModels.NewFolder();
        OutputFile output = OutputFile.Check(Path.Combine(folder, "p.csv"), force: false, "--output", Elsewhere, []);

        // Reading the rows while writing the predictions: the data file's error stays the data file's.
        var error = Assert.Throws<IOException>(() => output.Write(_ => throw new IOException("Could not find file '/elsewhere/rows.csv'.")));

        Assert.Contains("rows.csv", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void AnotherSpellingOfTheInput_IsTheInput()
    {
        string folder = InspectTestModels.NewFolder();
        string data = Path.Combine(folder, "rows.csv");
        File.WriteAllText(data, "a\n1\n");
        string spelled = Path.Combine(folder, "sub", "..", "rows.csv");
        Directory.CreateDirectory(Path.Combine(folder, "sub"));

        var error = Assert.Throws<UserErrorException>(() => OutputFile.Check(spelled, force: true, "--output", Elsewhere, [new ProtectedFile("--data file", data)]));

        Assert.Equal($"--output: {spelled} is the --data file; write the predictions to another file.", error.Message);
    }

    [OnLinuxFact]
    public void ALinkToTheInput_IsTheInput()
    {
        string folder = InspectTestModels.NewFolder();
        string data = Path.Combine(folder, "rows.csv");
        File.WriteAllText(data, "a\n1\n");
        string link = Path.Combine(folder, "predictions.csv");
        File.CreateSymbolicLink(link, "rows.csv");

        var error = Assert.Throws<UserErrorException>(() => OutputFile.Check(link, force: true, "--output", Elsewhere, [new ProtectedFile("--data file", data)]));

        Assert.Equal($"--output: {link} is the --data file; write the predictions to another file.", error.Message);
        Assert.Equal("a\n1\n", File.ReadAllText(data));
    }

    [OnLinuxFact]
    public void AFolderThatTakesNoFiles_FailsTheCheck_NamingThePathNotATemporaryFile()
    {
        string path = Path.Combine(OnLinuxFactAttribute.UnwritableFolder, "o.zip");

        var error = Assert.Throws<UserErrorException>(() => OutputFile.Check(path, force: false, "--output", Elsewhere, []));

        Assert.Equal("--output: cannot write /proc/o.zip (the folder does not accept new files).", error.Message);
    }
}
