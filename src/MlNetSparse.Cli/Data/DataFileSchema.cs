using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetSparse.Cli.Data;

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

    /// <summary>ML.NET's TextLoader for this file: it does the reading; the inference only chose its columns and options.</summary>
    public TextLoader CreateLoader(MLContext mlContext) => mlContext.Data.CreateTextLoader(new TextLoader.Options
    {
        Separators = [Separator],
        HasHeader = HasHeader,
        AllowQuoting = true,
        TrimWhitespace = true,
        MissingRealsAsNaNs = true,   // ML.NET's convention: a missing number is NaN, and the trainers skip and count such rows
        Columns = [.. Columns.Select(c => new TextLoader.Column(c.Name, c.Kind == ColumnKind.Number ? DataKind.Single : DataKind.String, c.Index))],
    });

    /// <summary>A name for the separator fit for messages: "," or "tab".</summary>
    public static string Describe(char separator) => separator == '\t' ? "tab" : separator.ToString();
}
