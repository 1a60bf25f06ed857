using System.Globalization;
using System.Text;

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
            List<string> fields = Split(line, separator);
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

    /// <summary>Splits one line on <paramref name="separator"/>, honouring double quotes ("" inside quotes is a quote).</summary>
    public static List<string> Split(string line, char separator)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    field.Append(line[++i]);
                else if (c == '"')
                    quoted = false;
                else
                    field.Append(c);
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return fields;
    }
}
