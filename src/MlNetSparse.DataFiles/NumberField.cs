using System.Globalization;

namespace MlNetSparse.DataFiles;

/// <summary>
/// How a field of a number column reads: a number (invariant culture, a decimal point), a missing
/// value, or neither, which is an error. ML.NET's TextLoader (with <c>MissingRealsAsNaNs</c>) reads every
/// missing word below as NaN, except Infinity and ∞ with their minus, which it reads as ±∞; the trainers
/// skip a row with a NaN or an infinite value alike (counted in the report), and such a row cannot be
/// scored, so for the tool an infinite value is a missing one.
/// </summary>
public static class NumberField
{
    /// <summary>The words that mark a missing value, in any case, besides an empty field: ?, NaN, R's NA, and infinities as R, Python and .NET write them.</summary>
    public static readonly string[] MissingWords = ["?", "NaN", "NA", "inf", "+inf", "-inf", "Infinity", "+Infinity", "-Infinity", "∞", "+∞", "-∞"];

    /// <summary>The missing words as a user reads them in a message.</summary>
    public const string MissingWordsText = "empty, ?, NaN, NA, inf or Infinity (any case)";

    /// <summary>
    /// A missing value: empty, a <see cref="MissingWords">missing word</see>, or a number too large to
    /// be finite as a float (1e39).
    /// </summary>
    public static bool IsMissing(string field) =>
        field.Length == 0 || MissingWords.Any(w => field.Equals(w, StringComparison.OrdinalIgnoreCase))
        || (Parse(field) is float value && !float.IsFinite(value));

    /// <summary>A finite number, as ML.NET reads it; null for a missing value or text.</summary>
    public static float? Finite(string field) => Parse(field) is float value && float.IsFinite(value) ? value : null;

    /// <summary>
    /// " (a decimal comma? ...)" when <paramref name="field"/> reads as a number once its comma is a
    /// decimal point ("1,5", "-0,25", "1.234,5"); "" otherwise.
    /// </summary>
    public static string DecimalCommaHint(string field) =>
        HasDecimalComma(field) ? " (a decimal comma? mlnet-sparse reads numbers with a decimal point, 1.5, and no thousands separators: export the file that way)" : "";

    /// <summary>"1,5" or "1.234,5": a number with one decimal comma, which the invariant culture does not read.</summary>
    public static bool HasDecimalComma(string field) =>
        field.Count(c => c == ',') == 1 && field.Any(char.IsAsciiDigit)
        && float.TryParse(field.Replace(".", "", StringComparison.Ordinal).Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static float? Parse(string field) =>
        float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) ? value : null;
}
