using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSparse.Core.Onnx;
using MlNetSparse.Tests.Integration;
using static MlNetSparse.Tests.Core.Onnx.OnnxTestRun;

namespace MlNetSparse.Tests.Core.Onnx;

/// <summary>
/// The builder's bytes inside ML.NET: ApplyOnnxModel from a file and from a stream, a saved pipeline
/// zip reloaded in a fresh MLContext, with and without a symbolic batch dimension.
/// </summary>
public sealed class OnnxTransformerTests : IDisposable
{
    private const int Inputs = 16, Outputs = 4, Rows = 6;
    private readonly string _folder = Directory.CreateTempSubdirectory("mlnetsparse-onnx-").FullName;
    private readonly float[] _w, _b;
    private readonly Row[] _rows;

    public OnnxTransformerTests()
    {
        var random = new Random(41);
        _w = RandomFloats(random, Outputs * Inputs);
        _b = RandomFloats(random, Outputs);
        _rows = Enumerable.Range(0, Rows).Select(_ => new Row { Features = RandomFloats(random, Inputs) }).ToArray();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed class Row
    {
        [VectorType(Inputs)]
        public float[] Features { get; set; } = [];
    }

    // Features [batch, 16] → dense 4 → ReLU → Hidden [batch, 4]; or, without the batch dim,
    // Features [16] → reshape [1, 16] → dense → ReLU → reshape [4] → Hidden [4].
    private byte[] HiddenLayer(bool symbolicBatch)
    {
        var graph = new OnnxGraphBuilder("hidden");
        if (symbolicBatch)
        {
            graph.AddInput("Features", OnnxElementType.Float, "batch", Inputs);
            graph.Relu(graph.Gemm("Features", Outputs, Inputs, _w, _b), name: "Hidden");
            graph.AddOutput("Hidden", OnnxElementType.Float, "batch", Outputs);
        }
        else
        {
            graph.AddInput("Features", OnnxElementType.Float, Inputs);
            string row = graph.Reshape("Features", [1, Inputs]);
            graph.Reshape(graph.Relu(graph.Gemm(row, Outputs, Inputs, _w, _b)), [Outputs], name: "Hidden");
            graph.AddOutput("Hidden", OnnxElementType.Float, Outputs);
        }
        return graph.ToBytes();
    }

    private double[] Expected() =>
        OnnxReference.Relu(OnnxReference.Dense(_rows.SelectMany(r => ToDouble(r.Features)).ToArray(), Rows, Outputs, Inputs, ToDouble(_w), ToDouble(_b)));

    private MLContext Context() => new(seed: 1) { TempFilePath = _folder };

    private string Save(MLContext mlContext, ITransformer model, IDataView data)
    {
        string zip = Path.Combine(_folder, $"pipeline-{Guid.NewGuid():N}.zip");
        mlContext.Model.Save(model, data.Schema, zip);
        return zip;
    }

    // Loads a saved pipeline in a fresh MLContext and scores the same rows there.
    private double[] LoadAndScore(string zip)
    {
        MLContext fresh = Context();
        ITransformer loaded = fresh.Model.Load(zip, out _);
        try
        {
            return ColumnValues.Read(loaded.Transform(fresh.Data.LoadFromEnumerable(_rows)), "Hidden");
        }
        finally
        {
            (loaded as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void ApplyOnnxModel_FromFile_ScoresFitsAndReloadsFromTheZipAlone()
    {
        string path = Path.Combine(_folder, "hidden.onnx");
        File.WriteAllBytes(path, HiddenLayer(symbolicBatch: true));
        MLContext mlContext = Context();
        IDataView data = mlContext.Data.LoadFromEnumerable(_rows);
        ITransformer model = mlContext.Transforms.ApplyOnnxModel("Hidden", "Features", path).Fit(data);
        try
        {
            IDataView scored = model.Transform(data);
            double[] hidden = ColumnValues.Read(scored, "Hidden");
            // ML.NET reads [batch, 4] as a known-size vector of shape [1, 4]: it feeds one row per run.
            var type = Assert.IsType<VectorDataViewType>(scored.Schema["Hidden"].Type);
            Assert.Equal([1, Outputs], type.Dimensions.ToArray());
            AssertClose(Expected(), hidden.Select(v => (float)v).ToArray());

            // Saving re-reads the .onnx file; the zip then carries the bytes, and loading needs no file.
            string zip = Save(mlContext, model, data);
            File.Delete(path);
            Assert.Equal(hidden, LoadAndScore(zip));
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void ApplyOnnxModel_FromStream_GivesTheSameOutputsAsFromAFile()
    {
        string path = Path.Combine(_folder, "hidden.onnx");
        byte[] bytes = HiddenLayer(symbolicBatch: true);
        File.WriteAllBytes(path, bytes);
        MLContext mlContext = Context();
        IDataView data = mlContext.Data.LoadFromEnumerable(_rows);
        using var stream = new MemoryStream(bytes);
        ITransformer fromStream = mlContext.Transforms.ApplyOnnxModel("Hidden", "Features", stream).Fit(data);
        ITransformer fromFile = mlContext.Transforms.ApplyOnnxModel("Hidden", "Features", path).Fit(data);
        try
        {
            double[] hidden = ColumnValues.Read(fromStream.Transform(data), "Hidden");

            Assert.Equal(ColumnValues.Read(fromFile.Transform(data), "Hidden"), hidden);
            Assert.Equal(hidden, LoadAndScore(Save(mlContext, fromStream, data)));
        }
        finally
        {
            (fromStream as IDisposable)?.Dispose();
            (fromFile as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void FixedSizeInput_WithoutABatchDim_ScoresTheSame()
    {
        MLContext mlContext = Context();
        IDataView data = mlContext.Data.LoadFromEnumerable(_rows);
        using var withBatch = new MemoryStream(HiddenLayer(symbolicBatch: true));
        using var withoutBatch = new MemoryStream(HiddenLayer(symbolicBatch: false));
        ITransformer batched = mlContext.Transforms.ApplyOnnxModel("Hidden", "Features", withBatch).Fit(data);
        ITransformer fixedSize = mlContext.Transforms.ApplyOnnxModel("Hidden", "Features", withoutBatch).Fit(data);
        try
        {
            IDataView scored = fixedSize.Transform(data);

            var type = Assert.IsType<VectorDataViewType>(scored.Schema["Hidden"].Type);
            Assert.Equal([Outputs], type.Dimensions.ToArray());
            Assert.Equal(ColumnValues.Read(batched.Transform(data), "Hidden"), ColumnValues.Read(scored, "Hidden"));
        }
        finally
        {
            (batched as IDisposable)?.Dispose();
            (fixedSize as IDisposable)?.Dispose();
        }
    }
}
