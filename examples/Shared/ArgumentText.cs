using System.Globalization;

namespace MlNetSparse.Examples.Shared;

/// <summary>
/// Parses the example programs' flag values in the invariant culture, with the one message shape their
/// argument errors share ("--lr must be a number; got 'x'."). Shared as a linked source file.
/// </summary>
internal static class ArgumentText
{
    /// <summary>The integer <paramref name="text"/> given for flag <paramref name="name"/>.</summary>
    public static int Integer(string name, string text)
        => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value : throw new ArgumentException($"{name} must be an integer; got '{text}'.");

    /// <summary>The number <paramref name="text"/> given for flag <paramref name="name"/>.</summary>
    public static double Number(string name, string text)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value : throw new ArgumentException($"{name} must be a number; got '{text}'.");
}
