using System.Globalization;
using System.Text.RegularExpressions;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Programs;

/// <summary>
/// The benchmark program run as a process with <c>--quick</c>, so it cannot rot: every expected
/// row is in its report with finite numbers. Timings are read, never judged.
/// </summary>
public class BenchmarkProgramTests
{
    private const string None = "–";

    private static readonly string[] Problems = ["dense", "sparse"];
    private static readonly string[] Trainers =
        ["IHT (core, to convergence)", "SparseIht (ML.NET API, stops at 1 %)", "LbfgsLogisticRegression + L1", "SdcaLogisticRegression + L1"];

    [Fact]
    public void Quick_Run_ReportsEveryPassAndTrainerRow_WithFiniteNumbers()
    {
        string folder = Directory.CreateTempSubdirectory("mlnetsparse-bench-").FullName;
        try
        {
            var (exitCode, output, error) = Run("--quick", "--out", folder);
            Assert.True(exitCode == 0, $"the benchmark exited with {exitCode}:\n{output}\n{error}");
            string report = File.ReadAllText(Path.Combine(folder, "benchmark.md"));
            List<string[]> rows = MarkdownRows(report);
            string[] trainingHeader = Assert.Single(rows, r => r.Length > 1 && r[0] == "Problem" && r[1] == "Trainer");
            // Applies to every trainer: s, nonzeros, test accuracy and AUC, training loss, fit time, fits.
            int[] required = [.. new[] { "s", "nnz", "Test acc", "Test AUC", "Train loss", "Fit s", "Fits" }.Select(name => Array.IndexOf(trainingHeader, name))];
            Assert.DoesNotContain(-1, required);

            foreach (string problem in Problems)
            {
                // One row per thread count (1, and all cores when there are several).
                var passes = rows.Where(r => r.Length > 2 && r[0] == problem && r[1] == "IHT gradient pass").ToList();
                Assert.InRange(passes.Count, 1, 2);
                Assert.All(passes, pass => Assert.All(pass[2..], cell => FiniteNumber(cell, pass)));
                foreach (string trainer in Trainers)
                {
                    string[] row = SingleRow(rows, problem, trainer);
                    Assert.All(row[2..], cell => Assert.True(cell == None || double.IsFinite(Parse(cell)), $"'{cell}' in {string.Join(" | ", row)}"));
                    foreach (int column in required)
                        FiniteNumber(row[column], row);
                    Assert.InRange(Parse(row[3]), 1, Parse(row[2])); // nnz ≤ s
                    Assert.InRange(Parse(row[4]), 0.5, 1);
                    Assert.InRange(Parse(row[5]), 0.5, 1);
                    Assert.Contains(trainer, output);
                }
            }
            string[] siht = SingleRow(rows, "sparse", "SparseIht streaming SIHT (ML.NET API)");
            Assert.InRange(Parse(siht[3]), 1, Parse(siht[2]));
            Assert.InRange(Parse(siht[4]), 0.5, 1);
            Assert.Contains("streaming SIHT held at most", report);
            string[] streaming = SingleRow(rows, "sparse", "streaming IDataView cursor pass (rows regenerated)");
            Assert.All(streaming[2..], cell => FiniteNumber(cell, streaming));
            Assert.Contains("## Machine", report);
            Assert.Contains("Vector512", report);
            Assert.Contains("BLAS backend", report);
            Assert.Matches(@"- sparse: \d+ MiB", report); // its peak working set
            Assert.Contains("Targets", output);
            // The LeNet-5 epoch beside PyTorch's: it ran at each thread count, or one line says why not.
            int pytorchRows = Regex.Matches(report, @"LeNet-5 epoch, .* PyTorch .*: \d+\.\d\d s, mean loss .*\d+\.\d\d× as fast").Count;
            Assert.True(pytorchRows >= 1 || report.Contains("LeNet-5 epoch, PyTorch: not run: ", StringComparison.Ordinal), "no PyTorch line");
            // The IRIS step beside its C peers: each peer either ran (a time and the ratio) or says why not.
            Assert.Matches(@"IRIS step \(120 × 4, 3 classes, s = 7.*SparseIht \d+ ns per step", report);
            Assert.Equal(2, Regex.Matches(report, @"IRIS step, fused C loop \(gcc [^)]*\): \d+ ns per step.*SparseIht / C = \d+\.\d\d×").Count
                + Regex.Matches(report, @"IRIS step: the C peer \([^)]*\) was not run: ").Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string[] SingleRow(List<string[]> rows, string problem, string name)
    {
        var matches = rows.Where(r => r.Length > 2 && r[0] == problem && r[1] == name).ToList();
        Assert.True(matches.Count == 1, $"expected one '{problem} | {name}' row; found {matches.Count}");
        return matches[0];
    }

    private static void FiniteNumber(string cell, string[] row)
        => Assert.True(cell != None && double.IsFinite(Parse(cell)), $"'{cell}' is not a finite number in {string.Join(" | ", row)}");

    private static double Parse(string cell)
        => double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : double.NaN;

    // The cells of every Markdown table row ("| a | b |"), header and rule lines included.
    private static List<string[]> MarkdownRows(string markdown)
        => [.. markdown.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith('|') && line.EndsWith('|'))
            .Select(line => line[1..^1].Split('|').Select(cell => cell.Trim()).ToArray())];

    private static (int ExitCode, string Output, string Error) Run(params string[] arguments)
        => ChildProcess.RunSeparately("dotnet", Directory.GetCurrentDirectory(), null, [BenchmarkDll(), .. arguments]);

    /// <summary>The program's dll, built beside the tests by their project reference, in the same configuration.</summary>
    private static string BenchmarkDll() => RepositoryLayout.BuiltDll("tests/MlNetSparse.Benchmarks");
}
