using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Integration;

/// <summary>
/// The three SparseIht pipelines export with ML.NET's own <c>mlContext.Model.ConvertToOnnx</c>
/// (Microsoft.ML.OnnxConverter), because the fitted models are ML.NET's types; ONNX Runtime then gives
/// the scores ML.NET gives, row for row.
/// </summary>
public sealed class OnnxExportTests : IDisposable
{
    // ONNX Runtime and ML.NET sum the same products in different orders, in Single precision.
    private const double Tolerance = 1e-5;

    private readonly string _folder = Directory.CreateTempSubdirectory("mlnetsparse-onnx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Multiclass_ExportsToOnnx_AndOnnxRuntimeGivesTheSameScoresAndLabels()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = BundledData.Iris(ml);
        var model = BundledData.IrisPreparation(ml).Append(ml.MulticlassClassification.Trainers.SparseIht(sparsity: 7)).Fit(data);

        IDataView onnx = ScoreWithOnnxRuntime(ml, model, data);

        IDataView scored = model.Transform(data);
        AssertClose(ColumnValues.Read(scored, "Score"), ColumnValues.Read(onnx, "Score"));
        Assert.Equal(ColumnValues.Read(scored, "PredictedLabel"), ColumnValues.Read(onnx, "PredictedLabel"));
    }

    [Fact]
    public void Binary_ExportsToOnnx_AndOnnxRuntimeGivesTheSameScoresProbabilitiesAndLabels()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = BundledData.BreastCancer(ml);
        var model = BundledData.BreastCancerPreparation(ml).Append(ml.BinaryClassification.Trainers.SparseIht(sparsity: 6)).Fit(data);

        IDataView onnx = ScoreWithOnnxRuntime(ml, model, data);

        IDataView scored = model.Transform(data);
        AssertClose(ColumnValues.Read(scored, "Score"), ColumnValues.Read(onnx, "Score"));
        AssertClose(ColumnValues.Read(scored, "Probability"), ColumnValues.Read(onnx, "Probability"));
        Assert.Equal(ColumnValues.Read(scored, "PredictedLabel"), ColumnValues.Read(onnx, "PredictedLabel"));
    }

    [Fact]
    public void Regression_ExportsToOnnx_AndOnnxRuntimeGivesTheSameScores()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = BundledData.Diabetes(ml);
        var model = BundledData.DiabetesPreparation(ml).Append(ml.Regression.Trainers.SparseIht(sparsity: 5)).Fit(data);

        IDataView onnx = ScoreWithOnnxRuntime(ml, model, data);

        AssertClose(ColumnValues.Read(model.Transform(data), "Score"), ColumnValues.Read(onnx, "Score"));
    }

    // Exports the fitted pipeline, then scores the same rows with ONNX Runtime through ApplyOnnxModel: the
    // graph's outputs keep the columns' names (Score, Probability, PredictedLabel) as [1, n] tensors.
    private IDataView ScoreWithOnnxRuntime(MLContext ml, ITransformer model, IDataView data)
    {
        string path = Path.Combine(_folder, "model.onnx");
        using (FileStream stream = File.Create(path))
            ml.Model.ConvertToOnnx(model, data, stream);
        return ml.Transforms.ApplyOnnxModel(path).Fit(data).Transform(data);
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"value {i}: ML.NET {expected[i]:R}, ONNX Runtime {actual[i]:R}");
    }
}
