namespace MlNetSparse.Tests.Cli;

/// <summary>
/// `--output .` (or a folder above the current one) is refused before anything is read or written:
/// replacing it would delete the user's working folder. Run from a scratch folder of a user's files.
/// </summary>
[Collection(CurrentFolderCollection.Name)]
public sealed class CurrentFolderOutputTests : IDisposable
{
    private readonly string _previous = Directory.GetCurrentDirectory();
    private readonly string _folder = InspectTestModels.NewFolder();

    public CurrentFolderOutputTests()
    {
        File.Copy(InspectTestModels.Iris, Path.Combine(_folder, "model.zip"));
        File.WriteAllText(Path.Combine(_folder, "notes.txt"), "mine");
        Directory.CreateDirectory(Path.Combine(_folder, "work"));
        Directory.SetCurrentDirectory(_folder);
    }

    public void Dispose() => Directory.SetCurrentDirectory(_previous);

    [Theory]
    [InlineData("codegen model.zip --output . --force", "error: --output: . is the current folder; write the project to a new folder.")]
    [InlineData("codegen model.zip --output ./ --force", "error: --output: ./ is the current folder; write the project to a new folder.")]
    [InlineData("experiment --out . --force", "error: --out: . is the current folder; write the study to a new folder.")]
    public void TheCurrentFolder_IsRefused_AndKeptWhole(string command, string expected)
    {
        Assert.Equal(expected, InspectTestModels.AssertUserError(InspectTestModels.Run(command.Split(' '))));

        Assert.Equal(["model.zip", "notes.txt", "work"], Directory.GetFileSystemEntries(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(_folder, "notes.txt")));
    }

    [Theory]
    [InlineData("codegen ../model.zip --output .. --force", "error: --output: .. holds the current folder; write the project to a new folder.")]
    [InlineData("experiment --out .. --force", "error: --out: .. holds the current folder; write the study to a new folder.")]
    public void AFolderAboveTheCurrentOne_IsRefused(string command, string expected)
    {
        Directory.SetCurrentDirectory(Path.Combine(_folder, "work"));

        Assert.Equal(expected, InspectTestModels.AssertUserError(InspectTestModels.Run(command.Split(' '))));
        Assert.True(File.Exists(Path.Combine(_folder, "notes.txt")));
    }
}

/// <summary>Tests that change the process's current folder, run while no other test runs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CurrentFolderCollection
{
    public const string Name = "Current folder changes";
}
