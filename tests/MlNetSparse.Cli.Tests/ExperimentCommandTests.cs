using System.Text.Json;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Cli;

/// <summary>`mlnet-sparse experiment`: the IrisStudy protocol and outputs from the tool, and its safe output folder.</summary>
public class ExperimentCommandTests
{
    private static readonly string[] SmallStudy = ["experiment", "--runs", "2", "--levels", "1,7", "--max-steps", "100"];

    [Fact]
    public void SmallStudy_WritesTheCsvsAndFigures_AndPrintsTheMedians()
    {
        string folder = Path.Combine(InspectTestModels.NewFolder(), "study");
        (int code, string stdout, string stderr) = InspectTestModels.Run([.. SmallStudy, "--escape-runs", "20", "--out", folder]);
        Assert.True(code == 0, stderr);
        Assert.Contains("Medians per sparsity level", stdout);
        Assert.Contains("Escape (coupled)", stdout);
        foreach (string file in new[] { "runs.csv", "summary.csv", "summary.md", "learning-rate.png", "highlight-gradient.png", "escape-separable.png" })
            Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} was not written");
        // Two levels × two runs, under a header.
        Assert.Equal(1 + 4, File.ReadAllLines(Path.Combine(folder, "runs.csv")).Length);
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(folder)!, ".*partial*"));
    }

    [Fact]
    public void Json_GivesTheLevelSummaries_EqualToTheSummaryCsvsLevels()
    {
        string folder = Path.Combine(InspectTestModels.NewFolder(), "study");
        (int code, string stdout, string stderr) = InspectTestModels.Run(
            [.. SmallStudy, "--escape-runs", "0", "--no-dense", "--data", BundledData.PathOf("iris.csv"), "--out", folder, "--json"]);
        Assert.True(code == 0, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        int[] levels = [.. json.RootElement.GetProperty("levels").EnumerateArray().Select(l => l.GetProperty("level").GetInt32())];
        Assert.Equal([1, 7], levels);
        Assert.Equal(4, json.RootElement.GetProperty("sparseRuns").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("denseRuns").GetInt32());
        Assert.False(File.Exists(Path.Combine(folder, "escape-coupled.png")));
    }

    [Fact]
    public void AFolderOfTheUsers_IsKept_EvenWithForce()
    {
        string folder = InspectTestModels.NewFolder();
        string kept = Path.Combine(folder, "notes.txt");
        File.WriteAllText(kept, "mine");

        foreach (string[] force in new[] { Array.Empty<string>(), ["--force"] })
        {
            string error = InspectTestModels.AssertUserError(InspectTestModels.Run([.. SmallStudy, "--escape-runs", "0", "--out", folder, .. force]));
            Assert.Equal($"error: --out: {folder} holds files mlnet-sparse did not write (notes.txt); choose an empty or new folder.", error);
        }

        Assert.Equal([kept], Directory.GetFileSystemEntries(folder));
        Assert.Equal("mine", File.ReadAllText(kept));
    }

    [Fact]
    public void ItsOwnStudy_IsReplacedOnlyWithForce()
    {
        string folder = Path.Combine(InspectTestModels.NewFolder(), "study");
        string[] study = [.. SmallStudy, "--escape-runs", "0", "--no-dense", "--out", folder];
        Assert.Equal(0, InspectTestModels.Run(study).Code);

        string error = InspectTestModels.AssertUserError(InspectTestModels.Run(study));
        Assert.Equal($"error: --out: {folder} already exists; pass --force to replace it.", error);

        (int code, _, string stderr) = InspectTestModels.Run([.. study, "--force"]);
        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(Path.Combine(folder, "runs.csv")));
        Assert.Single(Directory.GetFileSystemEntries(Path.GetDirectoryName(folder)!));
    }

    [Fact]
    public void AFolderThatHoldsTheData_IsRefused_BeforeTheStudyRuns()
    {
        string folder = InspectTestModels.NewFolder();
        string data = Path.Combine(folder, "iris.csv");
        File.Copy(BundledData.PathOf("iris.csv"), data);

        string error = InspectTestModels.AssertUserError(InspectTestModels.Run([.. SmallStudy, "--data", data, "--out", folder, "--force"]));

        Assert.Equal($"error: --out: {folder} holds the --data file {data}; write the study to a new folder.", error);
        Assert.Equal(File.ReadAllText(BundledData.PathOf("iris.csv")), File.ReadAllText(data));
    }

    [OnLinuxFact]
    public void AnUnwritableLocation_IsNamed_BeforeTheDataIsRead()
    {
        string error = InspectTestModels.AssertUserError(InspectTestModels.Run([.. SmallStudy, "--data", "missing.csv", "--out", "/proc/study"]));

        Assert.Equal("error: --out: cannot write /proc/study (the folder does not accept new files).", error);
    }

    [Theory]
    [InlineData("--runs many", "--runs must be an integer; got 'many'.")]
    [InlineData("--label Specie", "Did you mean 'Species'?")]
    [InlineData("--data missing.csv", "data file missing.csv does not exist.")]   // the reader train and predict use
    [InlineData("--levels 0-3", "Levels must be in [1, 14]")]
    [InlineData("--out no-such-folder/study", "does not exist")]
    public void BadArguments_AreOneLineUserErrors(string arguments, string message)
    {
        string error = InspectTestModels.AssertUserError(InspectTestModels.Run(["experiment", .. arguments.Split(' ')]));
        Assert.Contains(message, error);
    }
}
