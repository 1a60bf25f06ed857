using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Cli;

/// <summary>`mlnet-sparse predict`: the same numbers ML.NET gives for the zip, whatever the file's column order, and safe outputs.</summary>
public class PredictCommandTests
{
    private static string R(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    [Fact]
    public void Iris_Csv_EqualsThePredictionEngine_RowByRow()
    {
        (int code, string stdout, string stderr) = InspectTestModels.Run("predict", InspectTestModels.Iris, "--data", BundledData.PathOf("iris.csv"));
        Assert.True(code == 0, stderr);

        var ml = new MLContext();
        ITransformer model = ml.Model.Load(InspectTestModels.Iris, out _);
        var engine = ml.Model.CreatePredictionEngine<IrisRow, IrisPrediction>(model);
        string[] classes = ["setosa", "versicolor", "virginica"];
        var expected = new List<string> { "PredictedLabel,Score.setosa,Score.versicolor,Score.virginica" };
        foreach (IrisRow row in ml.Data.CreateEnumerable<IrisRow>(BundledData.Iris(ml), reuseRowObject: false))
        {
            IrisPrediction p = engine.Predict(row);
            expected.Add(string.Join(',', [classes[p.PredictedLabel - 1], .. p.Score.Select(R)]));
        }
        Assert.Equal(expected, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void ColumnsAreMatchedByName_InAnyOrder_AndTheLabelMayBeAbsent_Tsv()
    {
        string[] lines = File.ReadAllLines(BundledData.PathOf("iris.csv"));
        // Reversed column order, label dropped, tab-separated: the same predictions.
        string tsv = Path.Combine(InspectTestModels.NewFolder(), "rows.tsv");
        File.WriteAllLines(tsv, lines.Select(l => string.Join('\t', l.Split(',')[..4].Reverse())));
        var fromCsv = InspectTestModels.Run("predict", InspectTestModels.Iris, "--data", BundledData.PathOf("iris.csv"));
        var fromTsv = InspectTestModels.Run("predict", InspectTestModels.Iris, "--data", tsv);
        Assert.True(fromTsv.Code == 0, fromTsv.Error);
        Assert.Equal(fromCsv.Out, fromTsv.Out);
    }

    [Fact]
    public void Json_ToAFile_HasOneObjectPerRow_WithLabelAndProbability_Binary()
    {
        string output = Path.Combine(InspectTestModels.NewFolder(), "predictions.json");
        var result = InspectTestModels.Run("predict", InspectTestModels.BreastCancer, "--data", BundledData.PathOf("breast_cancer.csv"), "--output", output);
        Assert.True(result.Code == 0, result.Error);
        Assert.Equal("", result.Out);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(output));
        JsonElement[] rows = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(File.ReadLines(BundledData.PathOf("breast_cancer.csv")).Count() - 1, rows.Length);
        foreach (JsonElement row in rows)
        {
            float score = row.GetProperty("Score").GetSingle(), probability = row.GetProperty("Probability").GetSingle();
            Assert.Equal(score > 0 ? "true" : "false", row.GetProperty("PredictedLabel").GetString());
            // README: Probability is σ(Score); a float, so equal to float precision (rounding both to 5 places could split them).
            Assert.Equal(1.0 / (1.0 + Math.Exp(-score)), probability, tolerance: 1e-6);
        }
    }

    [Fact]
    public void Regression_AndBinarizedCnn_ScoreEveryRow()
    {
        var diabetes = InspectTestModels.Run("predict", InspectTestModels.Diabetes, "--data", BundledData.PathOf("diabetes.csv"));
        Assert.True(diabetes.Code == 0, diabetes.Error);
        string[] lines = diabetes.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Score", lines[0].TrimEnd('\r'));
        Assert.Equal(File.ReadLines(BundledData.PathOf("diabetes.csv")).Count(), lines.Length);

        var ml = new MLContext();
        ITransformer model = ml.Model.Load(InspectTestModels.Diabetes, out _);
        float[] expected = ml.Data.CreateEnumerable<RegressionScore>(model.Transform(BundledData.Diabetes(ml)), reuseRowObject: false).Select(s => s.Score).ToArray();
        Assert.Equal(expected.Select(R), lines.Skip(1).Select(l => l.TrimEnd('\r')));

        var cnn = InspectTestModels.Run("predict", InspectTestModels.DigitsCnn, "--data", BundledData.PathOf("digits.csv"));
        Assert.True(cnn.Code == 0, cnn.Error);
        string[] cnnLines = cnn.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(File.ReadLines(BundledData.PathOf("digits.csv")).Count(), cnnLines.Length);
        Assert.StartsWith("PredictedLabel,Score.0,", cnnLines[0]);
    }

    [Fact]
    public void ExistingOutput_IsKeptWithoutForce_AndReplacedWithIt()
    {
        string output = Path.Combine(InspectTestModels.NewFolder(), "predictions.csv");
        File.WriteAllText(output, "precious");
        string[] args = ["predict", InspectTestModels.Iris, "--data", BundledData.PathOf("iris.csv"), "--output", output];
        string line = InspectTestModels.AssertUserError(InspectTestModels.Run(args));
        Assert.Contains("--force", line);
        Assert.Equal("precious", File.ReadAllText(output));

        Assert.Equal(0, InspectTestModels.Run([.. args, "--force"]).Code);
        Assert.StartsWith("PredictedLabel,", File.ReadAllText(output));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(output)!)); // no temporary file left behind
    }

    [Fact]
    public void AnInput_IsNeverTheOutput_EvenWithForce()
    {
        string folder = InspectTestModels.NewFolder();
        string data = Path.Combine(folder, "rows.csv");
        string model = Path.Combine(folder, "model.zip");
        File.Copy(BundledData.PathOf("iris.csv"), data);
        File.Copy(InspectTestModels.Iris, model);

        string line = InspectTestModels.AssertUserError(InspectTestModels.Run("predict", model, "--data", data, "--output", data, "--force"));
        Assert.Equal($"error: --output: {data} is the --data file; write the predictions to another file.", line);
        line = InspectTestModels.AssertUserError(InspectTestModels.Run("predict", model, "--data", data, "--output", model, "--force"));
        Assert.Equal($"error: --output: {model} is the model zip; write the predictions to another file.", line);

        Assert.Equal(File.ReadAllText(BundledData.PathOf("iris.csv")), File.ReadAllText(data));
        Assert.Equal(File.ReadAllBytes(InspectTestModels.Iris), File.ReadAllBytes(model));
    }

    [OnLinuxFact]
    public void AnUnwritableOutput_IsNamed_BeforeTheModelIsRead()
    {
        string missing = Path.Combine(InspectTestModels.NewFolder(), "none.zip");

        string line = InspectTestModels.AssertUserError(InspectTestModels.Run("predict", missing, "--data", BundledData.PathOf("iris.csv"), "--output", "/proc/p.csv"));

        Assert.Equal("error: --output: cannot write /proc/p.csv (the folder does not accept new files).", line);
    }

    [Fact]
    public void MissingColumn_IsNamed_WithTheClosestHeaderName()
    {
        string csv = Path.Combine(InspectTestModels.NewFolder(), "rows.csv");
        string[] lines = File.ReadAllLines(BundledData.PathOf("iris.csv"));
        File.WriteAllLines(csv, [lines[0].Replace("PetalLength", "Petal_Lenght"), .. lines[1..]]);
        string line = InspectTestModels.AssertUserError(InspectTestModels.Run("predict", InspectTestModels.Iris, "--data", csv));
        Assert.Contains("no column 'PetalLength'", line);
        Assert.Contains("did you mean 'Petal_Lenght'", line);
    }

    [Fact]
    public void BadInputs_AreOneLineErrors()
    {
        string folder = InspectTestModels.NewFolder();
        string empty = Path.Combine(folder, "empty.csv");
        File.WriteAllText(empty, "");
        string data = BundledData.PathOf("iris.csv");

        Assert.Contains("does not exist", InspectTestModels.AssertUserError(InspectTestModels.Run("predict", InspectTestModels.Iris, "--data", Path.Combine(folder, "none.csv"))));
        Assert.Contains("is empty", InspectTestModels.AssertUserError(InspectTestModels.Run("predict", InspectTestModels.Iris, "--data", empty)));
        Assert.Contains("does not exist", InspectTestModels.AssertUserError(InspectTestModels.Run("predict", Path.Combine(folder, "none.zip"), "--data", data)));
        Assert.Contains("is not an ML.NET model zip", InspectTestModels.AssertUserError(InspectTestModels.Run("predict", data, "--data", data)));
        Assert.Contains("folder", InspectTestModels.AssertUserError(InspectTestModels.Run("predict", InspectTestModels.Iris, "--data", data, "--output", Path.Combine(folder, "no", "p.csv"))));
        Assert.Contains("--separator", InspectTestModels.AssertUserError(InspectTestModels.Run("predict", InspectTestModels.Iris, "--data", data, "--separator", "ab")));
    }

    [Theory]
    [InlineData("5.1,3.5,abc,0.2,setosa", "line 3, column 'PetalLength': 'abc' is not a number")]
    [InlineData("5.1,3.5,1.4,setosa", "line 3 has 4 fields, the header has 5")]
    [InlineData("5.1,3.5,1.4,0.2,setosa,extra", "line 3 has 6 fields, the header has 5")]
    public void NonNumericValues_AndRaggedRows_NameTheLine(string badRow, string message)
    {
        string csv = Path.Combine(InspectTestModels.NewFolder(), "rows.csv");
        string[] lines = File.ReadAllLines(BundledData.PathOf("iris.csv"));
        File.WriteAllLines(csv, [lines[0], lines[1], badRow, lines[2]]);
        string line = InspectTestModels.AssertUserError(InspectTestModels.Run("predict", InspectTestModels.Iris, "--data", csv));
        Assert.EndsWith(message, line);
    }

    [Fact]
    public void QuotedFields_AndEmptyNumbers_AreRead()
    {
        string csv = Path.Combine(InspectTestModels.NewFolder(), "rows.csv");
        File.WriteAllLines(csv, ["\"SepalLength\",SepalWidth,PetalLength,PetalWidth,Species", "5.1,3.5,1.4,0.2,\"set, osa\"", "5.1,,1.4,0.2,setosa"]);
        var result = InspectTestModels.Run("predict", InspectTestModels.Iris, "--data", csv);
        Assert.True(result.Code == 0, result.Error);
        Assert.Equal(3, result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void RowsWithAMissingValue_GetNoPrediction_AndOneWarningNamesTheirLines()
    {
        string csv = Path.Combine(InspectTestModels.NewFolder(), "rows.csv");
        File.WriteAllText(csv, "SepalLength,SepalWidth,PetalLength,PetalWidth,Species\n5.1,3.5,1.4,0.2,\"set\nosa\"\n5.1,NA,1.4,0.2,setosa\n" +
            "6.3,3.3,6.0,,virginica\n6.3,3.3,6.0,2.5,virginica\n");

        (int code, string stdout, string stderr) = InspectTestModels.Run("predict", InspectTestModels.Iris, "--data", csv);

        Assert.True(code == 0, stderr);
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("setosa,", lines[1]);
        Assert.Equal(",NaN,NaN,NaN", lines[2]);
        Assert.Equal(",NaN,NaN,NaN", lines[3]);
        Assert.StartsWith("virginica,", lines[4]);
        Assert.Equal("warning: 2 of 4 rows could not be scored, so their PredictedLabel is empty and their scores NaN: line 4 (SepalWidth missing), " +
            "line 5 (PetalWidth missing). A missing or infinite value in a column the model reads gives no prediction (training skipped such rows); " +
            "fill it in to score the row.", stderr.TrimEnd());

        (code, string json, _) = InspectTestModels.Run("predict", InspectTestModels.Iris, "--data", csv, "--json");
        Assert.Equal(0, code);
        JsonElement[] rows = [.. JsonDocument.Parse(json).RootElement.EnumerateArray()];
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("PredictedLabel").ValueKind);
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("Score.setosa").ValueKind);
        Assert.Equal("virginica", rows[3].GetProperty("PredictedLabel").GetString());
    }

    [Fact]
    public void EveryRowScored_NoWarning()
    {
        var result = InspectTestModels.Run("predict", InspectTestModels.Iris, "--data", BundledData.PathOf("iris.csv"));
        Assert.Equal((0, ""), (result.Code, result.Error));
    }

    [Fact]
    public void ABinaryFile_AndDecimalCommas_AreOneLineErrorsThatSaySo()
    {
        string folder = InspectTestModels.NewFolder();
        string binary = Path.Combine(folder, "rows.csv"), commas = Path.Combine(folder, "commas.csv");
        File.WriteAllBytes(binary, [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]);
        File.WriteAllLines(commas, ["SepalLength;SepalWidth;PetalLength;PetalWidth", "5,1;3,5;1,4;0,2"]);

        Assert.Equal($"error: {binary} is not a text file (it holds binary data, such as a zip, a spreadsheet or an image); save the data as CSV or TSV.",
            InspectTestModels.AssertUserError(InspectTestModels.Run("predict", InspectTestModels.Iris, "--data", binary)));
        Assert.Contains("line 2, column 'SepalLength': '5,1' is not a number (a decimal comma? mlnet-sparse reads numbers with a decimal point",
            InspectTestModels.AssertUserError(InspectTestModels.Run("predict", InspectTestModels.Iris, "--data", commas)));
    }

    private sealed class IrisRow
    {
        public float SepalLength { get; set; }
        public float SepalWidth { get; set; }
        public float PetalLength { get; set; }
        public float PetalWidth { get; set; }
        public string Species { get; set; } = "";
    }

    private sealed class IrisPrediction
    {
        public uint PredictedLabel { get; set; }
        public float[] Score { get; set; } = [];
    }

    private sealed class RegressionScore
    {
        public float Score { get; set; }
    }
}
