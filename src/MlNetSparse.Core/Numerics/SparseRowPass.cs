using System.Numerics;

namespace MlNetSparse.Core.Numerics;

/// <summary>
/// The fused passes over a CSR X. Per row, a gather z_c = b_c + Σ_p v_p·W[c, col_p]; per block of
/// rows the loss; then a scatter ∇W[c, col_p] += C[i, c]·v_p while the block's indices and values
/// are still in L1. For k &gt; 1, W and the partial ∇W are kept feature-major (n×k), so one
/// gather or scatter touches one cache line instead of k.
/// </summary>
/// <remarks>
/// ∇ is scattered straight into the chunk's double partial: a column can collect millions of terms,
/// and a float block sum would have to be flushed over all n columns however few a block touched.
/// </remarks>
internal sealed class SparseRowPass : ChunkedRowPass
{
    // A block's column indices and values (8 bytes an entry) stay in L1 (32–48 KiB) between gather and scatter,
    // with room left for the lines of W and ∇W that the gathers and scatters bring in.
    private const int BlockBytes = 16 * 1024;
    private const int MaximumBlockRows = 256;

    private readonly int[] _rowStarts;
    private readonly int[] _columnIndices;
    private readonly float[] _values;
    private readonly int _blockRows;

    public SparseRowPass(int[] rowStarts, int[] columnIndices, float[] values, int columnCount)
        : base(rowStarts.Length - 1, columnCount, values.Length, featureMajor: true, bytesPerPartialEntry: sizeof(double))
    {
        _rowStarts = rowStarts;
        _columnIndices = columnIndices;
        _values = values;
        long perRow = Math.Max(1, (values.Length + RowCount - 1) / RowCount);
        int fit = (int)Math.Clamp(BlockBytes / ((sizeof(int) + sizeof(float)) * perRow), 1, MaximumBlockRows);
        _blockRows = 1 << BitOperations.Log2((uint)fit);
    }

    protected override void EnsureScratch(ChunkPartials partials, bool withGradient)
        => ChunkPartials.Ensure(ref partials.Margins, _blockRows * OutputCount);

    protected override double RunRows(int start, int end, ChunkPartials partials, bool withGradient)
    {
        int k = OutputCount;
        double loss = 0;
        for (int first = start; first < end; first += _blockRows)
        {
            int count = Math.Min(_blockRows, end - first);
            Span<float> block = partials.Margins.AsSpan(0, count * k);
            if (k == 1)
                Margins(first, block);
            else
                Margins(first, count, block);
            if (!withGradient)
            {
                loss += Transform.Loss(first, block);
                continue;
            }
            loss += Transform.LossAndCoefficients(first, block);
            if (k == 1)
                AddGradient(first, block, partials);
            else
                AddGradient(first, count, block, partials);
        }
        return loss;
    }

    protected override void ColumnSquareRows(int start, int end, ChunkPartials partials)
    {
        double[] total = partials.Weights;
        ReadOnlySpan<float> rowWeights = RowWeights;
        for (int i = start; i < end; i++)
        {
            double w = rowWeights[i];
            for (int p = _rowStarts[i]; p < _rowStarts[i + 1]; p++)
                total[_columnIndices[p]] += w * _values[p] * _values[p];
        }
    }

    // k = 1: z_i = b + Σ_p v_p·w[col_p].
    private void Margins(int first, Span<float> block)
    {
        ReadOnlySpan<float> w = Weights;
        float bias = Biases[0];
        for (int r = 0; r < block.Length; r++)
        {
            int start = _rowStarts[first + r], length = _rowStarts[first + r + 1] - start;
            block[r] = GatherDot(_columnIndices.AsSpan(start, length), _values.AsSpan(start, length), w) + bias;
        }
    }

    // k > 1: z_i = b + Σ_p v_p·Wᵀ[col_p, ·], Wᵀ feature-major.
    private void Margins(int first, int count, Span<float> block)
    {
        int k = OutputCount;
        ReadOnlySpan<float> wt = Weights;
        for (int r = 0; r < count; r++)
        {
            int i = first + r;
            Span<float> z = block.Slice(r * k, k);
            Biases.CopyTo(z);
            for (int p = _rowStarts[i]; p < _rowStarts[i + 1]; p++)
            {
                float v = _values[p];
                ReadOnlySpan<float> column = wt.Slice(_columnIndices[p] * k, k);
                for (int c = 0; c < k; c++)
                    z[c] += v * column[c];
            }
        }
    }

    // k = 1: ∇w[col_p] += C_i·v_p.
    private void AddGradient(int first, ReadOnlySpan<float> coefficients, ChunkPartials partials)
    {
        double[] total = partials.Weights;
        double biasSum = 0;
        for (int r = 0; r < coefficients.Length; r++)
        {
            double c = coefficients[r];
            if (c == 0)
                continue; // rows of weight 0
            biasSum += c;
            int start = _rowStarts[first + r], length = _rowStarts[first + r + 1] - start;
            ReadOnlySpan<int> columns = _columnIndices.AsSpan(start, length);
            ReadOnlySpan<float> values = _values.AsSpan(start, length);
            for (int p = 0; p < columns.Length; p++)
                total[columns[p]] += c * values[p];
        }
        partials.Biases[0] += biasSum;
    }

    // k > 1: ∇Wᵀ[col_p, ·] += v_p·C[i, ·], ∇Wᵀ feature-major.
    private void AddGradient(int first, int count, ReadOnlySpan<float> coefficients, ChunkPartials partials)
    {
        int k = OutputCount;
        Span<double> total = partials.Weights;
        Span<double> biases = partials.Biases.AsSpan(0, k);
        for (int r = 0; r < count; r++)
        {
            ReadOnlySpan<float> c = coefficients.Slice(r * k, k);
            for (int q = 0; q < k; q++)
                biases[q] += c[q];
            int i = first + r;
            for (int p = _rowStarts[i]; p < _rowStarts[i + 1]; p++)
            {
                double v = _values[p];
                Span<double> column = total.Slice(_columnIndices[p] * k, k);
                for (int q = 0; q < k; q++)
                    column[q] += v * c[q];
            }
        }
    }

    // Σ_p v_p·w[col_p] with four independent sums, so the gathers' latencies overlap.
    private static float GatherDot(ReadOnlySpan<int> columns, ReadOnlySpan<float> values, ReadOnlySpan<float> w)
    {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int p = 0;
        for (; p + 4 <= columns.Length; p += 4)
        {
            s0 += values[p] * w[columns[p]];
            s1 += values[p + 1] * w[columns[p + 1]];
            s2 += values[p + 2] * w[columns[p + 2]];
            s3 += values[p + 3] * w[columns[p + 3]];
        }
        for (; p < columns.Length; p++)
            s0 += values[p] * w[columns[p]];
        return (s0 + s1) + (s2 + s3);
    }
}
