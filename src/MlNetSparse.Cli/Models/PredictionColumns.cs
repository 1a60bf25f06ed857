using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetSparse.Cli.Models;

/// <summary>One scored row: the predicted label as text (null for regression), and the named numbers (scores, probability).</summary>
internal sealed record PredictionRow(string? PredictedLabel, IReadOnlyList<float> Values);

/// <summary>
/// The standard prediction columns of a scored IDataView — PredictedLabel (as its text value), Score
/// (one value, or one per class) and Probability — read row by row in the file's order.
/// </summary>
internal sealed class PredictionColumns
{
    public static readonly string[] Names = ["PredictedLabel", "Score", "Probability"];

    private readonly DataViewSchema.Column? _label;
    private readonly DataViewSchema.Column? _score;
    private readonly DataViewSchema.Column? _probability;
    private readonly string[]? _labelNames;

    public PredictionColumns(DataViewSchema scored)
    {
        _label = scored.GetColumnOrNull("PredictedLabel");
        _score = scored.GetColumnOrNull("Score");
        _probability = scored.GetColumnOrNull("Probability");
        if (_label is null && _score is null)
            throw new UserErrorException("the model writes neither PredictedLabel nor Score: it has no predictor to run");
        _labelNames = _label is { } l ? ModelPipeline.KeyValueNames(l) : null;
        var names = new List<string>();
        if (_score is { } s)
        {
            if (s.Type is VectorDataViewType vector)
            {
                string[] classes = _labelNames is { Length: var n } && n == vector.Size && !s.HasSlotNames() ? _labelNames : ModelPipeline.SlotNames(s);
                names.AddRange(classes.Select(c => $"Score.{c}"));
            }
            else
            {
                names.Add("Score");
            }
        }
        if (_probability is not null)
            names.Add("Probability");
        ValueNames = names;
    }

    /// <summary>True when the model predicts a label (classification); false for regression.</summary>
    public bool HasLabel => _label is not null;

    /// <summary>The names of <see cref="PredictionRow.Values"/>: "Score" or "Score.&lt;class&gt;", then "Probability".</summary>
    public IReadOnlyList<string> ValueNames { get; }

    public IEnumerable<PredictionRow> Read(IDataView scored)
    {
        var active = new[] { _label, _score, _probability }.OfType<DataViewSchema.Column>().ToArray();
        using DataViewRowCursor cursor = scored.GetRowCursor(active);
        Func<string>? readLabel = _label is { } l ? LabelReader(cursor, l) : null;
        Func<IEnumerable<float>>? readScore = _score is { } s ? ScoreReader(cursor, s) : null;
        ValueGetter<float>? readProbability = _probability is { } p ? cursor.GetGetter<float>(p) : null;
        while (cursor.MoveNext())
        {
            var values = new List<float>(ValueNames.Count);
            if (readScore is not null)
                values.AddRange(readScore());
            if (readProbability is not null)
            {
                float value = 0;
                readProbability(ref value);
                values.Add(value);
            }
            yield return new PredictionRow(readLabel?.Invoke(), values);
        }
    }

    private Func<string> LabelReader(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        switch (column.Type)
        {
            case KeyDataViewType:
            {
                ValueGetter<uint> get = cursor.GetGetter<uint>(column);
                // Key 0 is "missing"; keys 1..n are the training labels in order.
                return () => { uint key = 0; get(ref key); return key == 0 ? "" : _labelNames is { } n && key <= n.Length ? n[key - 1] : $"{key}"; };
            }
            case BooleanDataViewType:
            {
                ValueGetter<bool> get = cursor.GetGetter<bool>(column);
                return () => { bool value = false; get(ref value); return value ? "true" : "false"; };
            }
            case TextDataViewType:
            {
                ValueGetter<ReadOnlyMemory<char>> get = cursor.GetGetter<ReadOnlyMemory<char>>(column);
                return () => { ReadOnlyMemory<char> value = default; get(ref value); return value.ToString(); };
            }
            default:
            {
                ValueGetter<float> get = cursor.GetGetter<float>(column);
                return () => { float value = 0; get(ref value); return CsvText.Number(value); };
            }
        }
    }

    private static Func<IEnumerable<float>> ScoreReader(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type is VectorDataViewType)
        {
            ValueGetter<VBuffer<float>> get = cursor.GetGetter<VBuffer<float>>(column);
            return () => { VBuffer<float> value = default; get(ref value); return value.DenseValues().ToArray(); };
        }
        ValueGetter<float> getOne = cursor.GetGetter<float>(column);
        return () => { float value = 0; getOne(ref value); return [value]; };
    }
}
