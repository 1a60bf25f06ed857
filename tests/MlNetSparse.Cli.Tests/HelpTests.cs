namespace MlNetSparse.Tests.Cli;

/// <summary>`--help` on the tool and its commands: exit 0, one line per command in the list, and the experiment's own options.</summary>
public class HelpTests
{
    [Fact]
    public void TheCommandList_GivesEachCommandOneLine()
    {
        (int code, string stdout, string stderr) = InspectTestModels.Run("--help");

        Assert.True(code == 0, stderr);
        string[] lines = stdout.Split('\n');
        int commands = Array.FindIndex(lines, l => l.StartsWith("Commands:", StringComparison.Ordinal));
        string[] listed = [.. lines.Skip(commands + 1).TakeWhile(l => l.Trim().Length > 0)];
        Assert.Equal(["train", "predict", "inspect", "codegen", "experiment"], listed.Select(l => l.Trim().Split(' ')[0]));
    }

    [Fact]
    public void ACommandsHelp_IgnoresItsRequiredOptions()
    {
        (int code, string stdout, string stderr) = InspectTestModels.Run("train", "--help");

        Assert.True(code == 0, stderr);
        Assert.Contains("--sparsity", stdout);
        Assert.Empty(stderr);
    }

    [Fact]
    public void ExperimentsHelp_ListsTheStudyOptionsAndItsOwn_WithoutAdditionalArguments()
    {
        (int code, string stdout, string stderr) = InspectTestModels.Run("experiment", "--help");

        Assert.True(code == 0, stderr);
        foreach (string option in new[] { "--data", "--runs", "--levels", "--escape-runs", "--force", "--json" })
            Assert.Contains($"  {option} ", stdout);
        Assert.DoesNotContain("Additional Arguments", stdout);
    }
}
