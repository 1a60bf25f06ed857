using Microsoft.ML.Data;
using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Benchmarks;

/// <summary>Sparse features in CSR form, generated straight into the final arrays (no lists, no copies).</summary>
internal sealed class CsrRows : LabeledRows
{
    private const int RowsPerBlock = 4096;

    private readonly int[] _rowStarts;
    private readonly int[] _columns;
    private readonly float[] _values;

    private CsrRows(int[] rowStarts, int[] columns, float[] values, int featureCount, float[] labels)
        : base(labels)
    {
        _rowStarts = rowStarts;
        _columns = columns;
        _values = values;
        FeatureCount = featureCount;
    }

    public override int FeatureCount { get; }

    public override long StoredCount => _values.LongLength;

    public override long StoredBytes => _values.LongLength * sizeof(float) + _columns.LongLength * sizeof(int) + _rowStarts.LongLength * sizeof(int);

    /// <summary>Rows [firstRow, firstRow + rowCount): row lengths first (one draw each), then every row in parallel into its slot.</summary>
    public static CsrRows Generate(SyntheticSparseProblem problem, long firstRow, int rowCount)
    {
        var rowStarts = new int[rowCount + 1];
        for (int i = 0; i < rowCount; i++)
            rowStarts[i + 1] = checked(rowStarts[i] + problem.RowLength(firstRow + i));
        var columns = new int[rowStarts[^1]];
        var values = new float[rowStarts[^1]];
        var labels = new float[rowCount];
        int blocks = (rowCount + RowsPerBlock - 1) / RowsPerBlock;
        Parallel.For(0, blocks, block =>
        {
            for (int i = block * RowsPerBlock; i < Math.Min(rowCount, (block + 1) * RowsPerBlock); i++)
            {
                int start = rowStarts[i], length = rowStarts[i + 1] - start;
                bool label = problem.GenerateRow(firstRow + i, columns.AsSpan(start, length), values.AsSpan(start, length));
                labels[i] = label ? 1f : 0f;
            }
        });
        return new CsrRows(rowStarts, columns, values, problem.FeatureCount, labels);
    }

    public override double ReadAllOnce(int threads)
        => StreamingRead.Sum(_values, threads) + StreamingRead.Sum(_columns, threads) + StreamingRead.Sum(_rowStarts, threads);

    public override bool ReadRow(int row, ref VBuffer<float> features)
    {
        int start = _rowStarts[row], length = _rowStarts[row + 1] - start;
        var editor = VBufferEditor.Create(ref features, FeatureCount, length);
        _values.AsSpan(start, length).CopyTo(editor.Values);
        _columns.AsSpan(start, length).CopyTo(editor.Indices);
        features = editor.Commit();
        return Labels[row] == 1f;
    }

    /// <summary>Row <paramref name="row"/>'s columns and values, for checks.</summary>
    public (ReadOnlyMemory<int> Columns, ReadOnlyMemory<float> Values) Row(int row)
    {
        int start = _rowStarts[row], length = _rowStarts[row + 1] - start;
        return (_columns.AsMemory(start, length), _values.AsMemory(start, length));
    }

    protected override IFeatureMatrix CreateMatrix() => new SparseFeatureMatrix(_rowStarts, _columns, _values, FeatureCount);
}
