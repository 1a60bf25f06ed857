using Microsoft.ML.Data;
using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Sparsity;

namespace MlNetSparse.Data;

/// <summary>
/// Accumulates feature rows into the core's matrix: dense rows are appended as whole spans (a
/// dense vector column is read at memory speed, not entry by entry), sparse rows in compressed
/// sparse row form. The first row picks the form; Build converts when the density says the other
/// form is better.
/// </summary>
/// <remarks>
/// The values go into <see cref="ChunkedBuffer{T}"/>s, presized when the row count is known: dense rows
/// are then read in one copy, straight into the matrix's array (docs/architecture.md#training-call, step 4).
/// </remarks>
internal sealed class FeatureRowsBuilder
{
    private readonly int _columnCount;
    private readonly long _expectedRows;
    private readonly int _threads;

    // Dense form: row-major values, every row columnCount long.
    private ChunkedBuffer<float>? _denseValues;
    private long _denseNonzeros;

    // Sparse form (CSR).
    private ChunkedBuffer<int>? _rowStarts;
    private ChunkedBuffer<int>? _columns;
    private ChunkedBuffer<float>? _values;

    private bool? _denseForm;
    private int _rowCount;

    /// <summary>A builder for rows of <paramref name="columnCount"/> features.</summary>
    /// <param name="columnCount">n.</param>
    /// <param name="expectedRows">The rows expected (the data view's row count, an upper bound when rows are skipped); 0 when unknown.</param>
    /// <param name="threads">The threads that may prepare the matrix's memory before it is filled (<see cref="FreshArray"/>).</param>
    public FeatureRowsBuilder(int columnCount, long expectedRows = 0, int threads = 1)
    {
        _columnCount = columnCount;
        _expectedRows = expectedRows;
        _threads = threads;
    }

    /// <summary>Nonzero entries so far.</summary>
    public long StoredCount => _denseForm == true ? _denseNonzeros : _values?.Count ?? 0;

    public void AddRow(in VBuffer<float> row)
    {
        if (_denseForm is null)
            StartForm(row.IsDense);
        _rowCount++;
        if (_denseForm == true)
            AddDense(row);
        else
            AddSparse(row);
    }

    private void StartForm(bool dense)
    {
        _denseForm = dense;
        if (dense)
        {
            _denseValues = new ChunkedBuffer<float>(_expectedRows * _columnCount, granule: _columnCount, _threads);
            return;
        }
        _rowStarts = new ChunkedBuffer<int>(_expectedRows > 0 ? _expectedRows + 1 : 0);
        _rowStarts.Add(0);
        _columns = new ChunkedBuffer<int>(threads: _threads);
        _values = new ChunkedBuffer<float>(threads: _threads);
    }

    private void AddDense(in VBuffer<float> row)
    {
        ReadOnlySpan<float> values = row.GetValues();
        if (row.IsDense)
        {
            _denseValues!.Append(values);
        }
        else
        {
            Span<float> target = _denseValues!.AppendZeros(_columnCount);
            ReadOnlySpan<int> indices = row.GetIndices();
            for (int p = 0; p < values.Length; p++)
                target[indices[p]] = values[p];
        }
        _denseNonzeros += Support.CountNonzero(values);
    }

    private void AddSparse(in VBuffer<float> row)
    {
        ReadOnlySpan<float> values = row.GetValues();
        ReadOnlySpan<int> indices = row.IsDense ? default : row.GetIndices();
        for (int p = 0; p < values.Length; p++)
        {
            if (values[p] == 0f)
                continue;
            _columns!.Add(row.IsDense ? p : indices[p]);
            _values!.Add(values[p]);
        }
        _rowStarts!.Add(checked((int)_values!.Count));
    }

    /// <summary>The matrix: dense at or above <paramref name="denseStorageDensity"/> nonzeros, else CSR. The builder is empty afterwards.</summary>
    public IFeatureMatrix Build(double denseStorageDensity)
    {
        double density = StoredCount / ((double)_rowCount * _columnCount);
        bool dense = density >= denseStorageDensity;
        if (_denseForm == true)
            return dense ? new DenseFeatureMatrix(_denseValues!.ToArray(), _rowCount, _columnCount) : DenseToCsr();
        int[] rowStarts = _rowStarts!.ToArray(), columns = _columns!.ToArray();
        float[] values = _values!.ToArray();
        if (!dense)
            return new SparseFeatureMatrix(rowStarts, columns, values, _columnCount);
        var denseValues = new float[checked(_rowCount * _columnCount)];
        for (int i = 0; i < _rowCount; i++)
            for (int p = rowStarts[i]; p < rowStarts[i + 1]; p++)
                denseValues[i * _columnCount + columns[p]] = values[p];
        return new DenseFeatureMatrix(denseValues, _rowCount, _columnCount);
    }

    // Every dense append was one row, so each segment holds whole rows.
    private SparseFeatureMatrix DenseToCsr()
    {
        var rowStarts = new int[_rowCount + 1];
        var columns = new int[checked((int)_denseNonzeros)];
        var values = new float[columns.Length];
        int stored = 0, i = 0;
        foreach (ReadOnlyMemory<float> segment in _denseValues!.Segments())
        {
            ReadOnlySpan<float> rows = segment.Span;
            for (int start = 0; start < rows.Length; start += _columnCount, i++)
            {
                ReadOnlySpan<float> row = rows.Slice(start, _columnCount);
                for (int j = 0; j < _columnCount; j++)
                {
                    if (row[j] == 0f)
                        continue;
                    columns[stored] = j;
                    values[stored++] = row[j];
                }
                rowStarts[i + 1] = stored;
            }
        }
        _denseValues = null;
        return new SparseFeatureMatrix(rowStarts, columns, values, _columnCount);
    }
}
