using System.Globalization;

namespace MlNetSparse.Core.Training;

/// <summary>
/// One option of an algorithm, declared once: its name, its default, the values it accepts and what
/// it means. The declaration drives the check (<see cref="Check(double, string?)"/>), the one error
/// message shape, the ML.NET Options classes' defaults and ranges, the tool's help and the generated
/// invalid-option tests (docs/architecture.md#training-plan).
/// </summary>
/// <param name="Name">The option's name as the options type spells it.</param>
/// <param name="Default">The default value; null when the option has none (it must be set, or null means "not used").</param>
/// <param name="Allowed">The values it accepts.</param>
/// <param name="Meaning">What it means, in one line (for help text).</param>
public sealed record OptionSpec(string Name, object? Default, OptionRange Allowed, string Meaning)
{
    /// <summary>The same option under the name another options type gives it (e.g. the ML.NET trainer's).</summary>
    public OptionSpec Named(string name) => this with { Name = name };

    /// <summary>The same whole-number option with the upper bound a problem sets (s ≤ the parameter count), for a message that states it.</summary>
    public OptionSpec WithMaximum(int maximum) => this with { Allowed = OptionRange.Integer((int)Allowed.Minimum, maximum) };

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the option, its range and the value unless the value is allowed.</summary>
    /// <param name="value">The value set.</param>
    /// <param name="name">The name to report when the caller spells the option differently; null reports <see cref="Name"/>.</param>
    public void Check(double value, string? name = null)
    {
        if (!Allowed.Contains(value))
            throw OutOfRange(name ?? Name, value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Throws unless <paramref name="value"/> is a named member of its enum (see <see cref="Check(double, string?)"/>).</summary>
    public void Check<TEnum>(TEnum value, string? name = null) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
            throw OutOfRange(name ?? Name, value.ToString());
    }

    /// <summary>The one message shape: "<c>MaximumIterations must be an integer ≥ 0 (the iteration cap; 0 evaluates the start only); got -1.</c>"</summary>
    public ArgumentOutOfRangeException OutOfRange(string name, string got)
        => new(name, $"{name} must be {Allowed.Describe()} ({Meaning}); got {got}.");
}
