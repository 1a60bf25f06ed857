using System.Runtime.InteropServices;
using Microsoft.ML.Data;
using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Data;

/// <summary>
/// Accumulates feature rows into the core's matrix: dense rows are appended as whole spans (a
/// dense vector column is read at memory speed, not entry by entry), sparse rows in compressed
/// sparse row form. The first row picks the form; Build converts when the density says the other
/// form is better.
/// </summary>
internal sealed class FeatureRowsBuilder(int columnCount)
{
    // Dense form: row-major values, every row columnCount long.
    private readonly List<float> _denseValues = [];
    private long _denseNonzeros;

    // Sparse form (CSR).
    private readonly List<int> _rowStarts = [0];
    private readonly List<int> _columns = [];
    private readonly List<float> _values = [];

    private bool? _denseForm;
    private int _rowCount;

    /// <summary>Nonzero entries so far.</summary>
    public long StoredCount => _denseForm == true ? _denseNonzeros : _values.Count;

    public void AddRow(in VBuffer<float> row)
    {
        _denseForm ??= row.IsDense;
        _rowCount++;
        if (_denseForm == true)
            AddDense(row);
        else
            AddSparse(row);
    }

    private void AddDense(in VBuffer<float> row)
    {
        ReadOnlySpan<float> values = row.GetValues();
        int start = _denseValues.Count;
        if (row.IsDense)
        {
            _denseValues.AddRange(values);
        }
        else
        {
            CollectionsMarshal.SetCount(_denseValues, start + columnCount);
            Span<float> target = CollectionsMarshal.AsSpan(_denseValues).Slice(start, columnCount);
            target.Clear();
            ReadOnlySpan<int> indices = row.GetIndices();
            for (int p = 0; p < values.Length; p++)
                target[indices[p]] = values[p];
        }
        foreach (float value in values)
            if (value != 0f)
                _denseNonzeros++;
    }

    private void AddSparse(in VBuffer<float> row)
    {
        ReadOnlySpan<float> values = row.GetValues();
        ReadOnlySpan<int> indices = row.IsDense ? default : row.GetIndices();
        for (int p = 0; p < values.Length; p++)
        {
            if (values[p] == 0f)
                continue;
            _columns.Add(row.IsDense ? p : indices[p]);
            _values.Add(values[p]);
        }
        _rowStarts.Add(_values.Count);
    }

    /// <summary>The matrix: dense at or above <paramref name="denseStorageDensity"/> nonzeros, else CSR.</summary>
    public IFeatureMatrix Build(double denseStorageDensity)
    {
        double density = StoredCount / ((double)_rowCount * columnCount);
        bool dense = density >= denseStorageDensity;
        if (_denseForm == true)
            return dense ? new DenseFeatureMatrix([.. _denseValues], _rowCount, columnCount) : DenseToCsr();
        if (!dense)
            return new SparseFeatureMatrix([.. _rowStarts], [.. _columns], [.. _values], columnCount);
        var values = new float[checked(_rowCount * columnCount)];
        for (int i = 0; i < _rowCount; i++)
            for (int p = _rowStarts[i]; p < _rowStarts[i + 1]; p++)
                values[i * columnCount + _columns[p]] = _values[p];
        return new DenseFeatureMatrix(values, _rowCount, columnCount);
    }

    private SparseFeatureMatrix DenseToCsr()
    {
        ReadOnlySpan<float> all = CollectionsMarshal.AsSpan(_denseValues);
        var rowStarts = new int[_rowCount + 1];
        var columns = new int[checked((int)_denseNonzeros)];
        var values = new float[columns.Length];
        int stored = 0;
        for (int i = 0; i < _rowCount; i++)
        {
            ReadOnlySpan<float> row = all.Slice(i * columnCount, columnCount);
            for (int j = 0; j < columnCount; j++)
            {
                if (row[j] == 0f)
                    continue;
                columns[stored] = j;
                values[stored++] = row[j];
            }
            rowStarts[i + 1] = stored;
        }
        return new SparseFeatureMatrix(rowStarts, columns, values, columnCount);
    }
}
