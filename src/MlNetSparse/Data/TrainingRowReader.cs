using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Sparsity;
using MlNetSparse.Core.Stochastic;
using MlNetSparse.Internals;

namespace MlNetSparse.Data;

/// <summary>
/// One cursor pass over the training columns that yields only usable rows: a row with a NaN or
/// infinite feature, a missing label, or a NaN, infinite or negative weight is skipped and counted
/// (ML.NET's convention). The one row-validation rule of every reader: the in-memory
/// <see cref="TrainingSetReader"/>, the streaming survey, mini-batch source and full-data objective.
/// </summary>
internal sealed class TrainingRowReader : IDisposable
{
    private const int RowsBetweenCancellationChecks = 4096;

    private readonly IHostEnvironment _env;
    private readonly DataViewRowCursor _cursor;
    private readonly ValueGetter<VBuffer<float>> _getFeatures;
    private readonly ValueGetter<float> _getLabel;
    private readonly ValueGetter<float>? _getWeight;
    private VBuffer<float> _features;
    private float _label, _weight = 1;
    private int _badFeatures, _badLabels, _badWeights;

    /// <summary>Opens a cursor over the feature, label and weight columns of <paramref name="data"/>, in its row order.</summary>
    public TrainingRowReader(IDataView data, TrainingColumns columns, LabelReader labelReader, IHostEnvironment env)
    {
        var featureColumn = data.Schema[columns.Feature];
        var labelColumn = data.Schema[columns.Label];
        DataViewSchema.Column? weightColumn = columns.Weight is null ? null : data.Schema[columns.Weight];
        FeatureCount = ((VectorDataViewType)featureColumn.Type).Size;
        var active = new List<DataViewSchema.Column> { featureColumn, labelColumn };
        if (weightColumn is { } w)
            active.Add(w);
        _env = env;
        _cursor = data.GetRowCursor(active);
        _getFeatures = _cursor.GetGetter<VBuffer<float>>(featureColumn);
        _getLabel = labelReader.CreateGetter(_cursor, labelColumn);
        _getWeight = weightColumn is { } wc ? _cursor.GetGetter<float>(wc) : null;
    }

    /// <summary>n, the length of the feature vector.</summary>
    public int FeatureCount { get; }

    /// <summary>Rows the cursor has passed, usable or not.</summary>
    public long RowsRead { get; private set; }

    /// <summary>Rows skipped so far, by reason.</summary>
    public SkippedRows Skipped => new(_badFeatures, _badLabels, _badWeights);

    /// <summary>The current row's features (valid until the next move).</summary>
    public ref readonly VBuffer<float> Features => ref _features;

    /// <summary>The current row's label, as the loss reads it.</summary>
    public float Label => _label;

    /// <summary>The current row's example weight (1 without a weight column).</summary>
    public float Weight => _weight;

    /// <summary>Moves to the next usable row; false at the end of the data. Checks for cancellation every few thousand rows.</summary>
    public bool MoveNext()
    {
        while (_cursor.MoveNext())
        {
            if (++RowsRead % RowsBetweenCancellationChecks == 0)
                MlNetInternals.CheckAlive(null, _env);
            _getFeatures(ref _features);
            _getLabel(ref _label);
            _getWeight?.Invoke(ref _weight);
            if (VectorChecks.ContainsNonFinite(_features.GetValues())) { _badFeatures++; continue; }
            if (float.IsNaN(_label)) { _badLabels++; continue; }
            if (!(_weight >= 0) || !float.IsFinite(_weight)) { _badWeights++; continue; }
            return true;
        }
        return false;
    }

    /// <summary>Appends the current row to <paramref name="batch"/>.</summary>
    public void AddTo(MiniBatch batch)
    {
        if (_features.IsDense)
            batch.AddDenseRow(_features.GetValues(), _label, _weight);
        else
            batch.AddSparseRow(_features.GetIndices(), _features.GetValues(), _label, _weight);
    }

    /// <summary>The number of nonzero values of the current row.</summary>
    public int CurrentNonzeroCount() => Support.CountNonzero(_features.GetValues());

    public void Dispose() => _cursor.Dispose();
}
