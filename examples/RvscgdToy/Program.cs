using System.Diagnostics;
using System.Globalization;
using System.Text;
using MlNetSparse.Core.Solvers.Rvscgd;
using MlNetSparse.Core.Sparsity.Penalties;
using MlNetSparse.Examples.RvscgdToy;
using MlNetSparse.Examples.Shared;
using MlNetSparse.Experiments.Rvscgd;
using Spectre.Console;

// The RVSCGD paper's toy (§6 there; docs/algorithms.md#toy-teacher-problem): recover a sparse unit filter of a
// one-hidden-layer binarized CNN from fresh Gaussian batches, with ℓ0, ℓ1 and Tℓ1 thresholding.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Contains("--help"))
{
    Console.WriteLine(ToyArguments.Usage);
    return 0;
}
ToyArguments arguments;
try
{
    arguments = ToyArguments.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

var wall = Stopwatch.StartNew();
RvscgdToyOptions baseline = arguments.Options;
Console.WriteLine("$ dotnet run -c Release --project examples/RvscgdToy" + (args.Length > 0 ? " -- " + string.Join(' ', args) : ""));
Console.WriteLine($"k = {baseline.PatchCount}, d = {baseline.PatchSize}, |w*|0 = {baseline.TeacherNonzeros} (entries ±1/√{baseline.TeacherNonzeros}), " +
    $"λ = {baseline.Lambda:G3}, β = {baseline.Beta:G3} (τ = λ/β = {baseline.Settings.Tau:G3}), {baseline.BatchSize} fresh samples a step, " +
    $"{baseline.Steps} steps, seed {baseline.Seed}; w normalised every step; f(w) = θ/(2kπ) in closed form.");
Console.WriteLine();

RvscgdToyOptions[] runs =
[
    baseline with { Penalty = SparsityPenaltyKind.L0 },
    baseline with { Penalty = SparsityPenaltyKind.L1 },
    baseline with { Penalty = SparsityPenaltyKind.TransformedL1 },
    baseline with { Penalty = SparsityPenaltyKind.L0, LearningRate = RvscgdToyOptions.PaperLearningRate },
];
var results = new List<RvscgdToyResult>();
foreach (RvscgdToyOptions options in runs)
{
    RvscgdToyResult result = RvscgdToyExperiment.Run(options);
    results.Add(result);
    Console.WriteLine($"{result.Label}: {result.Elapsed.TotalSeconds:F1} s");
    Console.WriteLine(TraceTable(result, arguments.PrintEvery).ToPlainText());
}

Table summary = SummaryTable(results);
Console.WriteLine("Comparison after the last step (recovered: first step with supp(u) = supp(w*); held: from which step it held to the end)");
Console.WriteLine(summary.ToPlainText());
Directory.CreateDirectory(arguments.OutputFolder);
IReadOnlyList<string> figures = RvscgdToyFigures.SaveAll(results, arguments.OutputFolder);
File.WriteAllText(Path.Combine(arguments.OutputFolder, "trace.csv"), TraceCsv(results));
File.WriteAllText(Path.Combine(arguments.OutputFolder, "summary.md"), summary.ToMarkdown());
Console.WriteLine($"Wrote {string.Join(", ", figures.Select(Path.GetFileName))}, trace.csv and summary.md in {Path.GetFullPath(arguments.OutputFolder)} " +
    $"({wall.Elapsed.TotalSeconds:F1} s in all).");
return 0;

static Table TraceTable(RvscgdToyResult result, int every)
{
    var table = ReportTable.Create(labelColumns: 0, "step", "Lagrangian", "f(w)", "λP(u)", "β/2‖w−u‖²", "θ(w,w*)°", "θ(u,w*)°", "‖u‖₀", "FP", "FN");
    foreach (RvscgdToyPoint p in result.Points.Where(p => p.Step % every == 0 || p.Step == result.Points.Count - 1))
    {
        RvscgdStep terms = result.Run.Trace[p.Step];
        table.AddCells($"{p.Step}", $"{p.Lagrangian:E4}", $"{terms.Loss:E3}", $"{terms.Penalty:E3}", $"{terms.Coupling:E3}", $"{p.AngleDegrees:F3}",
            $"{p.SparseAngleDegrees:F3}", $"{p.SupportSize}", $"{p.FalsePositives}", $"{p.FalseNegatives}");
    }
    return table;
}

static Table SummaryTable(IReadOnlyList<RvscgdToyResult> results)
{
    var table = ReportTable.Create(labelColumns: 2, "penalty", "η", "θ(w,w*)°", "θ(u,w*)°", "Lagrangian", "‖u‖₀", "FP", "FN", "recovered", "held from", "s");
    foreach (RvscgdToyResult r in results)
    {
        RvscgdToyPoint last = r.Final;
        table.AddCells(SparsityPenalty.Create(r.Options.Penalty, r.Options.TransformedL1Shape).Describe(), $"{r.Options.LearningRate:G4}",
            $"{last.AngleDegrees:F3}", $"{last.SparseAngleDegrees:F3}", $"{last.Lagrangian:E4}", $"{last.SupportSize}", $"{last.FalsePositives}",
            $"{last.FalseNegatives}", r.SupportRecoveredAt?.ToString(CultureInfo.InvariantCulture) ?? "never",
            r.SupportHeldFrom?.ToString(CultureInfo.InvariantCulture) ?? "-", $"{r.Elapsed.TotalSeconds:F1}");
    }
    return table;
}

static string TraceCsv(IReadOnlyList<RvscgdToyResult> results)
{
    var csv = new StringBuilder("run,step,lagrangian,loss,penalty,coupling,angle_w_deg,angle_u_deg,support,false_positives,false_negatives\n");
    foreach (RvscgdToyResult r in results)
        foreach (RvscgdToyPoint p in r.Points)
        {
            RvscgdStep terms = r.Run.Trace[p.Step];
            csv.Append(CultureInfo.InvariantCulture, $"\"{r.Label}\",{p.Step},{p.Lagrangian:R},{terms.Loss:R},{terms.Penalty:R},{terms.Coupling:R},")
               .Append(CultureInfo.InvariantCulture, $"{p.AngleDegrees:R},{p.SparseAngleDegrees:R},{p.SupportSize},{p.FalsePositives},{p.FalseNegatives}\n");
        }
    return csv.ToString();
}
