using System.Numerics.Tensors;
using MlNetSparse.Core.Numerics.Blas;

namespace MlNetSparse.Core.Numerics;

/// <summary>A dense, row-major m×n matrix of float features.</summary>
/// <remarks>
/// The fused passes (<see cref="LossAndGradient"/>, <see cref="Loss"/>) read each block of rows once:
/// a dot and an axpy per row when k = 1, two SGEMMs per block on the <see cref="IBlas"/> when k &gt; 1.
/// </remarks>
public sealed class DenseFeatureMatrix : IFeatureMatrix
{
    // Rows are summed into a float partial this many at a time, then the partial into a double
    // total: SIMD speed in the inner loop, double-precision accuracy over many rows.
    private const int RowsPerPartialSum = DenseRowPass.RowsPerPartialSum;

    private readonly float[] _values;
    private readonly IBlas _blas;
    private float[] _partial = [];
    private double[] _total = [];
    private DenseRowPass? _pass;

    /// <summary>Wraps <paramref name="values"/> (row-major, length m·n) without copying.</summary>
    /// <param name="values">X, row-major.</param>
    /// <param name="rowCount">m.</param>
    /// <param name="columnCount">n.</param>
    /// <param name="blas">The GEMM used by the fused passes when k &gt; 1; null for <see cref="BlasBackend.Current"/>.</param>
    public DenseFeatureMatrix(float[] values, int rowCount, int columnCount, IBlas? blas = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        Guard.InRange(rowCount, 1, int.MaxValue);
        Guard.InRange(columnCount, 1, int.MaxValue);
        Guard.Length(values.Length, checked(rowCount * columnCount), nameof(values));
        _values = values;
        _blas = blas ?? BlasBackend.Current;
        RowCount = rowCount;
        ColumnCount = columnCount;
    }

    /// <inheritdoc/>
    public int RowCount { get; }

    /// <inheritdoc/>
    public int ColumnCount { get; }

    /// <inheritdoc/>
    public long StoredCount => (long)RowCount * ColumnCount;

    /// <summary>Row i as a span of n values.</summary>
    public ReadOnlySpan<float> Row(int i) => _values.AsSpan(i * ColumnCount, ColumnCount);

    /// <inheritdoc/>
    public void Multiply(ReadOnlySpan<float> weights, int outputCount, Span<float> margins)
    {
        FeatureMatrixChecks.Multiply(this, weights, outputCount, margins);
        int n = ColumnCount;
        for (int i = 0; i < RowCount; i++)
        {
            ReadOnlySpan<float> row = Row(i);
            for (int c = 0; c < outputCount; c++)
                margins[i * outputCount + c] = TensorPrimitives.Dot(row, weights.Slice(c * n, n)); // zᵢc = xᵢ·w_c
        }
    }

    /// <inheritdoc/>
    public void TransposeMultiply(ReadOnlySpan<float> coefficients, int outputCount, Span<float> result)
    {
        FeatureMatrixChecks.TransposeMultiply(this, coefficients, outputCount, result);
        int n = ColumnCount, size = outputCount * n;
        EnsureScratch(size);
        Span<float> partial = _partial.AsSpan(0, size);
        Span<double> total = _total.AsSpan(0, size);
        total.Clear();
        for (int start = 0; start < RowCount; start += RowsPerPartialSum)
        {
            partial.Clear();
            int end = Math.Min(RowCount, start + RowsPerPartialSum);
            for (int i = start; i < end; i++)
            {
                ReadOnlySpan<float> row = Row(i);
                for (int c = 0; c < outputCount; c++)
                {
                    float coefficient = coefficients[i * outputCount + c];
                    if (coefficient == 0f)
                        continue;
                    Span<float> g = partial.Slice(c * n, n);
                    TensorPrimitives.MultiplyAdd(row, coefficient, g, g); // g_c ← g_c + C[i,c]·xᵢ
                }
            }
            for (int p = 0; p < size; p++)
                total[p] += partial[p];
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

    private DenseRowPass Pass => _pass ??= new DenseRowPass(_values, RowCount, ColumnCount, _blas);

    private void EnsureScratch(int size)
    {
        if (_partial.Length < size)
        {
            _partial = new float[size];
            _total = new double[size];
        }
    }
}
