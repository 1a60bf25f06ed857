using System.Text;

namespace MlNetSparse.Examples.Shared;

/// <summary>
/// Pre-formatted cells rendered space-aligned for the console and as a Markdown table for a
/// report or the README. The first <c>labelColumns</c> columns (labels) are left-aligned, the rest
/// (numbers) right-aligned. Shared, as a linked source file, by the example and benchmark programs.
/// </summary>
internal sealed class TextTable(int labelColumns, params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public int RowCount => _rows.Count;

    public void AddRow(params string[] cells)
    {
        if (cells.Length != headers.Length)
            throw new ArgumentException($"A row needs {headers.Length} cells; got {cells.Length}.", nameof(cells));
        _rows.Add(cells);
    }

    public string ToPlainText()
    {
        int[] widths = [.. headers.Select((h, c) => _rows.Select(r => r[c].Length).Append(h.Length).Max())];
        var text = new StringBuilder();
        AppendLine(text, headers, widths);
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (string[] row in _rows)
            AppendLine(text, row, widths);
        return text.ToString();
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", headers) + " |");
        text.AppendLine("|" + string.Join("|", headers.Select((_, c) => c < labelColumns ? "---" : "---:")) + "|");
        foreach (string[] row in _rows)
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        return text.ToString();
    }

    private void AppendLine(StringBuilder text, string[] cells, int[] widths)
        => text.AppendLine(string.Join("  ", cells.Select((cell, c) => c < labelColumns ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
}
