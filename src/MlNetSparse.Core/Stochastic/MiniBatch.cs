using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Core.Stochastic;

/// <summary>
/// A reusable buffer of training rows (features, label, example weight) that a
/// <see cref="IMiniBatchSource"/> fills and a <see cref="MiniBatchObjective"/> evaluates.
/// </summary>
/// <remarks>
/// The arrays grow (doubling) when a batch needs more room and are never shrunk, so once they have
/// reached the largest batch, filling allocates nothing. <see cref="LargestRowCount"/> records the
/// most rows held at once: the memory a streaming run needs is this many rows, not the data set.
/// </remarks>
public sealed class MiniBatch
{
    private float[] _values = [];
    private int[] _columns = [];
    private int[] _rowStarts = [0];
    private float[] _labels = [];
    private float[] _weights = [];
    private int _storedCount;

    /// <summary>An empty buffer for rows of <paramref name="featureCount"/> features.</summary>
    public MiniBatch(int featureCount, MiniBatchStorage storage)
    {
        Guard.InRange(featureCount, 1, int.MaxValue);
        Guard.Defined(storage);
        FeatureCount = featureCount;
        Storage = storage;
    }

    /// <summary>n, the number of features per row.</summary>
    public int FeatureCount { get; }

    /// <summary>How the rows are stored.</summary>
    public MiniBatchStorage Storage { get; }

    /// <summary>The number of rows held now.</summary>
    public int RowCount { get; private set; }

    /// <summary>The most rows this buffer has held at once.</summary>
    public int LargestRowCount { get; private set; }

    /// <summary>Σ ωᵢ over the rows held, in double.</summary>
    public double WeightSum { get; private set; }

    /// <summary>Changes whenever the contents change, so evaluators can tell a new batch from the same one.</summary>
    internal int Version { get; private set; }

    /// <summary>Empties the buffer, keeping its arrays.</summary>
    public void Clear()
    {
        RowCount = 0;
        _storedCount = 0;
        WeightSum = 0;
        Version++;
    }

    /// <summary>Appends a row given densely (all n values).</summary>
    /// <exception cref="ArgumentException">Wrong length, a non-finite value, or a weight that is not a finite number ≥ 0.</exception>
    public void AddDenseRow(ReadOnlySpan<float> features, float label, float weight = 1f)
    {
        Guard.Length(features.Length, FeatureCount, nameof(features));
        CheckRow(features, weight);
        if (Storage == MiniBatchStorage.Dense)
        {
            EnsureStored(_storedCount + FeatureCount);
            features.CopyTo(_values.AsSpan(_storedCount));
            _storedCount += FeatureCount;
        }
        else
        {
            EnsureStored(_storedCount + FeatureCount);
            for (int j = 0; j < features.Length; j++)
                StoreEntry(j, features[j]);
        }
        EndRow(label, weight);
    }

    /// <summary>Appends a row given by its nonzero entries (column indices in [0, n), each at most once).</summary>
    /// <exception cref="ArgumentException">Mismatched lengths, an index out of range, a non-finite value, or a bad weight.</exception>
    public void AddSparseRow(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, float label, float weight = 1f)
    {
        Guard.Length(indices.Length, values.Length, nameof(indices));
        CheckRow(values, weight);
        foreach (int column in indices)
            if ((uint)column >= (uint)FeatureCount)
                throw new ArgumentOutOfRangeException(nameof(indices), $"Column indices must be in [0, {FeatureCount - 1}]; got {column}.");
        if (Storage == MiniBatchStorage.Dense)
        {
            EnsureStored(_storedCount + FeatureCount);
            Span<float> row = _values.AsSpan(_storedCount, FeatureCount);
            row.Clear();
            for (int p = 0; p < indices.Length; p++)
                row[indices[p]] = values[p];
            _storedCount += FeatureCount;
        }
        else
        {
            EnsureStored(_storedCount + values.Length);
            for (int p = 0; p < values.Length; p++)
                StoreEntry(indices[p], values[p]);
        }
        EndRow(label, weight);
    }

    /// <summary>Row i, all n values (dense storage only).</summary>
    internal ReadOnlySpan<float> DenseRow(int i) => _values.AsSpan(i * FeatureCount, FeatureCount);

    /// <summary>The column indices of row i's stored entries (sparse storage only).</summary>
    internal ReadOnlySpan<int> SparseColumns(int i) => _columns.AsSpan(_rowStarts[i], _rowStarts[i + 1] - _rowStarts[i]);

    /// <summary>The values of row i's stored entries (sparse storage only).</summary>
    internal ReadOnlySpan<float> SparseValues(int i) => _values.AsSpan(_rowStarts[i], _rowStarts[i + 1] - _rowStarts[i]);

    internal ReadOnlySpan<float> Labels => _labels.AsSpan(0, RowCount);

    internal ReadOnlySpan<float> Weights => _weights.AsSpan(0, RowCount);

    /// <summary><c>squares[j] += Σᵢ ωᵢ xᵢⱼ²</c> over the rows held, in double.</summary>
    internal void AccumulateWeightedColumnSquares(Span<double> squares)
    {
        Guard.Length(squares.Length, FeatureCount, nameof(squares));
        for (int i = 0; i < RowCount; i++)
        {
            double w = _weights[i];
            if (Storage == MiniBatchStorage.Dense)
            {
                ReadOnlySpan<float> row = DenseRow(i);
                for (int j = 0; j < row.Length; j++)
                    squares[j] += w * row[j] * row[j];
            }
            else
            {
                ReadOnlySpan<int> columns = SparseColumns(i);
                ReadOnlySpan<float> values = SparseValues(i);
                for (int p = 0; p < values.Length; p++)
                    squares[columns[p]] += w * values[p] * values[p];
            }
        }
    }

    private static void CheckRow(ReadOnlySpan<float> values, float weight)
    {
        if (VectorChecks.ContainsNonFinite(values))
            throw new ArgumentException("A mini-batch row must contain only finite feature values.", "features");
        if (!(weight >= 0) || !float.IsFinite(weight))
            throw new ArgumentOutOfRangeException(nameof(weight), $"weight must be a finite number ≥ 0; got {weight}.");
    }

    private void EndRow(float label, float weight)
    {
        int i = RowCount;
        if (_labels.Length == i)
        {
            int capacity = Math.Max(16, 2 * i);
            Array.Resize(ref _labels, capacity);
            Array.Resize(ref _weights, capacity);
            Array.Resize(ref _rowStarts, capacity + 1);
        }
        _labels[i] = label;
        _weights[i] = weight;
        _rowStarts[i + 1] = _storedCount;
        WeightSum += weight;
        RowCount = i + 1;
        LargestRowCount = Math.Max(LargestRowCount, RowCount);
        Version++;
    }

    // Sparse storage keeps nonzeros only, as the in-memory CSR reader does.
    private void StoreEntry(int column, float value)
    {
        if (value == 0f)
            return;
        _columns[_storedCount] = column;
        _values[_storedCount] = value;
        _storedCount++;
    }

    private void EnsureStored(int count)
    {
        if (_values.Length >= count)
            return;
        int capacity = (int)Math.Min(Array.MaxLength, Math.Max((long)count, 2L * _values.Length));
        Array.Resize(ref _values, capacity);
        if (Storage == MiniBatchStorage.Sparse)
            Array.Resize(ref _columns, capacity);
    }
}
