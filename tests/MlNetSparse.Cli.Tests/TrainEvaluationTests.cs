using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MlNetSparse.Cli.Commands;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Cli;

/// <summary>
/// How `train` reports its evaluation: the rows a test split really held out, a caveat when they are
/// too few, the units of LogLoss, and metrics that are not finite (why, and null in JSON).
/// </summary>
public partial class TrainEvaluationTests
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private static string WriteData(string name, IEnumerable<string> lines)
    {
        string path = Path.Combine(InspectTestModels.NewFolder(), name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static (int Code, string Out, string Error) Train(string data, params string[] options) =>
        InspectTestModels.Run(["train", "--data", data, "--output", Path.Combine(InspectTestModels.NewFolder(), "m.zip"), .. options]);

    // 32 rows of y ≈ x1: a regression small enough that a 20 % split holds out a handful.
    private static string SmallRegression() => WriteData("small.csv", ["x1,x2,x3,y", .. Enumerable.Range(0, 32).Select(i =>
        string.Create(C, $"{i % 8 - 3.5},{i * 5 % 7},{i * 3 % 11},{i % 8 - 3.5 + 0.1 * (i % 3)}"))]);

    [Fact]
    public void ASmallTestSplit_SaysHowManyRowsItHeldOut_AndWarnsThatItsMetricsAreNoise()
    {
        (int code, string text, string error) = Train(SmallRegression(), "--label", "y", "--sparsity", "2");
        Assert.True(code == 0, error);

        Match split = HeldOut().Match(text);
        Assert.True(split.Success, text);
        int test = int.Parse(split.Groups[1].Value, C), train = int.Parse(split.Groups[2].Value, C);
        Assert.Equal(32, test + train);
        Assert.InRange(test, 1, EvaluationWarnings.MinimumTestRows - 1);
        Assert.Contains($"warning: --test-fraction 0.2 of 32 rows holds out {test}: metrics on so few rows are noise " +
            $"(on {test} rows even an accuracy's 95 % margin of error is up to ±{(0.98 / Math.Sqrt(test)).ToString("0.00", C)}); --folds 5 tests every row once.", text);
    }

    [Fact]
    public void ALargeEnoughTestSplit_HasNoCaveat()
    {
        (int code, string text, string error) = Train(BundledData.PathOf("breast_cancer.csv"), "--label", "Diagnosis", "--sparsity", "6", "--json");
        Assert.True(code == 0, error);
        JsonElement root = JsonDocument.Parse(text).RootElement;
        Assert.Matches(HeldOut(), root.GetProperty("evaluation").GetString());
        Assert.DoesNotContain(root.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("--test-fraction", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0.999", "--test-fraction 0.999 of 32 rows leaves none to train on: use a smaller --test-fraction (the default is 0.2), or --folds 5.")]
    [InlineData("0.01", "--test-fraction 0.01 of 32 rows holds out none to evaluate on: use a larger --test-fraction, or --folds 5.")]
    public void ATestSplitThatLeavesASideEmpty_IsAnErrorNamingTheOption(string fraction, string message)
    {
        string line = InspectTestModels.AssertUserError(Train(SmallRegression(), "--label", "y", "--sparsity", "2", "--test-fraction", fraction));
        Assert.Equal($"error: {message}", line);
    }

    [Fact]
    public void TheSparsityPathOnTooFewRows_IsAnErrorInTheToolsOptions()
    {
        string data = WriteData("two.csv", ["x1,x2,y", "1,2,0", "3,4,1"]);

        string line = InspectTestModels.AssertUserError(Train(data, "--label", "y", "--folds", "2"));

        Assert.Equal("error: --sparsity auto: too few rows to choose s. The sparsity path cross-validates s on 5 folds (--path-folds), " +
            $"each holding out at least one training row, and the 2 rows of {data} leave fewer; pass a fixed --sparsity (for example --sparsity 1), " +
            "fewer --path-folds, or use more rows.", line);
        Assert.DoesNotContain("NumberOfFolds", line);
        // One held-out split (--path-folds 1) says what it holds out.
        string split = InspectTestModels.AssertUserError(Train(data, "--label", "y", "--folds", "2", "--path-folds", "1"));
        Assert.Equal("error: --sparsity auto: too few rows to choose s. The sparsity path holds out 20 % of each class's training rows to compare the values of s, " +
            $"and the 2 rows of {data} leave none to hold out; pass a fixed --sparsity (for example --sparsity 1) or use more rows.", split);
        Assert.DoesNotContain("ValidationFraction", split);
    }

    [Fact]
    public void LogLoss_SaysItsUnit_BitsForBinary_NatsForMulticlass_InTextAndJson()
    {
        (int code, string text, string error) = Train(BundledData.PathOf("iris.csv"), "--label", "Species", "--sparsity", "4", "--folds", "3");
        Assert.True(code == 0, error);
        Assert.Contains("LogLoss (nats)", text);

        (code, string json, error) = Train(BundledData.PathOf("breast_cancer.csv"), "--label", "Diagnosis", "--sparsity", "4", "--folds", "3", "--json");
        Assert.True(code == 0, error);
        JsonElement metrics = JsonDocument.Parse(json).RootElement.GetProperty("metrics");
        Assert.Equal("bits", metrics.GetProperty("LogLoss").GetProperty("unit").GetString());
        Assert.False(metrics.GetProperty("Accuracy").TryGetProperty("unit", out _));
    }

    // 60 rows, y = 1 when x1 > 0, and one confident mistake: x1 = 8 labelled 0. The fold that holds it
    // out predicts it as 1 with probability 1 (in float), so that fold's LogLoss is ∞.
    private static string WithAConfidentMistake() => WriteData("mistake.csv", ["x1,x2,y", .. Enumerable.Range(0, 60).Select(i =>
    {
        double x1 = i == 10 ? 8 : (i * 37 % 60 - 29.5) / 10, x2 = (i * 11 % 60 - 30) / 10.0;
        return string.Create(C, $"{x1},{x2},{(i != 10 && x1 > 0 ? 1 : 0)}");
    })]);

    [Fact]
    public void AnInfiniteCrossValidatedLogLoss_IsExplained_AndIsNullInJson()
    {
        string data = WithAConfidentMistake();
        // The path's ridge (--path-l2, default 1) keeps the separable fits' weights finite, and so the log loss;
        // without it (0, the path of before) the fit on the rows outside the mistake's fold separates them.
        (int code, string text, string error) = Train(data, "--label", "y", "--folds", "5");
        Assert.True(code == 0, error);
        Assert.DoesNotContain("warning: LogLoss is ∞", text);
        (code, text, error) = Train(data, "--label", "y", "--folds", "5", "--path-l2", "0");
        Assert.True(code == 0, error);
        Assert.Matches(@"│ LogLoss \(bits\)\s+│\s+∞ │\s+NaN │", text);
        Assert.Matches(@"warning: LogLoss is ∞ in fold \d of 5, so its mean is ∞ too: a held-out row got probability 0 for its true class \(a confident wrong prediction\)", text);
        Assert.Contains("warning: LogLossReduction is −∞ because LogLoss is ∞.", text);

        (code, string json, error) = Train(data, "--label", "y", "--folds", "5", "--json", "--path-l2", "0");
        Assert.True(code == 0, error);
        Assert.DoesNotContain("Infinity", json);
        Assert.DoesNotContain("NaN", json);
        JsonElement logLoss = JsonDocument.Parse(json).RootElement.GetProperty("metrics").GetProperty("LogLoss");
        Assert.Equal(JsonValueKind.Null, logLoss.GetProperty("mean").ValueKind);
        Assert.Equal(JsonValueKind.Null, logLoss.GetProperty("standardDeviation").ValueKind);
        Assert.True(JsonDocument.Parse(json).RootElement.GetProperty("metrics").GetProperty("Accuracy").GetProperty("mean").GetDouble() > 0.8);
    }

    [Fact]
    public void NonFiniteMetrics_AreExplainedOnePerMetric_AndFiniteOnesNot()
    {
        MetricValue[] metrics =
        [
            new("Accuracy", 0.9, 0.01, FoldValues: [0.9, 0.9]),
            new("AreaUnderRocCurve", double.NaN, double.NaN, FoldValues: [0.9, double.NaN]),
            new("LogLoss", double.PositiveInfinity, null, "bits"),
        ];
        Assert.Equal(
        [
            "AreaUnderRocCurve is NaN in fold 2 of 2, so its mean is NaN too: the held-out rows cannot define it (for example, they hold one class only).",
            "LogLoss is ∞ on the test split: a held-out row got probability 0 for its true class (a confident wrong prediction), and log 0 = −∞. " +
                "The other metrics are unaffected; a model this sure of itself may be overfitting, or trained on too few rows.",
        ], EvaluationWarnings.NonFiniteMetrics(metrics));
    }

    [GeneratedRegex(@"test split: (\d+) of \d+ rows held out \(--test-fraction 0\.2, seed 1\); the zip holds the model trained on the other (\d+)")]
    private static partial Regex HeldOut();
}
