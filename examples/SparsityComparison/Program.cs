using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MlNetSparse.Examples.SparsityComparison;
using MlNetSparse.Examples.Shared;
using Spectre.Console;

// Sparse IHT (a hard budget of s nonzero parameters) against ML.NET's own L1-penalised L-BFGS with λ
// tuned to the same count, on held-out splits of the three bundled classification datasets.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (!TryReadMarkdownPath(args, out string? markdownPath))
{
    Console.Error.WriteLine("Usage: dotnet run -c Release --project examples/SparsityComparison [-- --markdown <path>]");
    return 2;
}

int[] dataSeeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
Console.WriteLine("$ dotnet run -c Release --project examples/SparsityComparison" + (args.Length > 0 ? " -- " + string.Join(' ', args) : ""));
Console.WriteLine($"Sparse IHT with budget s vs ML.NET L-BFGS + L1 (L2 = 0) with λ bisected to the same nonzero count (weights + biases); " +
    $"mean over {dataSeeds.Length} seeded {PreparedSplit.TestFraction:P0} test splits, standardized on the training rows.");
Console.WriteLine();

var wall = Stopwatch.StartNew();
WarmUp();
var table = ReportTable.Create(labelColumns: 1, "Dataset (P)", "s", "IHT acc", "L1 acc", "IHT AUC", "L1 AUC", "IHT nnz", "L1 nnz", "L1 = s", "IHT conv", "IHT ms", "L1 ms", "L1 fits");
foreach (ComparisonDataset dataset in ComparisonDataset.All)
{
    LabeledRow[] rows = dataset.ReadRows();
    foreach (int sparsity in dataset.SparsityLevels)
    {
        var iht = new List<FitOutcome>();
        var l1 = new List<L1SearchResult>();
        foreach (int seed in dataSeeds)
        {
            var ml = new MLContext(seed);
            PreparedSplit split = PreparedSplit.Create(ml, dataset, rows, seed);
            iht.Add(Contenders.SparseIht(ml, split, sparsity, seed));
            l1.Add(L1StrengthSearch.Run(lambda => Contenders.L1(ml, split, lambda), sparsity));
        }
        var l1Fits = l1.Select(r => r.Outcome).ToList();
        table.AddCells($"{dataset.Name} ({dataset.ParameterCount(rows)})", $"{sparsity}",
            $"{iht.Average(o => o.Accuracy):P1}", $"{l1Fits.Average(o => o.Accuracy):P1}",
            Auc(iht), Auc(l1Fits),
            $"{iht.Average(o => o.Nonzeros):F1}", $"{l1Fits.Average(o => o.Nonzeros):F1}",
            $"{l1.Count(r => r.HitTarget(sparsity))}/{l1.Count}", $"{iht.Count(o => o.Converged == true)}/{iht.Count}",
            Milliseconds(iht), Milliseconds(l1Fits), $"{l1.Average(r => r.FitCount):F1}");
    }
}

Console.Write(table.ToPlainText());
Console.WriteLine();
Console.WriteLine("acc/AUC: test set; nnz: nonzero parameters; L1 = s: splits where some λ gave exactly s; " +
    $"IHT conv: splits where IHT met its tolerance before {Contenders.IhtIterationCap} iterations (on separable data the unpenalised loss keeps falling); " +
    "ms: one training fit (the λ search's other fits not counted); L1 fits: fits the λ search took.");
if (markdownPath is not null)
{
    File.WriteAllText(markdownPath, table.ToMarkdown());
    Console.WriteLine($"Markdown table written to {Path.GetFullPath(markdownPath)}");
}
Console.WriteLine($"Wall time: {wall.Elapsed.TotalSeconds:F1} s");
return 0;

static string Auc(List<FitOutcome> outcomes)
    => outcomes[0].Auc is null ? "–" : $"{outcomes.Average(o => o.Auc!.Value):F3}";

static string Milliseconds(List<FitOutcome> outcomes) => $"{outcomes.Average(o => o.TrainingTime.TotalMilliseconds):F1}";

// The first fit of each trainer pays for JIT compilation; one untimed round keeps that out of the table.
static void WarmUp()
{
    foreach (ComparisonDataset dataset in ComparisonDataset.All.DistinctBy(d => d.IsBinary))
    {
        var ml = new MLContext(0);
        PreparedSplit split = PreparedSplit.Create(ml, dataset, dataset.ReadRows(), 0);
        Contenders.SparseIht(ml, split, dataset.SparsityLevels[0], 0);
        Contenders.L1(ml, split, 1f);
    }
}

static bool TryReadMarkdownPath(string[] args, out string? markdownPath)
{
    markdownPath = null;
    if (args.Length == 0)
        return true;
    if (args is ["--markdown", string path])
    {
        markdownPath = path;
        return true;
    }
    return false;
}
