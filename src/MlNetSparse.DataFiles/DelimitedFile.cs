using System.Text;

namespace MlNetSparse.DataFiles;

/// <summary>One record of a delimited file: its fields, trimmed, and the line it starts on (1-based).</summary>
/// <param name="Line">The file line the record starts on; a quoted field with line breaks makes a record span several.</param>
/// <param name="Fields">The fields, quotes removed.</param>
public sealed record DelimitedRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// The one reader of CSV/TSV files, for the tool's commands and the studies alike, splitting them as ML.NET's TextLoader does with
/// <c>AllowQuoting</c>, <c>ReadMultilines</c> and <c>TrimWhitespace</c> on (RFC 4180): a field that
/// starts with a double quote may hold the separator and line breaks, and "" inside it is one quote;
/// blank lines are skipped. `train` and `predict` check a file with it before ML.NET reads it, so
/// both see the same rows; the studies read their rows with it.
/// </summary>
public static class DelimitedFile
{
    // git's and grep's test for binary content: a NUL byte near the start, which no text file has.
    private const int BytesCheckedForText = 8192;

    /// <summary>Throws a user error when <paramref name="path"/> holds binary data (a zip, a spreadsheet, an image) rather than text.</summary>
    public static void RequireText(string path)
    {
        var head = new byte[BytesCheckedForText];
        int read;
        using (FileStream stream = File.OpenRead(path))
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        // UTF-16 and UTF-32 text has NULs, but starts with a byte-order mark that says so.
        bool wideText = head.AsSpan(0, read) is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] or [0, 0, 0xFE, 0xFF, ..];
        if (!wideText && head.AsSpan(0, read).Contains((byte)0))
            throw new DataFileException($"{path} is not a text file (it holds binary data, such as a zip, a spreadsheet or an image); save the data as CSV or TSV.");
    }

    /// <summary>The non-blank records of <paramref name="path"/>; a quoted field left open at the end of the file is a user error naming its line.</summary>
    public static IEnumerable<DelimitedRecord> Read(string path, char separator)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            int start = lineNumber;
            var fields = new List<string>();
            var field = new StringBuilder();
            bool quoted = Consume(line, separator, fields, field, quoted: false);
            while (quoted)
            {
                string next = reader.ReadLine() ?? throw new DataFileException(
                    $"{path}, line {start}: a quoted field that starts on this line is never closed (a missing \").");
                lineNumber++;
                field.Append('\n');
                quoted = Consume(next, separator, fields, field, quoted: true);
            }
            fields.Add(field.ToString().Trim());
            yield return new DelimitedRecord(start, fields);
        }
    }

    // Adds the fields that end on this line to `fields` and keeps the last, unfinished one in `field`;
    // returns whether the line ends inside a quoted field. A quote opens a field only at its start.
    private static bool Consume(string line, char separator, List<string> fields, StringBuilder field, bool quoted)
    {
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c != '"')
                    field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"')
                    field.Append(line[++i]);
                else
                    quoted = false;
            }
            else if (c == '"' && field.Length == 0)
                quoted = true;
            else if (c == separator)
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else
                field.Append(c);
        }
        return quoted;
    }
}
