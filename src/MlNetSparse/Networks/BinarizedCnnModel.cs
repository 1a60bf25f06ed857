using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Networks.Layers;
using MlNetSparse.Data;
using MlNetSparse.Internals;
using MlNetSparse.Onnx;

namespace MlNetSparse.Networks;

/// <summary>
/// Turns a trained network into ML.NET transformers (docs/architecture.md#mlnet-integration, route 2): the layers before the last
/// become an ONNX graph run by OnnxTransformer into <see cref="HiddenColumnName"/>, and the last
/// dense layer becomes ML.NET's softmax model on that column. The chain saves and loads with
/// Microsoft.ML and Microsoft.ML.OnnxTransformer alone.
/// </summary>
internal static class BinarizedCnnModel
{
    /// <summary>The column holding the last hidden layer's output (the input of the final dense layer).</summary>
    public const string HiddenColumnName = "BinarizedCnnHidden";

    public static TransformerChain<ITransformer> Build(IHost host, Network network, IDataView input,
        TrainingColumns columns, string[]? classNames)
    {
        var output = (DenseLayer)network.Layers[^1];
        var transformers = new List<ITransformer>();
        DataViewSchema schema = input.Schema;
        string featureColumn = columns.Feature;
        if (network.Layers.Count > 1)
        {
            byte[] onnx = NetworkOnnx.Export(network, columns.Feature, HiddenColumnName, network.Layers.Count - 1, perRow: true);
            using var stream = new MemoryStream(onnx, writable: false);
            // Fitting the ONNX estimator reads no rows: it binds the columns of the schema.
            ITransformer featureLayers = MlNetInternals.CreateTransformsCatalog(host)
                .ApplyOnnxModel(HiddenColumnName, columns.Feature, stream)
                .Fit(input);
            transformers.Add(featureLayers);
            schema = featureLayers.GetOutputSchema(input.Schema);
            featureColumn = HiddenColumnName;
        }
        var weights = new VBuffer<float>[output.Outputs];
        for (int c = 0; c < output.Outputs; c++)
            weights[c] = SparseVectors.FromDense(output.Weights.AsSpan(c * output.Inputs, output.Inputs));
        MaximumEntropyModelParameters model = MlNetInternals.CreateMaximumEntropy(host, weights, (float[])output.Bias.Clone(),
            output.Outputs, output.Inputs, classNames, null);
        transformers.Add(PredictionTransformers<MaximumEntropyModelParameters>.CreateMulticlass(host, model, schema,
            featureColumn, columns.Label, "Score", "PredictedLabel"));
        return new TransformerChain<ITransformer>(transformers.ToArray());
    }
}
