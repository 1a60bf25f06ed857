using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSparse.Core.Networks;
using MlNetSparse.Onnx;

namespace MlNetSparse.Networks;

/// <summary>
/// The fitted binarized CNN: an ML.NET transformer chain (ONNX feature layers, then ML.NET's softmax
/// model for the last layer) plus the training <see cref="Report"/>. It transforms, evaluates and
/// saves as that chain, so the zip loads with Microsoft.ML and Microsoft.ML.OnnxTransformer alone.
/// </summary>
public sealed class BinarizedCnnTransformer : ITransformer, IDisposable
{
    private readonly Network _network;
    private readonly string _featureColumnName;

    internal BinarizedCnnTransformer(TransformerChain<ITransformer> model, Network network, string featureColumnName,
        BinarizedCnnTrainingReport report)
    {
        Model = model;
        _network = network;
        _featureColumnName = featureColumnName;
        Report = report;
    }

    /// <summary>The ML.NET chain this wraps (what a saved zip loads back as).</summary>
    public TransformerChain<ITransformer> Model { get; }

    /// <summary>What training did: per-epoch loss and Lagrangian, per-layer sparsity, time.</summary>
    public BinarizedCnnTrainingReport Report { get; }

    /// <summary>The network layer by layer (<see cref="BinarizedCnnTrainingReport.Summary"/>): parameters, nonzeros, binary activations, multiply-accumulates, memory.</summary>
    public NetworkSummary Summary => Report.Summary;

    /// <inheritdoc/>
    public bool IsRowToRowMapper => ((ITransformer)Model).IsRowToRowMapper;

    /// <summary>
    /// Writes the whole network (every layer, the last included) as an ONNX model for use outside .NET:
    /// input "input" float [batch, C·H·W] (the feature vector, CHW order), output "output" float
    /// [batch, classes] — logits, or probabilities with <paramref name="softmax"/>.
    /// </summary>
    public void ExportOnnx(Stream stream, bool softmax = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] bytes = NetworkOnnx.Export(_network, softmax: softmax);
        stream.Write(bytes);
    }

    /// <summary>The same as <see cref="ExportOnnx(Stream, bool)"/>, to a file (written whole, then moved into place).</summary>
    public void ExportOnnx(string path, bool softmax = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        // A failed export must not leave a truncated file where a good one was.
        string partial = path + ".partial";
        using (FileStream file = File.Create(partial))
            ExportOnnx(file, softmax);
        File.Move(partial, path, overwrite: true);
    }

    /// <summary>The image column the model reads.</summary>
    public string FeatureColumnName => _featureColumnName;

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Model.GetOutputSchema(inputSchema);

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => ((ITransformer)Model).GetRowToRowMapper(inputSchema);

    /// <inheritdoc/>
    public IDataView Transform(IDataView input) => Model.Transform(input);

    /// <summary>Saves as the wrapped ML.NET chain, so loading needs no MlNetSparse assembly.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)Model).Save(ctx);

    /// <inheritdoc/>
    public void Dispose() => Model.Dispose();
}
