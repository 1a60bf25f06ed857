using System.CommandLine;
using System.Globalization;
using MlNetSparse.Core.Training;

namespace MlNetSparse.Cli.Commands;

/// <summary>
/// A typed flag for a library option declared in an <see cref="OptionTable"/>: its name through
/// <see cref="ToolWording"/>, its default and its allowed values from the declaration, so the help states
/// exactly the range the library checks (docs/architecture.md#options). The library validates; a value out of
/// range is its one message, after the flag.
/// </summary>
internal static class DeclaredOption
{
    /// <summary>The flag of <paramref name="name"/> in <paramref name="table"/>, with <paramref name="description"/> and the allowed values.</summary>
    /// <exception cref="KeyNotFoundException">The table declares no such option (a defect caught by the tool's tests).</exception>
    public static Option<T> Create<T>(OptionTable table, string name, string description) where T : struct
    {
        OptionSpec declaration = table[name];
        // A switch accepts every value of its type: its help needs no range.
        string allowed = declaration.Allowed.AcceptsAll ? "" : $" Allowed: {declaration.Allowed.Describe()}.";
        var option = new Option<T>(ToolWording.Flag(name)) { Description = description + allowed };
        if (declaration.Default is { } fallback)
        {
            var value = (T)Convert.ChangeType(fallback, typeof(T), CultureInfo.InvariantCulture);
            option.DefaultValueFactory = _ => value;
        }
        return option;
    }

    /// <summary>
    /// The flag of an option whose library default is null (<c>NumberOfThreads</c>: every core): unset, it gives
    /// null and the library's default applies; the help states <paramref name="unset"/> and the allowed values.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The table declares no such option (a defect caught by the tool's tests).</exception>
    public static Option<T?> CreateOptional<T>(OptionTable table, string name, string description, string unset) where T : struct
    {
        OptionSpec declaration = table[name];
        return new Option<T?>(ToolWording.Flag(name)) { Description = $"{description} Default: {unset}. Allowed: {declaration.Allowed.Describe()}." };
    }
}
