using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSparse.Cli;
using MlNetSparse.Core.Networks;
using MlNetSparse.Networks;
using MlNetSparse.Tests.TestData;

// The shared folder below is made inside the run's own temporary directory, which is deleted after the last test.
[assembly: AssemblyFixture(typeof(TestTempFolder))]

namespace MlNetSparse.Tests.Cli;

/// <summary>
/// Model zips made with the library directly (as `train` would), once per test run, shared by the
/// inspect, predict and codegen tests; plus a way to run the CLI in process.
/// </summary>
public static class InspectTestModels
{
    private static readonly string Folder = CreateFolder();
    private static readonly Lazy<string> IrisZip = new(() => Save("iris.zip", ml =>
    {
        IDataView data = BundledData.Iris(ml);
        return (BundledData.IrisPreparation(ml).Append(ml.MulticlassClassification.Trainers.SparseIht(sparsity: 7)).Fit(data), data);
    }));
    private static readonly Lazy<string> BreastCancerZip = new(() => Save("breast_cancer.zip", ml =>
    {
        // One column per header name, concatenated, as `train` reads a file: the slot names are the header's.
        string[] header = File.ReadLines(BundledData.PathOf("breast_cancer.csv")).First().Split(',');
        string[] features = header[..^1];
        IDataView data = ml.Data.LoadFromTextFile(BundledData.PathOf("breast_cancer.csv"),
            header.Select((name, i) => new TextLoader.Column(name, i < features.Length ? DataKind.Single : DataKind.String, i)).ToArray(),
            separatorChar: ',', hasHeader: true);
        var pipeline = ml.Transforms.Concatenate("Features", features)
            .Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false))
            .Append(ml.Transforms.Conversion.MapValue("Label", new Dictionary<string, bool> { ["malignant"] = true, ["benign"] = false }, "Diagnosis"))
            .Append(ml.BinaryClassification.Trainers.SparseIht(sparsity: 6));
        return (pipeline.Fit(data), data);
    }));
    private static readonly Lazy<string> DiabetesZip = new(() => Save("diabetes.zip", ml =>
    {
        IDataView data = BundledData.Diabetes(ml);
        return (BundledData.DiabetesPreparation(ml).Append(ml.Regression.Trainers.SparseIht(sparsity: 4)).Fit(data), data);
    }));
    private static readonly Lazy<string> DigitsCnnZip = new(() => Save("digits_cnn.zip", ml =>
    {
        IDataView data = DigitsData.Load(ml);
        var options = new BinarizedCnnTrainer.Options
        {
            Architecture =
            [
                LayerSpec.Convolution(4, 3, padding: 1), LayerSpec.BatchNorm(), LayerSpec.Binarized(CoarseGradient.ClippedRelu), LayerSpec.MaxPool(2),
                LayerSpec.Flatten(), LayerSpec.Dense(16), LayerSpec.BatchNorm(), LayerSpec.Binarized(CoarseGradient.ClippedRelu), LayerSpec.Dense(10),
            ],
            NumberOfEpochs = 2, BatchSize = 64, Seed = 5,
        };
        var pipeline = ml.Transforms.NormalizeMinMax("Features", "Pixels").Append(ml.Transforms.Conversion.MapValueToKey("Label", "Digit"))
            .Append(ml.MulticlassClassification.Trainers.BinarizedCnn(options));
        return (pipeline.Fit(data), data);
    }));

    public static string Iris => IrisZip.Value;

    public static string BreastCancer => BreastCancerZip.Value;

    public static string Diabetes => DiabetesZip.Value;

    public static string DigitsCnn => DigitsCnnZip.Value;

    /// <summary>A fresh empty folder for one test's outputs.</summary>
    public static string NewFolder() => Directory.CreateDirectory(Path.Combine(Folder, Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>Runs `mlnet-sparse args...` in process: exit code, stdout, stderr.</summary>
    public static (int Code, string Out, string Error) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Asserts the run failed as a user error: exit code 1 and exactly one "error: ..." line on stderr.</summary>
    public static string AssertUserError((int Code, string Out, string Error) result)
    {
        Assert.Equal(1, result.Code);
        string[] lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        return lines[0];
    }

    private static string CreateFolder() => Directory.CreateTempSubdirectory("mlnetsparse-cli-").FullName;

    private static string Save(string name, Func<MLContext, (ITransformer Model, IDataView Data)> fit)
    {
        var ml = new MLContext(seed: 1);
        (ITransformer model, IDataView data) = fit(ml);
        string path = Path.Combine(Folder, name);
        ml.Model.Save(model, data.Schema, path);
        return path;
    }
}
