using System.Globalization;

namespace MlNetSparse.Cli.Models;

/// <summary>How numbers and fields are written, the same way by predict and by the generated consumer.</summary>
internal static class CsvText
{
    /// <summary>Shortest text that reads back to the same float ("R"), invariant culture.</summary>
    public static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Shortest text that reads back to the same double ("R"), invariant culture.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A field quoted only when it must be: it holds the separator, a quote or a line break.</summary>
    public static string Field(string value, char separator = ',')
        => value.IndexOfAny([separator, '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
