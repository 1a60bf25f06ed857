using System.Runtime.CompilerServices;

namespace MlNetSparse.Core;

/// <summary>
/// The one place that words argument errors, so every message has the same shape:
/// "<c>Sparsity must be in [1, 14]; got 0.</c>"
/// </summary>
internal static class Guard
{
    /// <summary>Throws unless <paramref name="low"/> ≤ <paramref name="value"/> ≤ <paramref name="high"/>.</summary>
    public static void InRange(int value, int low, int high, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (value < low || value > high)
            throw new ArgumentOutOfRangeException(name, $"{Display(name)} must be in [{low}, {high}]; got {value}.");
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and &gt; 0.</summary>
    public static void Positive(double value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, $"{Display(name)} must be a finite number > 0; got {value}.");
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and ≥ <paramref name="low"/>.</summary>
    public static void AtLeast(double value, double low, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!(value >= low) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, $"{Display(name)} must be a finite number ≥ {low}; got {value}.");
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and ≥ 0.</summary>
    public static void NonNegative(double value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!(value >= 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, $"{Display(name)} must be a finite number ≥ 0; got {value}.");
    }

    /// <summary>Throws unless <paramref name="value"/> is a named member of its enum.</summary>
    public static void Defined<TEnum>(TEnum value, [CallerArgumentExpression(nameof(value))] string name = "")
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
            throw new ArgumentOutOfRangeException(name, $"{Display(name)} must be one of {string.Join(", ", Enum.GetNames<TEnum>())}; got {value}.");
    }

    /// <summary>Throws unless the span has exactly <paramref name="expected"/> elements.</summary>
    public static void Length(int actual, int expected, string name)
    {
        if (actual != expected)
            throw new ArgumentException($"{Display(name)} must have length {expected}; got {actual}.", name);
    }

    // "options.Sparsity" reads better as "Sparsity" in a user-facing message.
    private static string Display(string expression)
    {
        int dot = expression.LastIndexOf('.');
        return dot >= 0 ? expression[(dot + 1)..] : expression;
    }
}
