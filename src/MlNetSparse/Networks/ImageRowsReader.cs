using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSparse.Data;

namespace MlNetSparse.Networks;

/// <summary>
/// Reads a fixed-size float vector column and a key label into the flat arrays the network trainer
/// takes. Rows with a missing label or a non-finite pixel are skipped and counted (ML.NET's
/// convention); no usable row left is an error.
/// </summary>
internal static class ImageRowsReader
{
    public sealed record Rows(float[] Inputs, float[] Labels, int Count, long Read, long MissingLabel, long NonFiniteFeatures);

    public static Rows Read(IDataView data, TrainingColumns columns, int featureCount, Action checkAlive)
    {
        var featureColumn = data.Schema[columns.Feature];
        var labelColumn = data.Schema[columns.Label];
        var inputs = new List<float>();
        var labels = new List<float>();
        long read = 0, missingLabel = 0, nonFinite = 0;
        using DataViewRowCursor cursor = data.GetRowCursor([featureColumn, labelColumn]);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(featureColumn);
        var getLabel = new LabelReader.Key().CreateGetter(cursor, labelColumn);
        VBuffer<float> features = default;
        float label = 0;
        var dense = new float[featureCount];
        while (cursor.MoveNext())
        {
            read++;
            if ((read & 1023) == 0)
                checkAlive();
            getLabel(ref label);
            if (float.IsNaN(label))
            {
                missingLabel++;
                continue;
            }
            getFeatures(ref features);
            features.CopyTo(dense);
            if (!AllFinite(dense))
            {
                nonFinite++;
                continue;
            }
            inputs.AddRange(dense);
            labels.Add(label);
        }
        if (labels.Count == 0)
            throw new InvalidOperationException(
                $"No usable training rows: of {read} rows read, {missingLabel} have a missing label in '{columns.Label}' and " +
                $"{nonFinite} a missing or non-finite value in '{columns.Feature}'.");
        return new Rows(inputs.ToArray(), labels.ToArray(), labels.Count, read, missingLabel, nonFinite);
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (float v in values)
            if (!float.IsFinite(v))
                return false;
        return true;
    }
}
