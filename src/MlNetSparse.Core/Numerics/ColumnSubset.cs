namespace MlNetSparse.Core.Numerics;

/// <summary>
/// X restricted to a set of columns W, as its own CSR matrix X_W (column t of X_W is column W[t] of X):
/// a pass over X_W touches only the entries in W's columns, which is what makes a working-set run
/// cheap (docs/algorithms.md#working-set). Building it reads X once.
/// </summary>
internal static class ColumnSubset
{
    /// <summary>X_W for the ascending, distinct columns <paramref name="columns"/>: the same rows, their entries in W in the same order.</summary>
    public static SparseFeatureMatrix Of(SparseFeatureMatrix features, ReadOnlySpan<int> columns)
    {
        var slotOfColumn = new int[features.ColumnCount];
        Array.Fill(slotOfColumn, -1);
        for (int t = 0; t < columns.Length; t++)
        {
            if (t > 0 && columns[t] <= columns[t - 1])
                throw new ArgumentException("Columns must be ascending and distinct.", nameof(columns));
            slotOfColumn[columns[t]] = t;
        }

        int m = features.RowCount;
        var rowStarts = new int[m + 1];
        for (int i = 0; i < m; i++)
        {
            int kept = 0;
            foreach (int column in features.RowColumns(i))
                if (slotOfColumn[column] >= 0)
                    kept++;
            rowStarts[i + 1] = rowStarts[i] + kept;
        }
        var columnIndices = new int[rowStarts[m]];
        var values = new float[rowStarts[m]];
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<int> rowColumns = features.RowColumns(i);
            ReadOnlySpan<float> rowValues = features.RowValues(i);
            int p = rowStarts[i];
            for (int e = 0; e < rowColumns.Length; e++)
            {
                int slot = slotOfColumn[rowColumns[e]];
                if (slot < 0)
                    continue;
                columnIndices[p] = slot;
                values[p++] = rowValues[e];
            }
        }
        return new SparseFeatureMatrix(rowStarts, columnIndices, values, Math.Max(columns.Length, 1));
    }
}
