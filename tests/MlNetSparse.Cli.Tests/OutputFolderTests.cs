using MlNetSparse.Cli;
using MlNetSparse.Cli.Models;

namespace MlNetSparse.Tests.Cli;

/// <summary>
/// An output folder (codegen's project, experiment's study): --force replaces only a folder the same
/// command wrote that holds nothing else; the swap keeps the previous folder whole when anything fails.
/// </summary>
public class OutputFolderTests
{
    private const string Command = "codegen";

    private static OutputFolder Check(string path, bool force = false, params ProtectedFile[] inputs) =>
        OutputFolder.Check(path, force, "--output", Command, "the project", inputs, ["bin"]);

    private static string Written(string parent, string name = "Project")
    {
        string folder = Path.Combine(parent, name);
        Check(folder).Write(partial =>
        {
            File.WriteAllText(Path.Combine(partial, "Program.cs"), "first");
            Directory.CreateDirectory(Path.Combine(partial, "Properties"));
            File.WriteAllText(Path.Combine(partial, "Properties", "launch.json"), "{}");
        });
        return folder;
    }

    [Fact]
    public void TheManifest_ListsWhatWasWritten_AndItsCommand()
    {
        string folder = Written(InspectTestModels.NewFolder());

        OutputManifest manifest = OutputManifest.Read(folder)!;

        Assert.Equal(Command, manifest.Command);
        Assert.Equal(["Program.cs", "Properties/launch.json"], manifest.Files);
        Assert.Equal(["bin"], manifest.BuildFolders);
        Assert.Empty(OutputManifest.Foreign(folder, manifest));
    }

    [Fact]
    public void OwnFolder_IsReplacedOnlyWithForce_BuildFoldersIncluded()
    {
        string folder = Written(InspectTestModels.NewFolder());
        Directory.CreateDirectory(Path.Combine(folder, "bin", "Debug"));
        File.WriteAllText(Path.Combine(folder, "bin", "Debug", "Project.dll"), "built");

        Assert.Equal($"--output: {folder} already exists; pass --force to replace it.", Assert.Throws<UserErrorException>(() => Check(folder)).Message);
        Check(folder, force: true).Write(partial => File.WriteAllText(Path.Combine(partial, "Program.cs"), "second"));

        Assert.Equal("second", File.ReadAllText(Path.Combine(folder, "Program.cs")));
        Assert.False(Directory.Exists(Path.Combine(folder, "bin")));
        Assert.Equal([folder], Directory.GetFileSystemEntries(Path.GetDirectoryName(folder)!));
    }

    [Fact]
    public void WhatTheToolDidNotWrite_IsNamed_AndNeverReplaced_EvenWithForce()
    {
        string folder = Written(InspectTestModels.NewFolder());
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "mine");
        Directory.CreateDirectory(Path.Combine(folder, ".git"));
        File.WriteAllText(Path.Combine(folder, ".git", "config"), "mine");
        File.WriteAllText(Path.Combine(folder, "Properties", "extra.json"), "mine");

        var error = Assert.Throws<UserErrorException>(() => Check(folder, force: true));

        Assert.Equal($"--output: {folder} holds files mlnet-sparse did not write (.git/, Properties/extra.json, notes.txt); choose an empty or new folder.",
            error.Message);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(folder, "notes.txt")));
    }

    [Fact]
    public void AFolderWithoutAManifest_IsNeverReplaced_ItsNamesShortened()
    {
        string folder = InspectTestModels.NewFolder();
        foreach (string name in new[] { "a.csv", "b.csv", "c.csv", "d.csv", "e.csv", "f.csv" })
            File.WriteAllText(Path.Combine(folder, name), "mine");

        var error = Assert.Throws<UserErrorException>(() => Check(folder, force: true));

        Assert.Equal($"--output: {folder} holds files mlnet-sparse did not write (a.csv, b.csv, c.csv, d.csv and 2 more); choose an empty or new folder.",
            error.Message);
    }

    [Fact]
    public void AnEmptyFolder_IsFilled_WithoutForce()
    {
        string folder = InspectTestModels.NewFolder();

        Check(folder).Write(partial => File.WriteAllText(Path.Combine(partial, "Program.cs"), "new"));

        Assert.Equal("new", File.ReadAllText(Path.Combine(folder, "Program.cs")));
    }

    [Fact]
    public void AnotherCommandsFolder_IsNotReplaced()
    {
        string folder = Path.Combine(InspectTestModels.NewFolder(), "study");
        OutputFolder.Check(folder, false, "--out", "experiment", "the study", []).Write(partial => File.WriteAllText(Path.Combine(partial, "runs.csv"), "1"));

        var error = Assert.Throws<UserErrorException>(() => Check(folder, force: true));

        Assert.Equal($"--output: {folder} holds the output of mlnet-sparse experiment; choose an empty or new folder.", error.Message);
    }

    [Fact]
    public void AFolderHoldingAnInput_IsRefused()
    {
        string folder = InspectTestModels.NewFolder();
        string model = Path.Combine(folder, "models", "model.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(model)!);
        File.WriteAllText(model, "zip");

        var error = Assert.Throws<UserErrorException>(() => Check(folder, force: true, new ProtectedFile("model zip", model)));

        Assert.Equal($"--output: {folder} holds the model zip {model}; write the project to a new folder.", error.Message);
    }

    [Fact]
    public void AFailedFill_KeepsThePreviousFolder_AndLeavesNoTemporaryFolder()
    {
        string parent = InspectTestModels.NewFolder();
        string folder = Written(parent);

        Assert.Throws<InvalidOperationException>(() => Check(folder, force: true).Write(partial =>
        {
            File.WriteAllText(Path.Combine(partial, "Program.cs"), "half");
            throw new InvalidOperationException("the run failed");
        }));

        Assert.Equal("first", File.ReadAllText(Path.Combine(folder, "Program.cs")));
        Assert.Equal([folder], Directory.GetFileSystemEntries(parent));
    }

    [Fact]
    public void AFilePutThereDuringTheRun_StopsTheSwap_AndIsKept()
    {
        string parent = InspectTestModels.NewFolder();
        string folder = Written(parent);
        string notes = Path.Combine(folder, "notes.txt");

        var error = Assert.Throws<UserErrorException>(() => Check(folder, force: true).Write(partial =>
        {
            File.WriteAllText(Path.Combine(partial, "Program.cs"), "second");
            File.WriteAllText(notes, "written while the study ran");
        }));

        Assert.Contains("did not write (notes.txt)", error.Message);
        Assert.Equal("written while the study ran", File.ReadAllText(notes));
        Assert.Equal("first", File.ReadAllText(Path.Combine(folder, "Program.cs")));
        Assert.Equal([folder], Directory.GetFileSystemEntries(parent));
    }

    [Fact]
    public void AFailedWrite_NamesTheUsersFolder()
    {
        string folder = Path.Combine(InspectTestModels.NewFolder(), "Project");

        var error = Assert.Throws<UserErrorException>(() => Check(folder).Write(partial =>
            throw new IOException($"No space left on device : '{Path.Combine(partial, "model.zip")}'")));

        Assert.Equal($"--output: cannot write {folder} (no space left on device).", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(folder)!));
    }

    [OnLinuxFact]
    public void ALinkedFolder_IsReplacedWhereItPoints_AndTheLinkKept()
    {
        string parent = InspectTestModels.NewFolder();
        string target = Written(parent);
        string link = Path.Combine(parent, "Linked");
        Directory.CreateSymbolicLink(link, "Project");

        Check(link, force: true).Write(partial => File.WriteAllText(Path.Combine(partial, "Program.cs"), "second"));

        Assert.Equal("Project", new DirectoryInfo(link).LinkTarget);
        Assert.Equal("second", File.ReadAllText(Path.Combine(target, "Program.cs")));
    }

    [Fact]
    public void AManifestThatIsNotTheTools_MakesTheFolderForeign()
    {
        string folder = Written(InspectTestModels.NewFolder());
        File.WriteAllText(Path.Combine(folder, OutputManifest.FileName), "not json");

        var error = Assert.Throws<UserErrorException>(() => Check(folder, force: true));

        Assert.Contains($"did not write ({OutputManifest.FileName}, Program.cs, Properties/)", error.Message);
    }
}
