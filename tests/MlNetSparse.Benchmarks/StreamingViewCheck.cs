using Microsoft.ML.Data;

namespace MlNetSparse.Benchmarks;

/// <summary>The streaming view must serve exactly the rows the CSR arrays hold, or the streaming run would train on other data.</summary>
internal static class StreamingViewCheck
{
    public static void RequireSameRows(RowSourceDataView view, CsrRows stored, int rowsToCheck)
    {
        using var cursor = view.GetRowCursor(view.Schema);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(view.Schema[RowSourceDataView.FeatureColumn]);
        var getLabel = cursor.GetGetter<bool>(view.Schema[RowSourceDataView.LabelColumn]);
        VBuffer<float> features = default;
        bool label = false;
        for (int row = 0; row < rowsToCheck && cursor.MoveNext(); row++)
        {
            getFeatures(ref features);
            getLabel(ref label);
            var (columns, values) = stored.Row(row);
            bool same = features.GetIndices().SequenceEqual(columns.Span) && features.GetValues().SequenceEqual(values.Span)
                && label == (stored.Labels[row] == 1f);
            if (!same)
                throw new InvalidOperationException($"The streaming view's row {row} differs from the stored CSR row: the generator is not deterministic.");
        }
    }
}
