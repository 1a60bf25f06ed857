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

    private readonly DataViewSchema.Column? label;
    private readonly DataViewSchema.Column? score;
    private readonly DataViewSchema.Column? probability;
    private readonly string[]? labelNames;

    public PredictionColumns(DataViewSchema scored)
    {
        label = scored.GetColumnOrNull("PredictedLabel");
        score = scored.GetColumnOrNull("Score");
        probability = scored.GetColumnOrNull("Probability");
        if (label is null && score is null)
            throw new UserErrorException("the model writes neither PredictedLabel nor Score: it has no predictor to run");
        labelNames = label is { } l ? ModelPipeline.KeyValueNames(l) : null;
        var names = new List<string>();
        if (score is { } s)
        {
            if (s.Type is VectorDataViewType vector)
            {
                string[] classes = labelNames is { Length: var n } && n == vector.Size && !s.HasSlotNames() ? labelNames : ModelPipeline.SlotNames(s);
                names.AddRange(classes.Select(c => $"Score.{c}"));
            }
            else
            {
                names.Add("Score");
            }
        }
        if (probability is not null)
            names.Add("Probability");
        ValueNames = names;
    }

    /// <summary>True when the model predicts a label (classification); false for regression.</summary>
    public bool HasLabel => label is not null;

    /// <summary>The names of <see cref="PredictionRow.Values"/>: "Score" or "Score.&lt;class&gt;", then "Probability".</summary>
    public IReadOnlyList<string> ValueNames { get; }

    public IEnumerable<PredictionRow> Read(IDataView scored)
    {
        var active = new[] { label, score, probability }.OfType<DataViewSchema.Column>().ToArray();
        using DataViewRowCursor cursor = scored.GetRowCursor(active);
        Func<string>? readLabel = label is { } l ? LabelReader(cursor, l) : null;
        Func<IEnumerable<float>>? readScore = score is { } s ? ScoreReader(cursor, s) : null;
        ValueGetter<float>? readProbability = probability is { } p ? cursor.GetGetter<float>(p) : null;
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
                return () => { uint key = 0; get(ref key); return key == 0 ? "" : labelNames is { } n && key <= n.Length ? n[key - 1] : $"{key}"; };
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
