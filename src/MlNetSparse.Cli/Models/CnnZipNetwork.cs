using System.Buffers.Binary;
using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Onnx;
using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Networks.Layers;
using MlNetSparse.Onnx;

namespace MlNetSparse.Cli.Models;

/// <summary>
/// The network a saved binarized CNN zip holds, read back from its two parts: the ONNX graph of the feature
/// layers (written by NetworkOnnx.Export) and ML.NET's softmax model for the last dense layer that reads
/// the graph's output. The zip stores no other copy of the network, so this is what `inspect` summarises.
/// </summary>
internal static class CnnZipNetwork
{
    /// <summary>
    /// The network, or null when the zip is no binarized CNN this project wrote (no ONNX part followed by a
    /// softmax model on its output, or a graph with an operator the export never writes).
    /// </summary>
    public static Network? Read(ModelZip zip, IReadOnlyList<PipelineStep> steps)
    {
        int onnxStep = -1;
        for (int i = 0; i < steps.Count; i++)
            if (steps[i].Transformer is OnnxTransformer)
                onnxStep = i;
        if (onnxStep < 0 || onnxStep + 1 >= steps.Count
            || steps[onnxStep + 1].Transformer is not ISingleFeaturePredictionTransformer<object> { Model: MaximumEntropyModelParameters softmax } last
            || !steps[onnxStep].AddedColumns.Any(c => c.Name == last.FeatureColumnName))
            return null;
        ZipPart[] parts = zip.Parts.Where(p => p.Name.EndsWith("OnnxModel", StringComparison.Ordinal)).ToArray();
        if (parts.Length != 1)
            return null;

        VBuffer<float>[] weights = [];
        softmax.GetWeights(ref weights, out int classes);
        float[] bias = softmax.GetBiases().ToArray();
        Network network;
        try
        {
            network = NetworkOnnxReader.Read(GraphBytes(zip.Path, parts[0].Name), [LayerSpec.Dense(classes)]);
        }
        catch (InvalidDataException)
        {
            return null;
        }
        var dense = (DenseLayer)network.Layers[^1];
        for (int c = 0; c < classes; c++)
            weights[c].DenseValues().ToArray().CopyTo(dense.Weights, c * dense.Inputs);
        bias.CopyTo(dense.Bias, 0);
        return network;
    }

    // ML.NET saves the graph as a byte array after its int32 length.
    private static byte[] GraphBytes(string zipPath, string entryName)
    {
        using ZipArchive archive = ZipFile.OpenRead(zipPath);
        using var bytes = new MemoryStream();
        using (Stream entry = archive.GetEntry(entryName)!.Open())
            entry.CopyTo(bytes);
        byte[] all = bytes.ToArray();
        return all.Length >= 4 && BinaryPrimitives.ReadInt32LittleEndian(all) == all.Length - 4 ? all[4..] : all;
    }
}
