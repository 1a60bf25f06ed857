using System.Globalization;
using System.Text.Json;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Cli;

/// <summary>
/// What `train` tells beyond the metrics: the trainer's warnings about the model in the zip (in the
/// tool's option names), the distance to the dense optimum, and --loss-tolerance.
/// </summary>
public class TrainWarningsTests
{
    private static readonly string Iris = BundledData.PathOf("iris.csv");

    private static JsonElement TrainJson(params string[] options)
    {
        string zip = Path.Combine(InspectTestModels.NewFolder(), "iris.zip");
        (int code, string stdout, string stderr) = InspectTestModels.Run(["train", "--data", Iris, "--label", "Species", "--output", zip, "--json", .. options]);
        Assert.True(code == 0, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        return json.RootElement.Clone();
    }

    [Fact]
    public void AnUnconvergedModel_IsWarnedOf_WithTheToolsOptionNames_InTextAndJson()
    {
        string zip = Path.Combine(InspectTestModels.NewFolder(), "iris.zip");
        (int code, string stdout, string stderr) = InspectTestModels.Run("train", "--data", Iris, "--label", "Species", "--sparsity", "3", "--max-iterations", "1000", "--polish", "false", "--output", zip);
        Assert.True(code == 0, stderr);
        Assert.Contains("warning: IHT did not converge within 1000 iterations", stdout);
        Assert.Contains("Increase --max-iterations", stdout);
        Assert.DoesNotContain("MaximumNumberOfIterations", stdout);
        Assert.DoesNotContain("tandardize the features", stdout);   // train standardizes them itself

        JsonElement root = TrainJson("--sparsity", "3", "--max-iterations", "1000", "--polish", "false");
        string[] warnings = [.. root.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!)];
        Assert.Contains(warnings, w => w.StartsWith("IHT did not converge within 1000 iterations", StringComparison.Ordinal));
    }

    [Fact]
    public void WithFolds_OnlyTheShippedModelsWarningsRemain()
    {
        // IHT alone: a polished model that reached a fixed point is not warned of.
        JsonElement root = TrainJson("--sparsity", "3", "--folds", "3", "--max-iterations", "1000", "--polish", "false");

        string[] warnings = [.. root.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!)];
        // One non-convergence warning, and its loss is the final model's, not a fold's.
        string converge = Assert.Single(warnings, w => w.StartsWith("IHT did not converge", StringComparison.Ordinal));
        double finalLoss = root.GetProperty("training").GetProperty("finalLoss").GetDouble();
        Assert.Contains($"(loss {finalLoss.ToString("G6", CultureInfo.InvariantCulture)})", converge);
    }

    [Fact]
    public void TheDenseOptimum_IsNotTrainedByDefault_AndLossTolerance_StopsAtTheLoss()
    {
        // IHT alone: the polish would go on below the tolerance, to the optimum on the support.
        JsonElement root = TrainJson("--sparsity", "3", "--loss-tolerance", "0.2", "--polish", "false");

        JsonElement training = root.GetProperty("training");
        Assert.Equal("LossToleranceReached", training.GetProperty("stopReason").GetString());
        double finalLoss = training.GetProperty("finalLoss").GetDouble();
        Assert.InRange(finalLoss, 0.15, 0.2);
        // The library's default: the dense reference only on request (CompareWithDenseOptimum), which the tool does not make.
        Assert.Equal(JsonValueKind.Null, root.GetProperty("denseOptimum").ValueKind);
    }

    [Theory]
    [InlineData("--loss-tolerance -1", "--loss-tolerance: must be a finite number ≥ 0 (stop once the training loss is at most this; 0 disables); got -1.")]
    [InlineData("--trainer cnn --loss-tolerance 0.1", "--loss-tolerance applies to --trainer iht only.")]
    public void BadLossTolerance_IsAOneLineUserError(string options, string message)
    {
        string error = InspectTestModels.AssertUserError(InspectTestModels.Run(
            ["train", "--data", Iris, "--label", "Species", "--output", Path.Combine(InspectTestModels.NewFolder(), "m.zip"), .. options.Split(' ')]));
        Assert.Contains(message, error);
    }
}
