using MlNetSparse.Cli.Data;
using MlNetSparse.DataFiles;

namespace MlNetSparse.Cli.Models;

/// <summary>The data rows of a file predict reads: each row's line, and the rows where a value the model needs is missing.</summary>
/// <param name="Lines">The line each data row starts on, by row index (ML.NET's row order).</param>
/// <param name="Gaps">Row index → the needed columns whose value is missing or infinite in it.</param>
internal sealed record FileRows(IReadOnlyList<int> Lines, IReadOnlyDictionary<int, string[]> Gaps);

/// <summary>
/// Reads a data file once before ML.NET does, because ML.NET's text loader turns a ragged row or a
/// word in a number column into missing values without a word: here they are errors that name the
/// line and the column. It also notes where a value the model needs is missing, for predict's warning.
/// </summary>
internal static class DataFileCheck
{
    /// <param name="path">The file (the first record is the header).</param>
    /// <param name="separator">The field separator.</param>
    /// <param name="header">The header's names.</param>
    /// <param name="numericColumns">The file columns (by index) that must hold numbers.</param>
    /// <param name="neededColumns">Those of them the predictions read.</param>
    public static FileRows Validate(string path, char separator, string[] header, IReadOnlySet<int> numericColumns, IReadOnlySet<int> neededColumns)
    {
        var lines = new List<int>();
        var gaps = new Dictionary<int, string[]>();
        foreach (DelimitedRecord record in DelimitedFile.Read(path, separator).Skip(1))
        {
            IReadOnlyList<string> fields = record.Fields;
            if (fields.Count != header.Length)
                throw new UserErrorException($"--data: {path} line {record.Line} has {fields.Count} fields, the header has {header.Length}");
            foreach (int column in numericColumns)
            {
                string field = fields[column];
                if (!NumberField.IsMissing(field) && NumberField.Finite(field) is null)
                    throw new UserErrorException($"--data: {path} line {record.Line}, column '{header[column]}': '{field}' is not a number{NumberField.DecimalCommaHint(field)}");
            }
            string[] missing = [.. neededColumns.Order().Where(c => NumberField.IsMissing(fields[c])).Select(c => header[c])];
            if (missing.Length > 0)
                gaps[lines.Count] = missing;
            lines.Add(record.Line);
        }
        return new FileRows(lines, gaps);
    }
}
