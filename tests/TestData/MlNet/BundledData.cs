using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetSparse.Tests.TestData;

/// <summary>The real datasets of examples/data, copied beside the tests, as IDataViews ready for a trainer.</summary>
public static partial class BundledData
{
    /// <summary>IRIS with a "Species" text label and four float columns.</summary>
    public static IDataView Iris(MLContext ml)
        => ml.Data.LoadFromTextFile(PathOf("iris.csv"), [
            new("SepalLength", DataKind.Single, 0), new("SepalWidth", DataKind.Single, 1),
            new("PetalLength", DataKind.Single, 2), new("PetalWidth", DataKind.Single, 3),
            new("Species", DataKind.String, 4)], separatorChar: ',', hasHeader: true);

    public static readonly string[] IrisFeatures = ["SepalLength", "SepalWidth", "PetalLength", "PetalWidth"];

    /// <summary>Breast cancer: 30 float features in a "Features" vector and a text "Diagnosis".</summary>
    public static IDataView BreastCancer(MLContext ml)
        => ml.Data.LoadFromTextFile(PathOf("breast_cancer.csv"), [
            new("Features", DataKind.Single, 0, 29), new("Diagnosis", DataKind.String, 30)], separatorChar: ',', hasHeader: true);

    /// <summary>Wine: 13 float features in a "Features" vector and a text "Cultivar".</summary>
    public static IDataView Wine(MLContext ml)
        => ml.Data.LoadFromTextFile(PathOf("wine.csv"), [
            new("Features", DataKind.Single, 0, 12), new("Cultivar", DataKind.String, 13)], separatorChar: ',', hasHeader: true);

    /// <summary>Diabetes: 10 float features in a "Features" vector and a float "Progression".</summary>
    public static IDataView Diabetes(MLContext ml)
        => ml.Data.LoadFromTextFile(PathOf("diabetes.csv"), [
            new("Features", DataKind.Single, 0, 9), new("Progression", DataKind.Single, 10)], separatorChar: ',', hasHeader: true);

    /// <summary>
    /// A bundled CSV with one named column per feature (the header's names) and the label last, and the
    /// feature names: a pipeline that concatenates them gives "Features" slot names, as a user's would.
    /// </summary>
    public static (IDataView Data, string[] FeatureNames) ByColumnName(MLContext ml, string file, DataKind labelKind)
    {
        string[] header = File.ReadLines(PathOf(file)).First().Split(',');
        string[] features = header[..^1];
        TextLoader.Column[] columns = [.. features.Select((name, i) => new TextLoader.Column(name, DataKind.Single, i)),
            new(header[^1], labelKind, header.Length - 1)];
        return (ml.Data.LoadFromTextFile(PathOf(file), columns, separatorChar: ',', hasHeader: true), features);
    }

    /// <summary>IRIS features concatenated, standardized, and the species as a key label.</summary>
    public static IEstimator<ITransformer> IrisPreparation(MLContext ml)
        => ml.Transforms.Concatenate("Features", IrisFeatures)
            .Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false))
            .Append(ml.Transforms.Conversion.MapValueToKey("Label", "Species"));

    /// <summary>Breast cancer standardized, with Label = (Diagnosis == "malignant").</summary>
    public static IEstimator<ITransformer> BreastCancerPreparation(MLContext ml)
        => ml.Transforms.NormalizeMeanVariance("Features", fixZero: false)
            .Append(ml.Transforms.Conversion.MapValue("Label",
                new Dictionary<string, bool> { ["malignant"] = true, ["benign"] = false }, "Diagnosis"));

    /// <summary>Diabetes standardized, with Label = Progression.</summary>
    public static IEstimator<ITransformer> DiabetesPreparation(MLContext ml)
        => ml.Transforms.NormalizeMeanVariance("Features", fixZero: false)
            .Append(ml.Transforms.CopyColumns("Label", "Progression"));
}
