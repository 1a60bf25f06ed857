using System.Globalization;

namespace MlNetSparse.DataFiles;

/// <summary>What <see cref="DataFileInference"/> found in a CSV/TSV file: how to split it and what its columns hold.</summary>
/// <param name="Path">The file, as the user named it.</param>
/// <param name="Separator">The field separator.</param>
/// <param name="HasHeader">Whether the first line names the columns.</param>
/// <param name="Columns">The columns, in file order.</param>
/// <param name="RowCount">Data rows (blank lines not counted).</param>
public sealed record DataFileSchema(string Path, char Separator, bool HasHeader, IReadOnlyList<DataColumn> Columns, int RowCount)
{
    /// <summary>How many distinct values of a column are remembered (one more is kept to tell "more than this").</summary>
    public const int DistinctValueCap = 10;

    /// <summary>The column named <paramref name="name"/> (exact, then case-insensitive), or null.</summary>
    public DataColumn? Find(string name) =>
        Columns.FirstOrDefault(c => c.Name == name) ?? Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// How many rows hold each non-missing value of <paramref name="column"/>, as written for text and as
    /// the shortest round-trip text for numbers (the keys of <see cref="DataColumn.DistinctValues"/>), with
    /// no cap: a label's classes. Reads the file again.
    /// </summary>
    public IReadOnlyDictionary<string, int> CountValues(DataColumn column)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (DelimitedRecord record in DelimitedFile.Read(Path, Separator).Skip(HasHeader ? 1 : 0))
        {
            string field = record.Fields[column.Index];
            if (NumberField.IsMissing(field))
                continue;
            string key = column.Kind == ColumnKind.Number && NumberField.Finite(field) is float value ? value.ToString("R", CultureInfo.InvariantCulture) : field;
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }

    /// <summary>A name for the separator fit for messages: "," or "tab".</summary>
    public static string Describe(char separator) => separator == '\t' ? "tab" : separator.ToString();
}
