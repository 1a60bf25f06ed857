using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Core.Stochastic;

/// <summary>
/// Mini-batches from training rows cached in memory: each epoch visits every row once, in an
/// order drawn from a seeded permutation (the same seed gives the same batches, on any machine).
/// </summary>
/// <remarks>
/// The matrix is read, never copied whole: each batch copies only its own rows into the buffer.
/// Without shuffling, epochs visit the rows in stored order, as a streaming source visits a cursor.
/// </remarks>
public sealed class InMemoryMiniBatchSource : IMiniBatchSource
{
    private readonly IFeatureMatrix _features;
    private readonly float[] _labels;
    private readonly float[]? _weights;
    private readonly int _seed;
    private readonly bool _shuffle;
    private readonly int[] _order;
    private Random _random;
    private int _position;

    /// <summary>Serves the rows of <paramref name="features"/> (a <see cref="DenseFeatureMatrix"/> or a <see cref="SparseFeatureMatrix"/>).</summary>
    /// <param name="features">X, m×n.</param>
    /// <param name="labels">y, m labels.</param>
    /// <param name="exampleWeights">ω, m finite weights ≥ 0 with a positive sum; null for all 1.</param>
    /// <param name="seed">Seed of the per-epoch permutations.</param>
    /// <param name="shuffle">Permute each epoch (default); false keeps the stored order.</param>
    public InMemoryMiniBatchSource(IFeatureMatrix features, float[] labels, float[]? exampleWeights, int seed, bool shuffle = true)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features is not (DenseFeatureMatrix or SparseFeatureMatrix))
            throw new ArgumentException($"features must be a {nameof(DenseFeatureMatrix)} or a {nameof(SparseFeatureMatrix)}; got {features.GetType().Name}.", nameof(features));
        Guard.Length(labels.Length, features.RowCount, nameof(labels));
        if (exampleWeights is not null)
        {
            Guard.Length(exampleWeights.Length, features.RowCount, nameof(exampleWeights));
            if (!exampleWeights.All(w => w >= 0 && float.IsFinite(w)) || !exampleWeights.Any(w => w > 0))
                throw new ArgumentException("exampleWeights must be finite numbers ≥ 0 with a positive sum.", nameof(exampleWeights));
        }
        _features = features;
        _labels = labels;
        _weights = exampleWeights;
        _seed = seed;
        _shuffle = shuffle;
        _order = new int[features.RowCount];
        _random = new Random(seed);
        Restart();
    }

    /// <inheritdoc/>
    public int FeatureCount => _features.ColumnCount;

    /// <inheritdoc/>
    public long RowsPerEpoch => _features.RowCount;

    /// <inheritdoc/>
    public MiniBatchStorage PreferredStorage => _features is DenseFeatureMatrix ? MiniBatchStorage.Dense : MiniBatchStorage.Sparse;

    /// <inheritdoc/>
    public int Epoch { get; private set; }

    /// <inheritdoc/>
    public long RowsDelivered { get; private set; }

    /// <inheritdoc/>
    public void Fill(int rowCount, MiniBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Guard.InRange(rowCount, 1, _order.Length);
        Guard.Length(batch.FeatureCount, FeatureCount, "batch.FeatureCount");
        batch.Clear();
        for (int r = 0; r < rowCount; r++)
        {
            if (_position == _order.Length || Epoch == 0)
                BeginEpoch();
            int i = _order[_position++];
            float weight = _weights?[i] ?? 1f;
            if (_features is DenseFeatureMatrix dense)
                batch.AddDenseRow(dense.Row(i), _labels[i], weight);
            else
            {
                var sparse = (SparseFeatureMatrix)_features;
                batch.AddSparseRow(sparse.RowColumns(i), sparse.RowValues(i), _labels[i], weight);
            }
        }
        RowsDelivered += rowCount;
    }

    /// <inheritdoc/>
    public void Restart()
    {
        for (int i = 0; i < _order.Length; i++)
            _order[i] = i;
        _random = new Random(_seed);
        _position = 0;
        Epoch = 0;
        RowsDelivered = 0;
    }

    // Fisher–Yates over the previous order: a uniform permutation, drawn without allocating.
    private void BeginEpoch()
    {
        if (_shuffle)
        {
            for (int i = _order.Length - 1; i > 0; i--)
            {
                int j = _random.Next(i + 1);
                (_order[i], _order[j]) = (_order[j], _order[i]);
            }
        }
        _position = 0;
        Epoch++;
    }
}
