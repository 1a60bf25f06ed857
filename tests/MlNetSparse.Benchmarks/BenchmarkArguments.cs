namespace MlNetSparse.Benchmarks;

/// <summary>
/// The command line: <c>[--quick] [--only dense|sparse|cnn|iris|choice] [--out DIR] [--seeds 1,2,3] [--data iris,wine] [--rules min,1-SE]</c>;
/// the choice of s runs only when asked for. Seeds, data sets and rules apply to the choice benchmark only.
/// </summary>
internal sealed record BenchmarkArguments(bool Quick, string? Only, string OutputDirectory, bool Help, int[]? Seeds = null, string[]? Data = null, string[]? Rules = null)
{
    public const string Usage = "Usage: dotnet run -c Release --project tests/MlNetSparse.Benchmarks -- [--quick] [--only dense|sparse|cnn|iris|choice] [--out DIR] [--seeds 1,2,3] [--data iris,wine] [--rules min,1-SE]";
    public const string DefaultOutputDirectory = "artifacts/benchmark";
    public static readonly string[] Problems = ["dense", "sparse", "cnn", "iris", "choice"];

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
                "--seeds" => parsed with { Seeds = SeedList(Value(args, ref i)) },
                "--rules" => parsed with { Rules = Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--data" => parsed with { Data = Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--help" or "-h" => parsed with { Help = true },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'; the options are --quick, --only dense|sparse|cnn|iris|choice, --out DIR, --seeds 1,2,3, --data NAME,NAME, --rules NAME,NAME."),
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

    private static int[] SeedList(string value)
    {
        string[] parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var seeds = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out seeds[i]))
                throw new ArgumentException($"--seeds must be a comma-separated list of integers; got '{value}'.");
        return seeds.Length > 0 ? seeds : throw new ArgumentException("--seeds needs at least one seed.");
    }

    private static string Problem(string value)
        => Problems.Contains(value) ? value : throw new ArgumentException($"--only must be one of {string.Join(", ", Problems)}; got '{value}'.");
}
