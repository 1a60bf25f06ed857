using System.Globalization;
using MlNetSparse.Core.Text;

namespace MlNetSparse.DataFiles;

/// <summary>The user's overrides of the inference; null leaves a choice to it.</summary>
/// <param name="Separator">The field separator.</param>
/// <param name="HasHeader">Whether the first line is a header.</param>
/// <param name="ColumnKinds">Column name → kind.</param>
public sealed record DataFileOverrides(char? Separator = null, bool? HasHeader = null, IReadOnlyDictionary<string, ColumnKind>? ColumnKinds = null);

/// <summary>
/// Infers the separator (among , ; tab |), the header and each column's kind from a CSV/TSV file, and
/// checks every row on the way, so that a bad file fails here with its line and column rather than
/// deep inside ML.NET.
/// </summary>
public static class DataFileInference
{
    /// <summary>The separators tried, in order of preference when several fit.</summary>
    public static readonly char[] CandidateSeparators = [',', ';', '\t', '|'];

    /// <summary>A column is a number column when at least this fraction of its non-missing values are numbers; the rest are then errors.</summary>
    public const double NumericFraction = 0.9;

    private const int SampleLines = 100;

    /// <summary>Reads <paramref name="path"/> and infers its schema; a user error (missing, empty, binary, ragged, bad value) throws <see cref="DataFileException"/>.</summary>
    public static DataFileSchema Infer(string path, DataFileOverrides? overrides = null)
    {
        overrides ??= new DataFileOverrides();
        if (!File.Exists(path))
            throw new DataFileException(Directory.Exists(path) ? $"{path} is a folder, not a data file." : $"data file {path} does not exist.");
        DelimitedFile.RequireText(path);
        if (File.ReadLines(path).All(string.IsNullOrWhiteSpace))
            throw new DataFileException($"data file {path} is empty.");
        char separator = overrides.Separator ?? InferSeparator(path);
        List<IReadOnlyList<string>> sampleRows = [.. DelimitedFile.Read(path, separator).Take(SampleLines).Select(r => r.Fields)];
        bool hasHeader = overrides.HasHeader ?? InferHeader(sampleRows);
        string[] names = ColumnNames(path, sampleRows[0], hasHeader);
        var columns = new ColumnScan[names.Length];
        for (int i = 0; i < names.Length; i++)
            columns[i] = new ColumnScan(names[i], i);
        int rows = 0;
        foreach (DelimitedRecord record in DelimitedFile.Read(path, separator).Skip(hasHeader ? 1 : 0))
        {
            IReadOnlyList<string> fields = record.Fields;
            if (fields.Count != names.Length)
                throw new DataFileException($"{path}, line {record.Line}: {fields.Count} fields, but {(hasHeader ? "the header has" : "the first row has")} {names.Length} " +
                    $"(separator '{DataFileSchema.Describe(separator)}'; a ragged row, or set --separator).");
            for (int i = 0; i < fields.Count; i++)
                columns[i].Add(fields[i], record.Line);
            rows++;
        }
        if (rows == 0)
            throw new DataFileException($"data file {path} has a header but no data rows.");
        IReadOnlyDictionary<string, ColumnKind> kinds = CheckOverrides(overrides.ColumnKinds, names);
        DataColumn[] result = [.. columns.Select(c => c.Finish(path, kinds.TryGetValue(c.Name, out ColumnKind kind) ? kind : null))];
        return new DataFileSchema(path, separator, hasHeader, result, rows);
    }

    /// <summary>
    /// The separator that splits every sampled record into the same number (more than one) of fields,
    /// the most fields winning; each candidate reads the file its own way, since a quote opens a field
    /// only after a separator.
    /// </summary>
    public static char InferSeparator(string path)
    {
        char best = ',';
        int bestFields = 1;
        var firstCounts = new Dictionary<char, int>();
        foreach (char candidate in CandidateSeparators)
        {
            int[] counts = SampleFieldCounts(path, candidate);
            firstCounts[candidate] = counts.FirstOrDefault();
            if (counts.Length > 0 && counts.All(c => c == counts[0]) && counts[0] > bestFields)
                (best, bestFields) = (candidate, counts[0]);
        }
        if (bestFields > 1)
            return best;
        // No separator fits every record (a ragged file): take the one that splits the first record most, so the ragged record is reported.
        return CandidateSeparators.OrderByDescending(c => firstCounts[c]).First();
    }

    // The field counts of the first records read with `separator`; none when a quote that this separator opens is never closed.
    private static int[] SampleFieldCounts(string path, char separator)
    {
        try
        {
            return [.. DelimitedFile.Read(path, separator).Take(SampleLines).Select(r => r.Fields.Count)];
        }
        catch (DataFileException)
        {
            return [];
        }
    }

    /// <summary>
    /// A header when the first line has text where the lines below have numbers, or, when it is all
    /// text, when none of its values appears again below it in the same column.
    /// </summary>
    internal static bool InferHeader(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        IReadOnlyList<string> first = rows[0];
        if (first.Any(IsMissing))
            return false;
        var below = rows.Skip(1).Where(r => r.Count == first.Count).ToList();
        if (below.Count == 0)
            return first.All(f => !IsNumber(f));
        for (int i = 0; i < first.Count; i++)
        {
            if (!IsNumber(first[i]) && below.All(r => IsNumber(r[i]) || IsMissing(r[i])) && below.Any(r => IsNumber(r[i])))
                return true;
        }
        return first.All(f => !IsNumber(f)) && Enumerable.Range(0, first.Count).All(i => below.All(r => r[i] != first[i]));
    }

    private static bool IsMissing(string field) => NumberField.IsMissing(field);

    private static bool IsNumber(string field) => NumberField.Finite(field) is not null;

    private static string[] ColumnNames(string path, IReadOnlyList<string> firstRow, bool hasHeader)
    {
        var names = new string[firstRow.Count];
        for (int i = 0; i < names.Length; i++)
            names[i] = hasHeader && firstRow[i].Length > 0 ? firstRow[i] : $"Column{i + 1}";
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            if (!seen.TryAdd(names[i], i))
                throw new DataFileException($"{path}, line 1: the column name '{names[i]}' appears twice (columns {seen[names[i]] + 1} and {i + 1}).");
        }
        return names;
    }

    private static IReadOnlyDictionary<string, ColumnKind> CheckOverrides(IReadOnlyDictionary<string, ColumnKind>? kinds, string[] names)
    {
        if (kinds is null)
            return new Dictionary<string, ColumnKind>();
        foreach (string name in kinds.Keys.Where(n => !names.Contains(n)))
        {
            string? closest = ClosestName.Find(name, names);
            throw new DataFileException($"--column-type: there is no column '{name}'{(closest is null ? "" : $"; did you mean '{closest}'?")}");
        }
        return kinds;
    }

    /// <summary>What one pass learns about a column: how many values are numbers, the first that is not, its distinct values.</summary>
    private sealed class ColumnScan(string name, int index)
    {
        // Distinct values in file order, both as numbers (1 and 1.0 are one value) and as written; the column's kind picks one list.
        private readonly List<string> _distinctNumbers = [], _distinctTexts = [];
        private readonly HashSet<float> _numberSet = [];
        private readonly HashSet<string> _textSet = [];
        private int _numbers, _texts, _decimalCommas, _missing;
        private bool _allIntegers = true;
        private (int Line, string Value)? _firstText, _firstDecimalComma;

        public string Name { get; } = name;

        public void Add(string field, int line)
        {
            if (IsMissing(field))
            {
                _missing++;
                return;
            }
            if (NumberField.Finite(field) is float value)
            {
                _numbers++;
                _allIntegers &= value == MathF.Round(value);
                if (_distinctNumbers.Count <= DataFileSchema.DistinctValueCap && _numberSet.Add(value))
                    _distinctNumbers.Add(value.ToString("R", CultureInfo.InvariantCulture));
            }
            else
            {
                _texts++;
                _firstText ??= (line, field);
                if (NumberField.HasDecimalComma(field))
                {
                    _decimalCommas++;
                    _firstDecimalComma ??= (line, field);
                }
            }
            if (_distinctTexts.Count <= DataFileSchema.DistinctValueCap && _textSet.Add(field))
                _distinctTexts.Add(field);
        }

        public DataColumn Finish(string path, ColumnKind? forced)
        {
            int total = _numbers + _texts;
            ColumnKind kind = forced ?? (_numbers >= NumericFraction * total ? ColumnKind.Number : ColumnKind.Text);
            // Numbers written with decimal commas would otherwise be a text column, silently no feature.
            if (forced is null && kind == ColumnKind.Text && _firstDecimalComma is { } comma && _numbers + _decimalCommas >= NumericFraction * total)
                throw new DataFileException($"{Where(path, comma.Line)}: '{comma.Value}' looks like a number with a decimal comma; " +
                    "mlnet-sparse reads numbers with a decimal point (1.5) and no thousands separators: export the file that way, " +
                    $"or pass --column-type {Name}=text to read the column as text (a text column is not a feature).");
            if (kind == ColumnKind.Number && _firstText is { } bad)
                throw new DataFileException($"{Where(path, bad.Line)}: '{bad.Value}' is not a number{NumberField.DecimalCommaHint(bad.Value)} " +
                    $"(the column is numeric{(forced is null ? $" in {_numbers} of {total} rows" : "")}). A missing value may be written {NumberField.MissingWordsText}; " +
                    $"if the column is not numbers, pass --column-type {Name}=text (a text column is not a feature).");
            IReadOnlyList<string> distinct = kind == ColumnKind.Number ? _distinctNumbers : _distinctTexts;
            return new DataColumn(Name, index, kind, distinct, kind == ColumnKind.Number && _allIntegers && _numbers > 0, _missing);
        }

        private string Where(string path, int line) => $"{path}, line {line}, column '{Name}' ({index + 1})";
    }
}
