using System.Globalization;
using MlNetSparse.Cli.Data;

namespace MlNetSparse.Cli.Models;

/// <summary>
/// Reads a data file once before ML.NET does, because ML.NET's text loader turns a ragged row or a
/// word in a number column into missing values without a word: here they are errors that name the
/// line and the column.
/// </summary>
internal static class DataFileCheck
{
    /// <param name="path">The file (line 1 is the header).</param>
    /// <param name="separator">The field separator.</param>
    /// <param name="header">The header's names.</param>
    /// <param name="numericColumns">The file columns (by index) that must hold numbers.</param>
    public static void Validate(string path, char separator, string[] header, IReadOnlySet<int> numericColumns)
    {
        int lineNumber = 1;
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            List<string> fields = DelimitedLine.Split(line, separator);
            if (fields.Count != header.Length)
                throw new UserErrorException($"--data: {path} line {lineNumber} has {fields.Count} fields, the header has {header.Length}");
            foreach (int column in numericColumns)
            {
                string field = fields[column].Trim();
                if (field.Length > 0 && field != "?" && !float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    throw new UserErrorException($"--data: {path} line {lineNumber}, column '{header[column]}': '{field}' is not a number");
            }
        }
    }
}
