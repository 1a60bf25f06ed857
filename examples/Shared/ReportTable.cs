using Spectre.Console;
using Spectre.Console.Rendering;

namespace MlNetSparse.Examples.Shared;

/// <summary>
/// A Spectre.Console table of pre-formatted cells for the example and benchmark programs: the first
/// <c>labelColumns</c> columns (labels) left-aligned, the rest (numbers) right-aligned, rendered as plain
/// text for the console and with Spectre's Markdown border for a report. Shared as a linked source file
/// (the programs are not libraries).
/// </summary>
internal static class ReportTable
{
    // Wide enough that no cell wraps: the tables go to logs and Markdown files, not a terminal's width.
    private const int RenderWidth = 1000;

    /// <summary>An empty table with the given headers.</summary>
    public static Table Create(int labelColumns, params string[] headers)
    {
        var table = new Table();
        for (int c = 0; c < headers.Length; c++)
            table.AddColumn(new TableColumn(new Text(headers[c])) { Alignment = c < labelColumns ? Justify.Left : Justify.Right });
        return table;
    }

    /// <summary>Adds one row of cells, taken as literal text (a '[' in a cell is no markup).</summary>
    public static void AddCells(this Table table, params string[] cells)
    {
        if (cells.Length != table.Columns.Count)
            throw new ArgumentException($"A row needs {table.Columns.Count} cells; got {cells.Length}.", nameof(cells));
        table.AddRow([.. cells.Select(cell => (IRenderable)new Text(cell))]);
    }

    /// <summary>The table for a console or log: a simple rule under the header, no colour.</summary>
    public static string ToPlainText(this Table table) => Render(table, TableBorder.Simple);

    /// <summary>The table as Markdown, for a report file or the README.</summary>
    public static string ToMarkdown(this Table table) => Render(table, TableBorder.Markdown);

    private static string Render(Table table, TableBorder border)
    {
        var writer = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = RenderWidth;
        TableBorder previous = table.Border;
        table.Border = border;
        console.Write(table);
        table.Border = previous;
        // Spectre pads every line to the table's width and frames the Simple border with blank lines: a file
        // or log gets the lines without trailing spaces and without the blank frame.
        string[] lines = [.. writer.ToString().ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd())];
        return string.Join('\n', lines.SkipWhile(line => line.Length == 0).Reverse().SkipWhile(line => line.Length == 0).Reverse()) + "\n";
    }
}
