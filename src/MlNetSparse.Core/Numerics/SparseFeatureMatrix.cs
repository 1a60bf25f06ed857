namespace MlNetSparse.Core.Numerics;

/// <summary>
/// A sparse m×n matrix of float features in compressed sparse row (CSR) form: row i holds the
/// entries <c>values[p]</c> at columns <c>columnIndices[p]</c> for p in [rowStarts[i], rowStarts[i+1]).
/// </summary>
public sealed class SparseFeatureMatrix : IFeatureMatrix
{
    private readonly int[] _rowStarts;
    private readonly int[] _columnIndices;
    private readonly float[] _values;
    private double[] _total = [];
    private SparseRowPass? _pass;
    private long[]? _densestColumnEntries;

    /// <summary>Wraps CSR arrays without copying; column indices must be in [0, n).</summary>
    public SparseFeatureMatrix(int[] rowStarts, int[] columnIndices, float[] values, int columnCount)
    {
        ArgumentNullException.ThrowIfNull(rowStarts);
        ArgumentNullException.ThrowIfNull(columnIndices);
        ArgumentNullException.ThrowIfNull(values);
        Guard.InRange(rowStarts.Length, 2, int.MaxValue);
        Guard.InRange(columnCount, 1, int.MaxValue);
        Guard.Length(values.Length, columnIndices.Length, nameof(values));
        Guard.Length(rowStarts[^1], values.Length, "rowStarts[^1]");
        if (rowStarts[0] != 0)
            throw new ArgumentException($"rowStarts must start at 0; got {rowStarts[0]}.", nameof(rowStarts));
        for (int i = 0; i + 1 < rowStarts.Length; i++)
            if (rowStarts[i] > rowStarts[i + 1])
                throw new ArgumentException($"rowStarts must be non-decreasing from 0; row {i} starts at {rowStarts[i]} and ends at {rowStarts[i + 1]}.", nameof(rowStarts));
        foreach (int column in columnIndices)
            if ((uint)column >= (uint)columnCount)
                throw new ArgumentOutOfRangeException(nameof(columnIndices), $"Column indices must be in [0, {columnCount - 1}]; got {column}.");
        _rowStarts = rowStarts;
        _columnIndices = columnIndices;
        _values = values;
        RowCount = rowStarts.Length - 1;
        ColumnCount = columnCount;
    }

    /// <summary>
    /// DensestColumnEntries[j] = the stored entries of the j most populated columns together (j in [0, n]), computed
    /// on first use: an estimate of how many of a row's entries fall in a support of j columns, which the restricted
    /// Hessian's cost needs before the support is known (docs/algorithms.md#support-polish).
    /// </summary>
    internal long[] DensestColumnEntries => LazyInitializer.EnsureInitialized(ref _densestColumnEntries, CountDensestColumnEntries);

    private long[] CountDensestColumnEntries()
    {
        var counts = new long[ColumnCount];
        foreach (int column in _columnIndices)
            counts[column]++;
        Array.Sort(counts, (a, b) => b.CompareTo(a));
        var prefix = new long[ColumnCount + 1];
        for (int j = 0; j < ColumnCount; j++)
            prefix[j + 1] = prefix[j] + counts[j];
        return prefix;
    }

    /// <inheritdoc/>
    public int RowCount { get; }

    /// <inheritdoc/>
    public int ColumnCount { get; }

    /// <inheritdoc/>
    public long StoredCount => _values.Length;

    /// <summary>The column indices of row <paramref name="i"/>'s stored entries.</summary>
    public ReadOnlySpan<int> RowColumns(int i) => _columnIndices.AsSpan(_rowStarts[i], _rowStarts[i + 1] - _rowStarts[i]);

    /// <summary>The values of row <paramref name="i"/>'s stored entries, in the order of <see cref="RowColumns"/>.</summary>
    public ReadOnlySpan<float> RowValues(int i) => _values.AsSpan(_rowStarts[i], _rowStarts[i + 1] - _rowStarts[i]);

    /// <inheritdoc/>
    public void Multiply(ReadOnlySpan<float> weights, int outputCount, Span<float> margins)
    {
        FeatureMatrixChecks.Multiply(this, weights, outputCount, margins);
        int n = ColumnCount;
        for (int i = 0; i < RowCount; i++)
        {
            for (int c = 0; c < outputCount; c++)
            {
                ReadOnlySpan<float> w = weights.Slice(c * n, n);
                float z = 0f;
                for (int p = _rowStarts[i]; p < _rowStarts[i + 1]; p++)
                    z += _values[p] * w[_columnIndices[p]]; // zᵢc = Σ_p xᵢp·w_c[col p]
                margins[i * outputCount + c] = z;
            }
        }
    }

    /// <inheritdoc/>
    public void TransposeMultiply(ReadOnlySpan<float> coefficients, int outputCount, Span<float> result)
    {
        FeatureMatrixChecks.TransposeMultiply(this, coefficients, outputCount, result);
        int n = ColumnCount, size = outputCount * n;
        if (_total.Length < size)
            _total = new double[size];
        Span<double> total = _total.AsSpan(0, size);
        total.Clear();
        for (int i = 0; i < RowCount; i++)
        {
            for (int c = 0; c < outputCount; c++)
            {
                double coefficient = coefficients[i * outputCount + c];
                if (coefficient == 0)
                    continue;
                Span<double> g = total.Slice(c * n, n);
                for (int p = _rowStarts[i]; p < _rowStarts[i + 1]; p++)
                    g[_columnIndices[p]] += coefficient * _values[p]; // g_c ← g_c + C[i,c]·xᵢ
            }
        }
        for (int p = 0; p < size; p++)
            result[p] = (float)total[p];
    }

    /// <inheritdoc/>
    public void WeightedColumnSquares(ReadOnlySpan<float> rowWeights, Span<double> result, int maxDegreeOfParallelism = 1)
    {
        FeatureMatrixChecks.WeightedColumnSquares(this, rowWeights, result, maxDegreeOfParallelism);
        Pass.WeightedColumnSquares(rowWeights, result, maxDegreeOfParallelism);
    }

    /// <inheritdoc/>
    public double LossAndGradient(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, IMarginBlockTransform transform,
        Span<float> weightGradient, Span<float> biasGradient, int maxDegreeOfParallelism)
    {
        FeatureMatrixChecks.FusedPass(this, weights, biases, transform, maxDegreeOfParallelism);
        FeatureMatrixChecks.FusedGradient(this, transform.OutputCount, weightGradient, biasGradient);
        return Pass.LossAndGradient(weights, biases, transform, weightGradient, biasGradient, maxDegreeOfParallelism);
    }

    /// <inheritdoc/>
    public double Loss(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, IMarginBlockTransform transform, int maxDegreeOfParallelism)
    {
        FeatureMatrixChecks.FusedPass(this, weights, biases, transform, maxDegreeOfParallelism);
        return Pass.Loss(weights, biases, transform, maxDegreeOfParallelism);
    }

    private SparseRowPass Pass => _pass ??= new SparseRowPass(_rowStarts, _columnIndices, _values, ColumnCount);
}
