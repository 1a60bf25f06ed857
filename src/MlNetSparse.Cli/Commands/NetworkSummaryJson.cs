using MlNetSparse.Core.Networks;

namespace MlNetSparse.Cli.Commands;

/// <summary>
/// A <see cref="NetworkSummary"/> as JSON fields (serialised with <see cref="JsonReportOptions.Default"/>): one object
/// per layer and one for the totals, with the same fields; the definitions are those of <see cref="LayerSummary"/>.
/// </summary>
internal static class NetworkSummaryJson
{
    /// <summary>The per-layer objects, first layer first.</summary>
    public static IEnumerable<object> Layers(NetworkSummary summary) => summary.Layers.Select(Row);

    /// <summary>The totals object.</summary>
    public static object Totals(NetworkSummary summary) => Row(summary.Totals);

    private static object Row(LayerSummary row) => new
    {
        name = row.Name,
        kind = row.Kind,
        outputShape = new[] { row.OutputShape.Channels, row.OutputShape.Height, row.OutputShape.Width },
        parameters = row.Parameters,
        weights = row.Weights,
        nonzeroWeights = row.NonzeroWeights,
        inputBinary = row.InputBinary,
        outputBinary = row.OutputBinary,
        multiplyAdds = row.MultiplyAdds,
        binaryInputMultiplyAdds = row.BinaryInputMultiplyAdds,
        nonzeroMultiplyAdds = row.NonzeroMultiplyAdds,
        float32Bytes = row.Float32Bytes,
        sparseBytes = row.SparseBytes,
        activationFloat32Bytes = row.ActivationFloat32Bytes,
        activationPackedBytes = row.ActivationPackedBytes,
    };
}
