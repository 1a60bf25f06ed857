using Microsoft.ML;
using Microsoft.ML.Runtime;
using MlNetSparse.Core.Stochastic;

namespace MlNetSparse.Data;

/// <summary>
/// Mini-batches streamed from an <see cref="IDataView"/>: rows in cursor order, unusable rows skipped
/// (as everywhere), a fresh cursor when one ends — a new epoch. Holds no row beyond the batch it fills.
/// </summary>
/// <remarks>
/// The order is the data view's, the same on every pass, so a run is reproducible. For shuffled
/// batches put <c>mlContext.Data.ShuffleRows</c> before the trainer: it shuffles within a bounded pool
/// of rows, so the memory stays bounded too.
/// </remarks>
internal sealed class CursorMiniBatchSource(IDataView data, TrainingColumns columns, LabelReader labelReader, IHostEnvironment env,
    StreamingSurvey survey) : IMiniBatchSource, IDisposable
{
    private TrainingRowReader? _reader;

    /// <inheritdoc/>
    public int FeatureCount => survey.FeatureCount;

    /// <inheritdoc/>
    public long RowsPerEpoch => survey.Counts.RowsUsed;

    /// <inheritdoc/>
    public MiniBatchStorage PreferredStorage => survey.Storage;

    /// <inheritdoc/>
    public int Epoch { get; private set; }

    /// <inheritdoc/>
    public long RowsDelivered { get; private set; }

    /// <summary>The most rows delivered into one batch: what this source ever made its consumer hold.</summary>
    public int LargestBatchRows { get; private set; }

    /// <inheritdoc/>
    public void Fill(int rowCount, MiniBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        MlNetSparse.Core.Guard.InRange(rowCount, 1, (int)Math.Min(int.MaxValue, RowsPerEpoch));
        batch.Clear();
        while (batch.RowCount < rowCount)
        {
            if (_reader is null || !_reader.MoveNext())
                BeginEpoch();
            _reader!.AddTo(batch);
        }
        RowsDelivered += rowCount;
        LargestBatchRows = Math.Max(LargestBatchRows, rowCount);
    }

    /// <inheritdoc/>
    public void Restart()
    {
        _reader?.Dispose();
        _reader = null;
        Epoch = 0;
        RowsDelivered = 0;
    }

    public void Dispose() => _reader?.Dispose();

    // A fresh cursor; the survey has shown that a pass has usable rows, so the first move succeeds
    // unless the data changed between passes.
    private void BeginEpoch()
    {
        _reader?.Dispose();
        _reader = new TrainingRowReader(data, columns, labelReader, env);
        Epoch++;
        if (!_reader.MoveNext())
            throw new InvalidOperationException("The training data view returned no usable rows on a new pass: it must give the same rows on every cursor.");
    }
}
