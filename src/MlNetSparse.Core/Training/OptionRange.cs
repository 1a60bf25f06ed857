using System.Globalization;

namespace MlNetSparse.Core.Training;

/// <summary>
/// The values an option accepts: a closed or half-open interval of integers or finite reals, or the
/// named members of an enum. Worded once (<see cref="Describe"/>) for the error message, the help
/// text and the generated invalid-option tests, in the shape of <c>"Sparsity must be in [1, 14]; got 0."</c>
/// </summary>
public sealed record OptionRange
{
    private OptionRange()
    {
    }

    /// <summary>The smallest value allowed (or the open lower end when <see cref="LowerOpen"/>); −∞ when unbounded.</summary>
    public double Minimum { get; private init; } = double.NegativeInfinity;

    /// <summary>The largest value allowed (or the open upper end when <see cref="UpperOpen"/>); +∞ when unbounded.</summary>
    public double Maximum { get; private init; } = double.PositiveInfinity;

    /// <summary>True when <see cref="Minimum"/> itself is not allowed: (a, …).</summary>
    public bool LowerOpen { get; private init; }

    /// <summary>True when <see cref="Maximum"/> itself is not allowed: (…, b).</summary>
    public bool UpperOpen { get; private init; }

    /// <summary>True when only whole numbers are allowed.</summary>
    public bool IsInteger { get; private init; }

    /// <summary>The allowed names for an enum option; null for a number.</summary>
    public IReadOnlyList<string>? AllowedNames { get; private init; }

    /// <summary>The enum type of an enum option; null for a number.</summary>
    public Type? EnumType { get; private init; }

    /// <summary>Every value of the option's type (a switch, a seed): listed for its default and meaning, never rejected.</summary>
    public static OptionRange Any { get; } = new() { AcceptsAll = true };

    /// <summary>True for <see cref="Any"/>.</summary>
    public bool AcceptsAll { get; private init; }

    /// <summary>Whole numbers in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public static OptionRange Integer(int minimum, int maximum = int.MaxValue) => new() { Minimum = minimum, Maximum = maximum, IsInteger = true };

    /// <summary>Finite reals ≥ <paramref name="minimum"/> (&gt; when <paramref name="open"/>).</summary>
    public static OptionRange AtLeast(double minimum, bool open = false) => new() { Minimum = minimum, LowerOpen = open };

    /// <summary>Finite reals between the ends, each end included unless said open.</summary>
    public static OptionRange Between(double minimum, double maximum, bool lowerOpen = false, bool upperOpen = false)
        => new() { Minimum = minimum, Maximum = maximum, LowerOpen = lowerOpen, UpperOpen = upperOpen };

    /// <summary>The named members of <typeparamref name="TEnum"/>.</summary>
    public static OptionRange OneOf<TEnum>() where TEnum : struct, Enum
        => new() { AllowedNames = Enum.GetNames<TEnum>(), EnumType = typeof(TEnum) };

    /// <summary>True when <paramref name="value"/> is allowed (an enum value is allowed when it is a named member).</summary>
    public bool Contains(double value)
    {
        if (AcceptsAll)
            return true;
        if (EnumType is not null)
            return Enum.IsDefined(EnumType, Enum.ToObject(EnumType, (long)value));
        if (!double.IsFinite(value) || (IsInteger && value != Math.Floor(value)))
            return false;
        bool aboveLow = LowerOpen ? value > Minimum : value >= Minimum;
        bool belowHigh = UpperOpen ? value < Maximum : value <= Maximum;
        return aboveLow && belowHigh;
    }

    /// <summary>
    /// What follows "must be": "in [1, 1000]", "an integer ≥ 1", "a finite number ≥ 0", "a finite number &gt; 0",
    /// "in (0, 0.5]", "one of Zero, RandomSparse".
    /// </summary>
    public string Describe()
    {
        if (AcceptsAll)
            return "any value";
        if (AllowedNames is not null)
            return "one of " + string.Join(", ", AllowedNames);
        if (!IsInteger && double.IsPositiveInfinity(Maximum))
            return $"a finite number {(LowerOpen ? ">" : "≥")} {Format(Minimum)}";
        if (IsInteger && Maximum == int.MaxValue)
            return $"an integer ≥ {Format(Minimum)}";
        return $"in {(LowerOpen ? '(' : '[')}{Format(Minimum)}, {Format(Maximum)}{(UpperOpen ? ')' : ']')}";
    }

    /// <summary>
    /// Values just outside the range, for tests that check each is rejected: the integers next to the
    /// ends, reals at an open end or beyond a closed one, NaN and ∞ for reals, an unnamed enum value.
    /// </summary>
    public IEnumerable<double> ValuesOutside()
    {
        if (AcceptsAll)
            yield break;
        if (EnumType is not null)
        {
            yield return Enum.GetValues(EnumType).Cast<object>().Select(Convert.ToDouble).Max() + 1;
            yield break;
        }
        if (IsInteger)
        {
            if (Minimum > int.MinValue) yield return Minimum - 1;
            if (Maximum < int.MaxValue) yield return Maximum + 1;
            yield break;
        }
        if (double.IsFinite(Minimum)) yield return LowerOpen ? Minimum : Minimum - Math.Max(1e-3, Math.Abs(Minimum) * 1e-3);
        if (double.IsFinite(Maximum)) yield return UpperOpen ? Maximum : Maximum + Math.Max(1e-3, Math.Abs(Maximum) * 1e-3);
        yield return double.NaN;
        yield return double.PositiveInfinity;
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
