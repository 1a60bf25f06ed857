namespace MlNetSparse.Benchmarks;

/// <summary>The command line: <c>[--quick] [--only dense|sparse|cnn|choice] [--out DIR]</c>; the choice of s runs only when asked for.</summary>
internal sealed record BenchmarkArguments(bool Quick, string? Only, string OutputDirectory, bool Help)
{
    public const string Usage = "Usage: dotnet run -c Release --project tests/MlNetSparse.Benchmarks -- [--quick] [--only dense|sparse|cnn|choice] [--out DIR]";
    public const string DefaultOutputDirectory = "artifacts/benchmark";
    public static readonly string[] Problems = ["dense", "sparse", "cnn", "choice"];

    // The choice of s counts accuracy, not time: it runs only with --only choice.
    public bool Runs(string problem) => Only == problem || (Only is null && problem != "choice");

    /// <exception cref="ArgumentException">An unknown option or a bad value; the message says what is allowed.</exception>
    public static BenchmarkArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new BenchmarkArguments(false, null, DefaultOutputDirectory, false);
        for (int i = 0; i < args.Count; i++)
        {
            parsed = args[i] switch
            {
                "--quick" => parsed with { Quick = true },
                "--only" => parsed with { Only = Problem(Value(args, ref i)) },
                "--out" => parsed with { OutputDirectory = Value(args, ref i) },
                "--help" or "-h" => parsed with { Help = true },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'; the options are --quick, --only dense|sparse|cnn|choice, --out DIR."),
            };
        }
        return parsed;
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        string option = args[i];
        if (++i >= args.Count || args[i].StartsWith("--", StringComparison.Ordinal))
            throw new ArgumentException($"{option} needs a value.");
        return args[i];
    }

    private static string Problem(string value)
        => Problems.Contains(value) ? value : throw new ArgumentException($"--only must be one of {string.Join(", ", Problems)}; got '{value}'.");
}
