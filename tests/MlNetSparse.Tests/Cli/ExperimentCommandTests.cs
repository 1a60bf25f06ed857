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
    public void ExistingFolder_IsKept_UnlessForced()
    {
        string folder = InspectTestModels.NewFolder();
        string kept = Path.Combine(folder, "notes.txt");
        File.WriteAllText(kept, "mine");
        string error = InspectTestModels.AssertUserError(InspectTestModels.Run([.. SmallStudy, "--escape-runs", "0", "--out", folder]));
        Assert.Contains("--force", error);
        Assert.True(File.Exists(kept));

        (int code, _, string stderr) = InspectTestModels.Run([.. SmallStudy, "--escape-runs", "0", "--out", folder, "--force"]);
        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(Path.Combine(folder, "runs.csv")));
    }

    [Theory]
    [InlineData("--runs many", "--runs must be an integer; got 'many'.")]
    [InlineData("--label Specie", "Did you mean 'Species'?")]
    [InlineData("--data missing.csv", "No dataset file at 'missing.csv'.")]
    [InlineData("--levels 0-3", "Levels must be in [1, 14]")]
    [InlineData("--out no-such-folder/study", "does not exist")]
    public void BadArguments_AreOneLineUserErrors(string arguments, string message)
    {
        string error = InspectTestModels.AssertUserError(InspectTestModels.Run(["experiment", .. arguments.Split(' ')]));
        Assert.Contains(message, error);
    }
}
