using System.Numerics.Tensors;
using System.Runtime.ExceptionServices;

namespace MlNetSparse.Core.Numerics;

/// <summary>
/// What the dense and sparse fused passes share: the rows are cut into the chunks of a
/// <see cref="RowChunkPlan"/>, each chunk sums into its own <see cref="ChunkPartials"/> (on up to
/// maxDegreeOfParallelism threads), and the partials are added in chunk order, so the result is
/// the same for any number of threads. Buffers are allocated on first use and reused: a pass that
/// runs on the calling thread allocates nothing.
/// </summary>
/// <remarks>
/// A subclass supplies the row kernels (<see cref="RunRows"/>, <see cref="ColumnSquareRows"/>)
/// and reads the current pass's inputs from <see cref="Weights"/>, <see cref="Biases"/>,
/// <see cref="Transform"/> and <see cref="RowWeights"/>. One pass at a time.
/// </remarks>
internal abstract class ChunkedRowPass
{
    // Each element of ∇ is the sum of the chunks' partials; stripes of this many run on different threads.
    private const int ReductionStripe = 1 << 13;
    // Below this many additions the reduction is not worth a thread.
    private const long ParallelReductionWork = 1 << 20;

    private readonly bool _featureMajor;
    private readonly int _bytesPerPartialEntry;
    private readonly ParallelOptions _parallel = new();
    private readonly Action<int> _runChunk, _reduceStripe;
    private ChunkPartials[] _chunks = [];
    private RowChunkPlan _plan;
    private PassKind _kind;
    private int _partialLength;
    private float[] _weights = [], _biases = [], _rowWeights = [];

    /// <param name="rowCount">m.</param>
    /// <param name="columnCount">n.</param>
    /// <param name="storedCount">Entries a pass reads (m·n when dense).</param>
    /// <param name="featureMajor">Keep W and the ∇_W partials n×k when k &gt; 1, so one feature's k entries share a cache line.</param>
    /// <param name="bytesPerPartialEntry">Memory per entry of a chunk's k·n partial sums, for the chunk plan's budget.</param>
    protected ChunkedRowPass(int rowCount, int columnCount, long storedCount, bool featureMajor, int bytesPerPartialEntry)
    {
        RowCount = rowCount;
        ColumnCount = columnCount;
        StoredCount = storedCount;
        _featureMajor = featureMajor;
        _bytesPerPartialEntry = bytesPerPartialEntry;
        _runChunk = RunChunk;
        _reduceStripe = ReduceStripe;
    }

    private enum PassKind { Loss, LossAndGradient, ColumnSquares }

    /// <summary>m.</summary>
    protected int RowCount { get; }

    /// <summary>n.</summary>
    protected int ColumnCount { get; }

    /// <summary>Entries of X a pass reads.</summary>
    protected long StoredCount { get; }

    /// <summary>k of the current pass.</summary>
    protected int OutputCount { get; private set; }

    /// <summary>True when <see cref="Weights"/> and the ∇_W partials are n×k (feature-major) in this pass.</summary>
    protected bool IsFeatureMajor => _featureMajor && OutputCount > 1;

    /// <summary>W of the current pass: k×n row-major, or n×k when <see cref="IsFeatureMajor"/>.</summary>
    protected ReadOnlySpan<float> Weights => _weights.AsSpan(0, OutputCount * ColumnCount);

    /// <summary>b of the current pass.</summary>
    protected ReadOnlySpan<float> Biases => _biases.AsSpan(0, OutputCount);

    /// <summary>The per-block loss of the current pass.</summary>
    protected IMarginBlockTransform Transform { get; private set; } = null!;

    /// <summary>w of the current column-squares pass.</summary>
    protected ReadOnlySpan<float> RowWeights => _rowWeights.AsSpan(0, RowCount);

    /// <summary>
    /// Rows [<paramref name="start"/>, <paramref name="end"/>) of a loss pass: returns their share of
    /// f and, when <paramref name="withGradient"/>, adds their share of ∇ into
    /// <paramref name="partials"/> (cleared by the caller).
    /// </summary>
    protected abstract double RunRows(int start, int end, ChunkPartials partials, bool withGradient);

    /// <summary>Adds Σ_i w[i]·X[i, j]² over rows [start, end) into <paramref name="partials"/>.Weights[j] (cleared by the caller).</summary>
    protected abstract void ColumnSquareRows(int start, int end, ChunkPartials partials);

    /// <summary>Grows the subclass's own scratch in <paramref name="partials"/> for the current pass.</summary>
    protected abstract void EnsureScratch(ChunkPartials partials, bool withGradient);

    /// <summary>See <see cref="IFeatureMatrix.LossAndGradient"/>.</summary>
    public double LossAndGradient(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, IMarginBlockTransform transform,
        Span<float> weightGradient, Span<float> biasGradient, int maxDegreeOfParallelism)
    {
        Begin(PassKind.LossAndGradient, weights, biases, transform);
        double loss = Run(maxDegreeOfParallelism);
        Reduce(maxDegreeOfParallelism);
        WriteGradient(weightGradient, biasGradient);
        return loss;
    }

    /// <summary>See <see cref="IFeatureMatrix.Loss"/>.</summary>
    public double Loss(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, IMarginBlockTransform transform, int maxDegreeOfParallelism)
    {
        Begin(PassKind.Loss, weights, biases, transform);
        return Run(maxDegreeOfParallelism);
    }

    /// <summary>See <see cref="IFeatureMatrix.WeightedColumnSquares"/>.</summary>
    public void WeightedColumnSquares(ReadOnlySpan<float> rowWeights, Span<double> result, int maxDegreeOfParallelism)
    {
        ChunkPartials.Ensure(ref _rowWeights, RowCount);
        rowWeights.CopyTo(_rowWeights);
        Plan(PassKind.ColumnSquares, outputCount: 1);
        Run(maxDegreeOfParallelism);
        Reduce(maxDegreeOfParallelism);
        _chunks[0].Weights.AsSpan(0, ColumnCount).CopyTo(result);
    }

    // Copies W (in the kernel's layout) and b where worker threads can read them, and sizes the buffers.
    private void Begin(PassKind kind, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, IMarginBlockTransform transform)
    {
        Plan(kind, transform.OutputCount);
        Transform = transform;
        int k = OutputCount, n = ColumnCount;
        ChunkPartials.Ensure(ref _weights, k * n);
        ChunkPartials.Ensure(ref _biases, k);
        biases.CopyTo(_biases);
        if (!IsFeatureMajor)
        {
            weights.CopyTo(_weights);
            return;
        }
        for (int c = 0; c < k; c++)
            for (int j = 0; j < n; j++)
                _weights[j * k + c] = weights[c * n + j];
    }

    private void Plan(PassKind kind, int outputCount)
    {
        _kind = kind;
        OutputCount = outputCount;
        _plan = RowChunkPlan.For(RowCount, ColumnCount, outputCount, StoredCount, _bytesPerPartialEntry);
        if (_chunks.Length < _plan.ChunkCount)
        {
            var grown = new ChunkPartials[_plan.ChunkCount];
            _chunks.CopyTo(grown, 0);
            for (int c = _chunks.Length; c < grown.Length; c++)
                grown[c] = new ChunkPartials();
            _chunks = grown;
        }
        _partialLength = outputCount * ColumnCount;
        bool withGradient = kind != PassKind.Loss;
        for (int c = 0; c < _plan.ChunkCount; c++)
        {
            ChunkPartials partials = _chunks[c];
            if (withGradient)
            {
                ChunkPartials.Ensure(ref partials.Weights, _partialLength);
                ChunkPartials.Ensure(ref partials.Biases, outputCount);
            }
            EnsureScratch(partials, withGradient);
        }
    }

    // Runs every chunk, on the calling thread when one is enough; returns f summed in chunk order.
    private double Run(int maxDegreeOfParallelism)
    {
        try
        {
            if (_plan.ChunkCount == 1 || maxDegreeOfParallelism == 1)
            {
                for (int c = 0; c < _plan.ChunkCount; c++)
                    RunChunk(c);
            }
            else
            {
                _parallel.MaxDegreeOfParallelism = maxDegreeOfParallelism;
                ParallelFor(_plan.ChunkCount, _runChunk);
            }
        }
        finally
        {
            Transform = null!;
        }
        double loss = 0;
        for (int c = 0; c < _plan.ChunkCount; c++)
            loss += _chunks[c].Loss;
        return loss;
    }

    private void RunChunk(int chunk)
    {
        ChunkPartials partials = _chunks[chunk];
        int start = _plan.Start(chunk), end = _plan.Start(chunk + 1);
        if (_kind != PassKind.Loss)
        {
            partials.Weights.AsSpan(0, _partialLength).Clear();
            partials.Biases.AsSpan(0, OutputCount).Clear();
        }
        if (_kind == PassKind.ColumnSquares)
            ColumnSquareRows(start, end, partials);
        else
            partials.Loss = RunRows(start, end, partials, _kind == PassKind.LossAndGradient);
    }

    // Chunk 0's partials ← Σ_c chunk c's, element by element in chunk order (bias sums included).
    private void Reduce(int maxDegreeOfParallelism)
    {
        int chunks = _plan.ChunkCount;
        if (chunks == 1)
            return;
        double[] biases = _chunks[0].Biases;
        for (int c = 1; c < chunks; c++)
            for (int b = 0; b < OutputCount; b++)
                biases[b] += _chunks[c].Biases[b];
        int stripes = (_partialLength + ReductionStripe - 1) / ReductionStripe;
        if (maxDegreeOfParallelism == 1 || stripes == 1 || (long)chunks * _partialLength < ParallelReductionWork)
        {
            for (int s = 0; s < stripes; s++)
                ReduceStripe(s);
            return;
        }
        _parallel.MaxDegreeOfParallelism = maxDegreeOfParallelism;
        ParallelFor(stripes, _reduceStripe);
    }

    private void ReduceStripe(int stripe)
    {
        int start = stripe * ReductionStripe, length = Math.Min(ReductionStripe, _partialLength - start);
        Span<double> total = _chunks[0].Weights.AsSpan(start, length);
        for (int c = 1; c < _plan.ChunkCount; c++)
            TensorPrimitives.Add(total, _chunks[c].Weights.AsSpan(start, length), total);
    }

    private void WriteGradient(Span<float> weightGradient, Span<float> biasGradient)
    {
        ReadOnlySpan<double> total = _chunks[0].Weights.AsSpan(0, _partialLength);
        int k = OutputCount, n = ColumnCount;
        if (IsFeatureMajor)
        {
            for (int j = 0; j < n; j++)
                for (int c = 0; c < k; c++)
                    weightGradient[c * n + j] = (float)total[j * k + c];
        }
        else
        {
            for (int p = 0; p < total.Length; p++)
                weightGradient[p] = (float)total[p];
        }
        for (int c = 0; c < k; c++)
            biasGradient[c] = (float)_chunks[0].Biases[c];
    }

    // Parallel.For that rethrows a worker's exception as itself rather than wrapped.
    private void ParallelFor(int count, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, _parallel, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }
}
