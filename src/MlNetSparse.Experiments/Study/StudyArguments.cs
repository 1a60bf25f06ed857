using System.Globalization;

namespace MlNetSparse.Experiments.Study;

/// <summary>
/// The study's command line, shared by the IrisStudy example and `mlnet-sparse experiment`: where the
/// data is, which protocol to run, where the outputs go.
/// </summary>
/// <param name="DataPath">The labelled CSV.</param>
/// <param name="LabelColumn">Its label column.</param>
/// <param name="OutputFolder">Where runs.csv, summary.csv, summary.md and the figures go.</param>
/// <param name="Options">The protocol.</param>
/// <param name="EscapeRuns">Runs of the HT-unstable escape experiment; 0 skips it.</param>
public sealed record StudyArguments(string DataPath, string LabelColumn, string OutputFolder, StudyOptions Options, int EscapeRuns)
{
    /// <summary>What <c>--help</c> prints for the program invoked as <paramref name="command"/>, whose --out defaults to <paramref name="defaultOutputFolder"/>.</summary>
    public static string Usage(string command, string defaultOutputFolder = "artifacts/iris-study") => $"""
        Reproduces the IRIS study of "Learning a Sparse Neural Network using IHT" (§IV) on any labelled CSV.
        usage: {command} [options]
          --data <csv>            dataset (default: the bundled iris.csv)
          --label <column>        label column (default: Species)
          --out <folder>          outputs: runs.csv, summary.csv, summary.md, figures (default: {defaultOutputFolder})
          --runs <n>              runs per sparsity level (default: 1000)
          --levels <list>         sparsity levels, e.g. 1-14 or 3,5,7 (default: every s in [1, P-1])
          --max-steps <n>         step cap (default: 10000)
          --loss-threshold <x>    stop a run once its training loss <= x (default: 0.05)
          --test-fraction <x>     held-out fraction (default: 0.2)
          --seed <n>              seed all run seeds derive from (default: 0)
          --threads <n>           threads (default: all cores; results do not depend on it)
          --no-dense              skip the dense reference runs (no optimality gap)
          --no-rounding-limit     run the paper's loop exactly: every run to the loss threshold or the step cap
          --escape-runs <n>       runs of the HT-unstable escape experiment, 0 to skip (default: 4000)
        """;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> naming the bad argument.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="defaultDataPath">The dataset without <c>--data</c>.</param>
    /// <param name="defaultOutputFolder">The folder without <c>--out</c>; null for artifacts/iris-study.</param>
    public static StudyArguments Parse(string[] args, string defaultDataPath, string? defaultOutputFolder = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        string data = defaultDataPath, label = "Species", output = defaultOutputFolder ?? Path.Combine("artifacts", "iris-study");
        var options = new StudyOptions();
        int escapeRuns = 4000;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--data": data = Value(); break;
                case "--label": label = Value(); break;
                case "--out": output = Value(); break;
                case "--runs": options = options with { RunsPerLevel = Integer("--runs", Value()) }; break;
                case "--levels": options = options with { Levels = Levels(Value()) }; break;
                case "--max-steps": options = options with { MaximumSteps = Integer("--max-steps", Value()) }; break;
                case "--loss-threshold": options = options with { LossThreshold = Number("--loss-threshold", Value()) }; break;
                case "--test-fraction": options = options with { TestFraction = Number("--test-fraction", Value()) }; break;
                case "--seed": options = options with { Seed = Integer("--seed", Value()) }; break;
                case "--threads": options = options with { Threads = Integer("--threads", Value()) }; break;
                case "--no-dense": options = options with { DenseReference = false }; break;
                case "--no-rounding-limit": options = options with { RoundingLimit = false }; break;
                case "--escape-runs": escapeRuns = Integer("--escape-runs", Value()); break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'. Run with --help for the options.");
            }
        }
        if (escapeRuns < 0)
            throw new ArgumentException($"--escape-runs must be ≥ 0 (0 skips the escape experiment); got {escapeRuns}.");
        return new StudyArguments(data, label, output, options, escapeRuns);
    }

    private static int Integer(string name, string text)
        => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value : throw new ArgumentException($"{name} must be an integer; got '{text}'.");

    private static double Number(string name, string text)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value : throw new ArgumentException($"{name} must be a number; got '{text}'.");

    // "1-14", "3,5,7" or a mix: "1-3,7".
    private static int[] Levels(string text)
    {
        var levels = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] range = part.Split('-');
            if (range.Length == 2)
                levels.AddRange(Enumerable.Range(Integer("--levels", range[0]), Integer("--levels", range[1]) - Integer("--levels", range[0]) + 1));
            else
                levels.Add(Integer("--levels", part));
        }
        return [.. levels.Distinct().Order()];
    }
}
