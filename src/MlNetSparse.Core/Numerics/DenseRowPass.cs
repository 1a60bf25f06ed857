using System.Numerics;
using System.Numerics.Tensors;
using MlNetSparse.Core.Numerics.Blas;

namespace MlNetSparse.Core.Numerics;

/// <summary>
/// The fused passes over a dense row-major X. A block of B rows is multiplied by Wᵀ, handed to the
/// loss, and multiplied back into ∇ while it is still in the core's cache, so X is read from memory
/// once per pass. k = 1: a dot and an axpy per row; k &gt; 1: two GEMMs per block on the injected
/// <see cref="IBlas"/>.
/// </summary>
/// <remarks>
/// ∇ is summed in float over <see cref="RowsPerPartialSum"/> rows (SIMD speed), then added into the
/// chunk's double partial (accuracy over millions of rows), as <see cref="DenseFeatureMatrix.TransposeMultiply"/> does.
/// </remarks>
internal sealed class DenseRowPass : ChunkedRowPass
{
    /// <summary>Rows summed in float before the sum moves to double.</summary>
    public const int RowsPerPartialSum = 256;

    // X_B's size: well inside the L2 of current x64 cores (256 KiB – 2 MiB), with room for W and the float sums.
    private const int BlockBytes = 128 * 1024;

    private readonly float[] _values;
    private readonly IBlas _blas;
    private readonly int _blockRows;

    public DenseRowPass(float[] values, int rowCount, int columnCount, IBlas blas)
        // Each chunk keeps k·n double partials and k·n float block sums.
        : base(rowCount, columnCount, (long)rowCount * columnCount, featureMajor: false, bytesPerPartialEntry: sizeof(double) + sizeof(float))
    {
        _values = values;
        _blas = blas;
        // A power of two, so that blocks tile the 256-row float sums exactly.
        int fit = Math.Clamp(BlockBytes / (sizeof(float) * columnCount), 1, RowsPerPartialSum);
        _blockRows = 1 << BitOperations.Log2((uint)fit);
    }

    protected override void EnsureScratch(ChunkPartials partials, bool withGradient)
    {
        ChunkPartials.Ensure(ref partials.Margins, _blockRows * OutputCount);
        if (!withGradient)
            return;
        ChunkPartials.Ensure(ref partials.BlockSums, OutputCount * ColumnCount);
        ChunkPartials.Ensure(ref partials.Row, ColumnCount);
    }

    protected override double RunRows(int start, int end, ChunkPartials partials, bool withGradient)
    {
        int n = ColumnCount, k = OutputCount;
        Span<float> sums = partials.BlockSums.AsSpan(0, withGradient ? k * n : 0);
        sums.Clear();
        double loss = 0;
        for (int first = start; first < end; first += _blockRows)
        {
            int count = Math.Min(_blockRows, end - first);
            ReadOnlySpan<float> x = _values.AsSpan(first * n, count * n);
            Span<float> block = partials.Margins.AsSpan(0, count * k);
            Margins(x, count, block);
            if (!withGradient)
            {
                loss += Transform.Loss(first, block);
                continue;
            }
            loss += Transform.LossAndCoefficients(first, block);
            AddGradient(x, count, block, sums, partials.Biases);
            if ((first + count - start) % RowsPerPartialSum == 0 || first + count == end)
                MoveIntoTotal(sums, partials.Weights);
        }
        return loss;
    }

    protected override void ColumnSquareRows(int start, int end, ChunkPartials partials)
    {
        int n = ColumnCount;
        Span<float> sums = partials.BlockSums.AsSpan(0, n), scaled = partials.Row.AsSpan(0, n);
        sums.Clear();
        ReadOnlySpan<float> rowWeights = RowWeights;
        for (int i = start; i < end; i++)
        {
            ReadOnlySpan<float> row = _values.AsSpan(i * n, n);
            if (rowWeights[i] != 0f)
            {
                TensorPrimitives.Multiply(row, rowWeights[i], scaled);
                TensorPrimitives.MultiplyAdd(scaled, row, sums, sums); // Σ w·x² over the float block
            }
            if ((i + 1 - start) % RowsPerPartialSum == 0 || i + 1 == end)
                MoveIntoTotal(sums, partials.Weights);
        }
    }

    // Z_B = X_B·Wᵀ + 1·bᵀ.
    private void Margins(ReadOnlySpan<float> x, int count, Span<float> block)
    {
        int n = ColumnCount, k = OutputCount;
        ReadOnlySpan<float> w = Weights, b = Biases;
        if (k == 1)
        {
            for (int r = 0; r < count; r++)
                block[r] = TensorPrimitives.Dot(x.Slice(r * n, n), w) + b[0];
            return;
        }
        _blas.Sgemm(transposeA: false, transposeB: true, count, k, n, 1f, x, n, w, n, 0f, block, k);
        for (int r = 0; r < count; r++)
            for (int c = 0; c < k; c++)
                block[r * k + c] += b[c];
    }

    // sums += C_Bᵀ·X_B (float), bias partials += C_Bᵀ·1 (double).
    private void AddGradient(ReadOnlySpan<float> x, int count, ReadOnlySpan<float> coefficients, Span<float> sums, double[] biasTotals)
    {
        int n = ColumnCount, k = OutputCount;
        if (k == 1)
        {
            double biasSum = 0;
            for (int r = 0; r < count; r++)
            {
                float c = coefficients[r];
                if (c == 0f)
                    continue; // rows of weight 0
                TensorPrimitives.MultiplyAdd(x.Slice(r * n, n), c, sums, sums);
                biasSum += c;
            }
            biasTotals[0] += biasSum;
            return;
        }
        _blas.Sgemm(transposeA: true, transposeB: false, k, n, count, 1f, coefficients, k, x, n, 1f, sums, n);
        for (int r = 0; r < count; r++)
            for (int c = 0; c < k; c++)
                biasTotals[c] += coefficients[r * k + c];
    }

    // total += sums in double; sums ← 0.
    private static void MoveIntoTotal(Span<float> sums, double[] total)
    {
        for (int p = 0; p < sums.Length; p++)
            total[p] += sums[p];
        sums.Clear();
    }
}
