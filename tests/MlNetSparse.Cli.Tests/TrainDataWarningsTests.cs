using System.Globalization;
using System.Text.Json;
using MlNetSparse.Cli.Data;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Cli;

/// <summary>
/// What `train` reads and warns of in the data itself: constant feature columns, too many classes for
/// the rows, missing class labels, missing words and quoted line breaks, and text columns left out.
/// </summary>
public class TrainDataWarningsTests
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private static string WriteData(string name, IEnumerable<string> lines)
    {
        string path = Path.Combine(InspectTestModels.NewFolder(), name);
        File.WriteAllLines(path, lines);
        return path;
    }

    // 40 rows: y = 1 when x1 + x2 > 0, x1 and x2 spread evenly, plus the columns `extra` gives each row.
    private static IEnumerable<string> Separable(string header, Func<int, string> extra) =>
    [
        header,
        .. Enumerable.Range(0, 40).Select(i =>
        {
            double x1 = (i * 7 % 40 - 20) / 10.0, x2 = (i * 13 % 40 - 20) / 10.0;
            return string.Create(C, $"{x1},{x2}{extra(i)},{(x1 + x2 > 0 ? 1 : 0)}");
        }),
    ];

    private static (string Text, JsonElement Json) Train(string data, params string[] options)
    {
        string folder = InspectTestModels.NewFolder();
        (int code, string text, string error) = InspectTestModels.Run(["train", "--data", data, "--output", Path.Combine(folder, "m.zip"), .. options]);
        Assert.True(code == 0, error);
        (code, string json, error) = InspectTestModels.Run(["train", "--data", data, "--output", Path.Combine(folder, "j.zip"), "--json", .. options]);
        Assert.True(code == 0, error);
        using JsonDocument document = JsonDocument.Parse(json);
        return (text, document.RootElement.Clone());
    }

    private static string[] Warnings(JsonElement root) => [.. root.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!)];

    [Fact]
    public void AConstantColumn_IsNamedWithItsValue_InTextAndJson()
    {
        string data = WriteData("constant.csv", Separable("x1,x2,c,y", _ => ",3"));

        (string text, JsonElement json) = Train(data, "--label", "y", "--sparsity", "2", "--folds", "2");

        const string expected = "column 'c' is constant (every row 3): it cannot inform the model.";
        Assert.Contains($"warning: {expected}", text);
        Assert.Contains(expected, Warnings(json));
        // Said once: the trainer's own warning (of the standardized column, every row 0) is left out.
        Assert.Single(Warnings(json), w => w.Contains("constant"));
    }

    [Fact]
    public void WhenEveryFeatureIsConstant_TheWarningSaysTheModelPredictsAConstant()
    {
        string data = WriteData("all-constant.csv", ["c1,c2,y", .. Enumerable.Range(0, 40).Select(i => $"3,5,{i % 2}")]);

        (string text, _) = Train(data, "--label", "y", "--sparsity", "1", "--folds", "2");

        Assert.Contains("warning: every feature column is constant ('c1': every row 3, 'c2': every row 5): they cannot tell the rows apart, " +
            "so the model will predict a constant, the same for every row whatever its input.", text);
        Assert.DoesNotContain("constant over the", text);
    }

    [Fact]
    public void ColumnsThatVary_GetNoConstantWarning()
    {
        (_, JsonElement json) = Train(BundledData.PathOf("iris.csv"), "--label", "Species", "--sparsity", "4", "--folds", "3");
        Assert.DoesNotContain(Warnings(json), w => w.Contains("constant", StringComparison.Ordinal));
        Assert.DoesNotContain(Warnings(json), w => w.Contains("classes", StringComparison.Ordinal));   // 50 rows per class
    }

    [Fact]
    public void TooManyClassesForTheRows_AreWarnedOf_WithTheCounts()
    {
        // 30 classes, 3 rows each: 3 rows per class on average, under the 10 a class needs.
        string data = WriteData("classes.csv", ["x1,x2,y", .. Enumerable.Range(0, 90).Select(i => string.Create(C, $"{i % 7},{i % 11},c{i % 30}"))]);

        (string text, _) = Train(data, "--label", "y", "--sparsity", "2", "--folds", "2", "--max-iterations", "20");

        Assert.Contains("warning: label 'y' has 30 classes in 90 rows, 3 rows per class on average: a class needs about 10 rows to be learned at all", text);
        Assert.Contains("Merge rare classes, add rows, or check that 'y' is the column to predict.", text);
        Assert.Equal(10, DataWarnings.MinimumRowsPerClass);
    }

    [Fact]
    public void AMissingTextClassLabel_LeavesItsRowOut_InsteadOfBecomingAClass()
    {
        string[] species = ["setosa", "versicolor", "virginica"];
        string data = WriteData("labels.csv", ["x1,x2,y", .. Enumerable.Range(0, 60).Select(i =>
            string.Create(C, $"{i % 3 + 0.1 * (i % 5)},{i % 7},{(i is 4 or 40 ? "NA" : species[i % 3])}"))]);

        (string text, JsonElement json) = Train(data, "--label", "y", "--sparsity", "2", "--folds", "2");

        Assert.Contains("2 rows with a missing label left out", text);
        Assert.Equal(2, json.GetProperty("rows").GetProperty("labelLeftOut").GetInt32());
        Assert.Equal(58, json.GetProperty("rows").GetProperty("read").GetInt32());
        Assert.DoesNotContain(json.GetProperty("support").EnumerateArray(), p => p.GetProperty("class").GetString() == "NA");
    }

    [Fact]
    public void RsNA_AndInf_AreMissingFeatureValues_WhoseRowsAreSkipped()
    {
        string[] words = ["NA", "inf", "-inf", "+Inf", "Infinity"];
        string data = WriteData("na.csv", Separable("x1,x2,y", _ => "").Select((line, i) => i is > 0 and <= 5 ? words[i - 1] + line[line.IndexOf(',')..] : line));

        (_, JsonElement json) = Train(data, "--label", "y", "--sparsity", "2", "--folds", "2");

        Assert.Equal(["x1", "x2"], json.GetProperty("features").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(5, json.GetProperty("rows").GetProperty("skipped").GetInt32());
    }

    [Fact]
    public void AFeatureReadAsText_IsSaidToBeLeftOut()
    {
        string data = WriteData("text.csv", Separable("x1,x2,y", _ => ""));

        (string text, JsonElement json) = Train(data, "--label", "y", "--sparsity", "1", "--folds", "2", "--column-type", "x1=text");

        Assert.Contains("text columns not used as features: x1", text);
        Assert.Equal(["x1"], json.GetProperty("ignoredColumns").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(["x2"], json.GetProperty("features").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public void AQuotedFieldWithLineBreaks_IsOneRow_ForTheToolAndForMLNet()
    {
        string data = WriteData("notes.csv", Separable("x1,x2,note,y", i => i % 4 == 0 ? $",\"line one\nline, two\"" : ",plain"));

        (string text, JsonElement json) = Train(data, "--label", "y", "--sparsity", "2", "--folds", "2");

        Assert.Contains("40 rows", text);
        Assert.Equal(40, json.GetProperty("data").GetProperty("rows").GetInt32());
        Assert.Equal(40, json.GetProperty("rows").GetProperty("read").GetInt32());   // ML.NET read the same 40 rows
        Assert.Equal(0, json.GetProperty("rows").GetProperty("skipped").GetInt32());
        Assert.Equal(["note"], json.GetProperty("ignoredColumns").EnumerateArray().Select(f => f.GetString()));
    }
}
