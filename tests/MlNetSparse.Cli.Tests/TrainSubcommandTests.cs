using System.Text.Json;
using System.Text.RegularExpressions;
using MlNetSparse.Cli.Commands;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Cli;

/// <summary>
/// `train iht` and `train cnn`, each with only its own options, and the form before them that scripts use
/// (`train`, `train --trainer iht|cnn`): the same run, the same report.
/// </summary>
public class TrainSubcommandTests
{
    private static readonly string Iris = BundledData.PathOf("iris.csv");

    // The --json report less what differs by run: the zip's path and the epochs' times.
    private static string Report(params string[] args)
    {
        string zip = Path.Combine(InspectTestModels.NewFolder(), "m.zip");
        (int code, string stdout, string stderr) = InspectTestModels.Run([.. args, "--output", zip, "--json"]);
        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(zip));
        return Regex.Replace(stdout.Replace(JsonSerializer.Serialize(zip), "\"zip\"", StringComparison.Ordinal), "\"seconds\": [^,\n]+", "\"seconds\"");
    }

    [Fact]
    public void TrainIht_IsTrainAlone_AndTrainWithTrainerIht()
    {
        string[] options = ["--data", Iris, "--label", "Species", "--sparsity", "5", "--max-iterations", "200"];
        string subcommand = Report(["train", "iht", .. options]);

        Assert.Contains("\"support\"", subcommand);
        Assert.Equal(subcommand, Report(["train", .. options]));
        Assert.Equal(subcommand, Report(["train", "--trainer", "iht", .. options]));
    }

    [Fact]
    public void TrainCnn_IsTrainWithTrainerCnn_InEitherSpelling()
    {
        string folder = InspectTestModels.NewFolder(), data = Path.Combine(folder, "digits300.csv");
        File.WriteAllLines(data, File.ReadLines(BundledData.PathOf("digits.csv")).Take(301));
        string[] options = ["--data", data, "--label", "Digit", "--epochs", "1", "--sparsification", "l1"];
        string subcommand = Report(["train", "cnn", .. options]);

        Assert.Contains("\"layers\"", subcommand);
        Assert.Equal(subcommand, Report(["train", "--trainer", "cnn", .. options]));
        Assert.Equal(subcommand, Report(["train", .. options[..2], "--trainer=CNN", .. options[2..]]));
    }

    [Theory]
    [InlineData("train iht --epochs 3", "--epochs applies to mlnet-sparse train cnn only.")]
    [InlineData("train cnn --sparsity 5", "--sparsity applies to mlnet-sparse train iht only.")]
    [InlineData("train cnn --sparsification l3", "--sparsification must be none, l0, l1 or tl1; got 'l3'. (see mlnet-sparse train cnn --help)")]
    [InlineData("train iht --task ranking", "--task must be binary, multiclass or regression; got 'ranking'. (see mlnet-sparse train iht --help)")]
    [InlineData("train --trainer=forest", "--trainer must be iht or cnn; got 'forest'.")]
    [InlineData("train --separator ab", "--separator must be one character (, ; |) or tab; got 'ab'.")]
    public void ATrainersOptionsAreItsOwn_AndTypedValuesFailInOneLine(string command, string message)
    {
        string error = InspectTestModels.AssertUserError(InspectTestModels.Run(
            [.. command.Split(' '), "--data", Iris, "--label", "Species", "--output", Path.Combine(InspectTestModels.NewFolder(), "m.zip")]));
        Assert.Contains(message, error);
    }

    [Fact]
    public void TrainsHelp_ListsTheTrainersAndTheFormForScripts()
    {
        (int code, string stdout, string stderr) = InspectTestModels.Run("train", "--help");

        Assert.True(code == 0, stderr);
        Assert.Matches(@"\n\s+iht\s", stdout);
        Assert.Matches(@"\n\s+cnn\s", stdout);
        Assert.Contains("--trainer", stdout);
        Assert.DoesNotContain("--epochs", stdout);   // cnn's: in train cnn --help only
        (code, stdout, stderr) = InspectTestModels.Run("train", "cnn", "--help");
        Assert.True(code == 0, stderr);
        Assert.Contains("--epochs", stdout);
        Assert.DoesNotContain("--sparsity ", stdout);
    }

    [Theory]
    [InlineData(new[] { "train", "--data", "d.csv", "--trainer", "cnn", "--epochs", "2" }, new[] { "train", "cnn", "--data", "d.csv", "--epochs", "2" }, true)]
    [InlineData(new[] { "train", "--trainer:iht" }, new[] { "train", "iht" }, true)]
    [InlineData(new[] { "train", "cnn", "--trainer", "cnn" }, new[] { "train", "cnn", "--trainer", "cnn" }, false)]   // a subcommand named already
    [InlineData(new[] { "train", "--trainer", "tree" }, new[] { "train", "--trainer", "tree" }, false)]   // the parser names the bad value
    [InlineData(new[] { "predict", "--trainer", "cnn" }, new[] { "predict", "--trainer", "cnn" }, false)]
    public void TheTrainerFlag_BecomesTheSubcommand(string[] args, string[] expected, bool used)
    {
        Assert.Equal(expected, TrainerFlag.Rewrite(args, out bool rewritten));
        Assert.Equal(used, rewritten);
    }
}
