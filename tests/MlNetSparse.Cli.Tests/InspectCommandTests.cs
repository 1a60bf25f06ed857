using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace MlNetSparse.Tests.Cli;

/// <summary>`mlnet-sparse inspect` on zips of every task, compared with what ML.NET reads from the same zip.</summary>
public class InspectCommandTests
{
    [Fact]
    public void Iris_Json_ListsTheSupportByClassAndFeatureName_AsTheModelHoldsIt()
    {
        (int code, string stdout, string stderr) = InspectTestModels.Run("inspect", InspectTestModels.Iris, "--json");
        Assert.True(code == 0, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        JsonElement root = json.RootElement;

        Assert.Equal(new FileInfo(InspectTestModels.Iris).Length, root.GetProperty("sizeBytes").GetInt64());
        using (var zip = System.IO.Compression.ZipFile.OpenRead(InspectTestModels.Iris))
            Assert.Equal(zip.Entries.Select(e => (e.FullName, e.Length)),
                root.GetProperty("parts").EnumerateArray().Select(p => (p.GetProperty("entry").GetString()!, p.GetProperty("bytes").GetInt64())));
        string[] inputs = root.GetProperty("inputSchema").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["SepalLength", "SepalWidth", "PetalLength", "PetalWidth", "Species"], inputs);
        // The label is in the zip's input schema (it was saved with the training data's) but predictions do not read it.
        bool[] needed = [.. root.GetProperty("inputSchema").EnumerateArray().Select(c => c.GetProperty("neededToPredict").GetBoolean())];
        Assert.Equal([true, true, true, true, false], needed);
        string[] types = root.GetProperty("pipeline").EnumerateArray().Select(s => s.GetProperty("type").GetString()!).ToArray();
        Assert.Contains("ColumnConcatenatingTransformer", types);
        Assert.Contains("MulticlassPredictionTransformer<MaximumEntropyModelParameters>", types);

        // The expected support, read straight from the zip with ML.NET.
        var ml = new MLContext();
        ITransformer model = ml.Model.Load(InspectTestModels.Iris, out _);
        var softmax = ((IEnumerable<ITransformer>)model).OfType<MulticlassPredictionTransformer<MaximumEntropyModelParameters>>().Single().Model;
        VBuffer<float>[] weights = [];
        softmax.GetWeights(ref weights, out int classes);
        float[] biases = softmax.GetBiases().ToArray();
        string[] features = ["SepalLength", "SepalWidth", "PetalLength", "PetalWidth"];
        string[] classNames = ["setosa", "versicolor", "virginica"];
        var expected = new List<(string, string, float)>();
        for (int c = 0; c < classes; c++)
        {
            float[] row = weights[c].DenseValues().ToArray();
            expected.AddRange(row.Select((w, j) => (classNames[c], features[j], w)).Where(e => e.w != 0f));
            if (biases[c] != 0f)
                expected.Add((classNames[c], "Bias", biases[c]));
        }
        JsonElement w = root.GetProperty("weights");
        var actual = w.GetProperty("support").EnumerateArray()
            .Select(e => (e.GetProperty("output").GetString()!, e.GetProperty("feature").GetString()!, e.GetProperty("value").GetSingle())).ToList();
        Assert.Equal(expected, actual);
        Assert.Equal(7, w.GetProperty("nonzero").GetInt32());
        Assert.Equal(15, w.GetProperty("parameters").GetInt32());
        Assert.Equal("multiclass", w.GetProperty("task").GetString());
    }

    [Fact]
    public void BreastCancer_ShowsTheCalibratedLinearWeights_ByHeaderName()
    {
        (int code, string stdout, string stderr) = InspectTestModels.Run("inspect", InspectTestModels.BreastCancer, "--json");
        Assert.True(code == 0, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        JsonElement w = json.RootElement.GetProperty("weights");
        Assert.Equal("binary", w.GetProperty("task").GetString());
        Assert.Equal(31, w.GetProperty("parameters").GetInt32());
        Assert.InRange(w.GetProperty("nonzero").GetInt32(), 1, 6);

        var ml = new MLContext();
        ITransformer model = ml.Model.Load(InspectTestModels.BreastCancer, out DataViewSchema input);
        var linear = (LinearBinaryModelParameters)((IEnumerable<ITransformer>)model)
            .OfType<ISingleFeaturePredictionTransformer<Microsoft.ML.Calibrators.CalibratedModelParametersBase>>().Single().Model.SubModel;
        string[] header = File.ReadLines(TestData.BundledData.PathOf("breast_cancer.csv")).First().Split(',');
        var expected = linear.Weights.Select((v, j) => (header[j], v)).Where(e => e.v != 0f).ToList();
        if (linear.Bias != 0f)
            expected.Add(("Bias", linear.Bias));
        var actual = w.GetProperty("support").EnumerateArray().Select(e => (e.GetProperty("feature").GetString()!, e.GetProperty("value").GetSingle())).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Diabetes_Tables_NameTheRegressionModel_AndEveryNonzeroFeature()
    {
        (int code, string stdout, string stderr) = InspectTestModels.Run("inspect", InspectTestModels.Diabetes);
        Assert.True(code == 0, stderr);
        Assert.Contains("LinearRegressionModelParameters", stdout);
        Assert.Contains("nonzero of 11", stdout);
        Assert.Contains("Input schema", stdout);
        Assert.Contains("Vector<Single, 10>", stdout);
        Assert.DoesNotContain("\u001b[", stdout); // no colour codes when not writing to a terminal
        using JsonDocument json = JsonDocument.Parse(InspectTestModels.Run("inspect", InspectTestModels.Diabetes, "--json").Out);
        foreach (JsonElement entry in json.RootElement.GetProperty("weights").GetProperty("support").EnumerateArray())
            Assert.Contains(entry.GetProperty("feature").GetString()!, stdout);
    }

    [Fact]
    public void BinarizedCnn_SummarisesTheOnnxPart_AndTheLastLayer()
    {
        (int code, string stdout, string stderr) = InspectTestModels.Run("inspect", InspectTestModels.DigitsCnn, "--json");
        Assert.True(code == 0, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        JsonElement root = json.RootElement;
        JsonElement onnx = Assert.Single(root.GetProperty("onnx").EnumerateArray());
        Assert.True(onnx.GetProperty("bytes").GetInt64() > 0);
        Assert.Contains(root.GetProperty("pipeline").EnumerateArray(), s => s.GetProperty("type").GetString() == "OnnxTransformer");
        JsonElement w = root.GetProperty("weights");
        Assert.Equal("multiclass", w.GetProperty("task").GetString());
        Assert.Equal(10 * (16 + 1), w.GetProperty("parameters").GetInt32());
    }

    // The digits CNN of InspectTestModels on 1×8×8: conv 4@3×3 pad 1 → 4×8×8, norm, σ, maxpool → 4×4×4, flatten 64,
    // dense 16, norm, σ, dense 10. Parameters: conv 36 + 4, norms 4·4 and 4·16, dense 1,024 + 16 and 160 + 10.
    // MACs per image: 36·64 = 2,304 on the real image, then 1,024 and 160 on 0/1 activations.
    [Fact]
    public void BinarizedCnn_Json_LayersAndTotals_AreTheNetworksClosedForms()
    {
        (int code, string stdout, string stderr) = InspectTestModels.Run("inspect", InspectTestModels.DigitsCnn, "--json");
        Assert.True(code == 0, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        JsonElement[] layers = [.. json.RootElement.GetProperty("layers").EnumerateArray()];
        Assert.Equal(["conv1", "norm2", "sign3", "maxpool4", "flatten5", "dense6", "norm7", "sign8", "dense9"],
            layers.Select(l => l.GetProperty("name").GetString()));
        Assert.Equal([4, 4, 4], layers[3].GetProperty("outputShape").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal([40L, 16, 0, 0, 0, 1040, 64, 0, 170], layers.Select(l => l.GetProperty("parameters").GetInt64()));
        Assert.Equal([2304L, 0, 0, 0, 0, 1024, 0, 0, 160], layers.Select(l => l.GetProperty("multiplyAdds").GetInt64()));
        Assert.Equal([0L, 0, 0, 0, 0, 1024, 0, 0, 160], layers.Select(l => l.GetProperty("binaryInputMultiplyAdds").GetInt64()));
        Assert.Equal([false, false, true, true, true, false, false, true, false], layers.Select(l => l.GetProperty("outputBinary").GetBoolean()));
        Assert.Equal(8, layers[3].GetProperty("activationPackedBytes").GetInt64());   // 64 bits
        JsonElement totals = json.RootElement.GetProperty("totals");
        Assert.Equal((1330L, 1220L, 3488L, 1184L, 4 * 1330L), (totals.GetProperty("parameters").GetInt64(), totals.GetProperty("weights").GetInt64(),
            totals.GetProperty("multiplyAdds").GetInt64(), totals.GetProperty("binaryInputMultiplyAdds").GetInt64(), totals.GetProperty("float32Bytes").GetInt64()));
        // The last layer's numbers are those of ML.NET's softmax model in the zip.
        JsonElement weights = json.RootElement.GetProperty("weights");
        Assert.Equal(weights.GetProperty("parameters").GetInt64(), layers[^1].GetProperty("parameters").GetInt64());
        int nonzeroBiases = weights.GetProperty("support").EnumerateArray().Count(e => e.GetProperty("feature").GetString() == "Bias");
        Assert.Equal(weights.GetProperty("nonzero").GetInt64() - nonzeroBiases, layers[^1].GetProperty("nonzeroWeights").GetInt64());
    }

    [Fact]
    public void BinarizedCnn_Tables_PrintTheLayerSummary_WithItsTotals()
    {
        (int code, string stdout, string stderr) = InspectTestModels.Run("inspect", InspectTestModels.DigitsCnn);
        Assert.True(code == 0, stderr);
        Assert.Contains("Layers of the binarized CNN", stdout);
        Assert.Matches(@"(?m)^dense6\s+16\s+1,040\s+\d[\d,]*/1,024\s+bin → real\s+1,024\s+1,024\s", stdout);
        Assert.Matches(@"(?m)^total\s+10\s+1,330\s+\d[\d,]*/1,220\s+real → real\s+3,488\s+1,184\s+5,320\s", stdout);
    }

    [Fact]
    public void ALinearModel_HasNoLayerSummary()
    {
        (int code, string stdout, string stderr) = InspectTestModels.Run("inspect", InspectTestModels.Iris, "--json");
        Assert.True(code == 0, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("layers").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("totals").ValueKind);
        Assert.DoesNotContain("Layers of", InspectTestModels.Run("inspect", InspectTestModels.Iris).Out);
    }

    [Fact]
    public void MissingZip_IsOneLineError()
    {
        string line = InspectTestModels.AssertUserError(InspectTestModels.Run("inspect", Path.Combine(InspectTestModels.NewFolder(), "none.zip")));
        Assert.Contains("does not exist", line);
    }

    [Theory]
    [InlineData("not a zip at all")]
    [InlineData("zip")]
    public void AFileThatIsNotAModelZip_IsOneLineError(string content)
    {
        string path = Path.Combine(InspectTestModels.NewFolder(), "fake.zip");
        if (content == "zip")
        {
            using var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create);
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write("hello");
        }
        else
        {
            File.WriteAllText(path, content);
        }
        string line = InspectTestModels.AssertUserError(InspectTestModels.Run("inspect", path));
        Assert.Contains("is not an ML.NET model zip", line);
    }
}
