namespace MlNetSparse.Cli.Models;

/// <summary>
/// The rows predict makes no prediction for: a value the model reads is missing or infinite (training
/// skipped such rows, so the model never learned what to make of one), or the model's output is not
/// finite. Their PredictedLabel is left empty and their scores NaN (null in JSON), rather than the
/// false or first class ML.NET would name, and one warning lists them.
/// </summary>
internal sealed class UnscoredRows(FileRows file)
{
    private const int RowsListed = 5;

    private readonly List<int> _rows = [];

    /// <summary>How many rows were read.</summary>
    public int Count { get; private set; }

    /// <summary><paramref name="rows"/>, with each row that cannot be scored blanked and remembered.</summary>
    public IEnumerable<PredictionRow> Mark(IEnumerable<PredictionRow> rows)
    {
        _rows.Clear();
        Count = 0;
        foreach (PredictionRow row in rows)
        {
            int index = Count++;
            if (file.Gaps.ContainsKey(index) || row.Values.Any(v => !float.IsFinite(v)))
            {
                _rows.Add(index);
                yield return new PredictionRow(null, [.. row.Values.Select(_ => float.NaN)]);
            }
            else
                yield return row;
        }
    }

    /// <summary>"2 of 4 rows could not be scored ... line 3 (x1 missing), ..."; null when every row was scored.</summary>
    public string? Warning()
    {
        if (_rows.Count == 0)
            return null;
        IEnumerable<string> listed = _rows.Take(RowsListed).Select(row => file.Gaps.TryGetValue(row, out string[]? missing)
            ? $"line {file.Lines[row]} ({string.Join(", ", missing)} missing)"
            : $"line {file.Lines[row]} (a value too large: the score is not finite)");
        string more = _rows.Count > RowsListed ? $" and {_rows.Count - RowsListed} more" : "";
        return $"{_rows.Count} of {Count} rows could not be scored, so their PredictedLabel is empty and their scores NaN: {string.Join(", ", listed)}{more}. " +
            "A missing or infinite value in a column the model reads gives no prediction (training skipped such rows); fill it in to score the row.";
    }
}
