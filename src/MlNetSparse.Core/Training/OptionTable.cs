namespace MlNetSparse.Core.Training;

/// <summary>
/// The options of one algorithm (IHT, the sparsity path, mini-batch IHT, network training): each
/// declared once with its default and range (<see cref="OptionSpec"/>). Read by validation, by the
/// ML.NET Options classes, by the tool's help and by the generated invalid-option tests.
/// </summary>
/// <param name="Algorithm">What the options configure, for help text.</param>
/// <param name="Options">The declarations, in the order help lists them.</param>
public sealed record OptionTable(string Algorithm, IReadOnlyList<OptionSpec> Options)
{
    /// <summary>The declaration of the option named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No option of that name.</exception>
    public OptionSpec this[string name] => Options.FirstOrDefault(o => o.Name == name)
        ?? throw new KeyNotFoundException($"{Algorithm} has no option named {name}.");

    /// <summary>Checks <paramref name="value"/> against the declaration of <paramref name="name"/>.</summary>
    public void Check(string name, double value) => this[name].Check(value);

    /// <summary>Checks an enum <paramref name="value"/> against the declaration of <paramref name="name"/>.</summary>
    public void Check<TEnum>(string name, TEnum value) where TEnum : struct, Enum => this[name].Check(value);

    /// <summary>
    /// The same declarations under the names another options type gives them, for the ML.NET trainers
    /// whose public names predate the core's (<c>MaximumNumberOfIterations</c> for <c>MaximumIterations</c>):
    /// each pair is (the core's name, the other name); options not listed keep their name.
    /// </summary>
    public OptionTable Renamed(string algorithm, params (string Core, string Public)[] names)
        => new(algorithm, [.. Options.Select(o => names.FirstOrDefault(n => n.Core == o.Name) is { Public: { } renamed } ? o.Named(renamed) : o)]);

    /// <summary>The declarations of this table and <paramref name="other"/>, this one's first.</summary>
    public OptionTable With(string algorithm, OptionTable other) => new(algorithm, [.. Options, .. other.Options]);

    /// <summary>The declarations whose names are in <paramref name="names"/>, in this table's order.</summary>
    public OptionTable Only(string algorithm, params string[] names) => new(algorithm, [.. Options.Where(o => names.Contains(o.Name))]);
}
