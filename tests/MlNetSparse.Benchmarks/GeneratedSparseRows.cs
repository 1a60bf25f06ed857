using Microsoft.ML.Data;

namespace MlNetSparse.Benchmarks;

/// <summary>
/// The sparse problem's rows regenerated from the seed on every read and never stored: what a
/// streaming (mini-batch) trainer sees when the data do not fit in memory. Each row is written
/// straight into the caller's buffer, so reading holds one row at a time and is thread-safe.
/// </summary>
internal sealed class GeneratedSparseRows(SyntheticSparseProblem problem, long firstRow, int rowCount) : IRowSource
{
    public int RowCount => rowCount;

    public int FeatureCount => problem.FeatureCount;

    public bool ReadRow(int row, ref VBuffer<float> features)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, rowCount);
        int length = problem.RowLength(firstRow + row);
        var editor = VBufferEditor.Create(ref features, FeatureCount, length);
        bool label = problem.GenerateRow(firstRow + row, editor.Indices, editor.Values);
        features = editor.Commit();
        return label;
    }
}
