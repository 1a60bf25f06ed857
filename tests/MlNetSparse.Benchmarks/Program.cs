using System.Diagnostics;
using System.Globalization;
using MlNetSparse.Benchmarks;
using static System.FormattableString;

// Sparse IHT measured side by side, in one process, with the memory-bound limit of its gradient
// pass and with ML.NET's own L1-penalised logistic regressions, on seeded synthetic problems.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

BenchmarkArguments arguments;
try
{
    arguments = BenchmarkArguments.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine("error: " + error.Message);
    Console.Error.WriteLine(BenchmarkArguments.Usage);
    return 2;
}
if (arguments.Help)
{
    Console.WriteLine(BenchmarkArguments.Usage);
    return 0;
}

if (arguments.Runs("choice"))
{
    // Accuracy, not time: its own report. Three seeds, two with --quick (still a spread of the pick), unless --seeds says.
    int[] seeds = arguments.Seeds ?? (arguments.Quick ? [1, 2] : [1, 2, 3]);
    string choice = ChoiceBenchmark.Run(seeds, arguments.Data, arguments.Rules, "dotnet run -c Release --project tests/MlNetSparse.Benchmarks -- " + string.Join(' ', args));
    Console.Write(choice);
    Directory.CreateDirectory(arguments.OutputDirectory);
    string choicePath = Path.Combine(arguments.OutputDirectory, "choice.md");
    File.WriteAllText(choicePath, choice);
    Console.WriteLine($"Report written to {Path.GetFullPath(choicePath)}");
    return 0;
}

BenchmarkPlan plan = arguments.Quick ? BenchmarkPlan.Quick : BenchmarkPlan.Full;
string commandLine = "dotnet run -c Release --project tests/MlNetSparse.Benchmarks" + (args.Length > 0 ? " -- " + string.Join(' ', args) : "");
var report = new BenchmarkReport(plan, commandLine);
var wall = Stopwatch.StartNew();
if (arguments.Runs("dense"))
    Section.Run(report, plan, () => SyntheticDenseProblem.Generate(plan.Dense, plan.Seed), peers: true);
if (arguments.Runs("sparse"))
    Section.Run(report, plan, () => SyntheticSparseProblem.Generate(plan.Sparse, plan.Seed), plan.PeersOnSparse);
// A binarized LeNet-5's training epoch against its backend's own SGEMM, per backend, side by side.
if (arguments.Runs("cnn"))
    CnnEpochBenchmark.Run(report, arguments.Quick);
// The IRIS study's IHT step against the same step as a plain fused C loop.
if (arguments.Runs("iris"))
    IrisStepBenchmark.Run(report, arguments.Quick);
report.Note(Invariant($"Wall time of the whole run: {wall.Elapsed.TotalSeconds:F1} s."));

Console.Write(report.ToPlainText());
Directory.CreateDirectory(arguments.OutputDirectory);
string markdownPath = Path.Combine(arguments.OutputDirectory, "benchmark.md");
File.WriteAllText(markdownPath, report.ToMarkdown());
Console.WriteLine($"Report written to {Path.GetFullPath(markdownPath)}");
return 0;

