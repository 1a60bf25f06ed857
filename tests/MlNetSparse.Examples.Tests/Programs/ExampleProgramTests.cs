using System.Globalization;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Programs;

/// <summary>
/// The README's quick start, the Microsoft.ML-only consumer and the study programs, run as separate
/// processes exactly as a user runs them, so the README and the RESULTS files stay true.
/// </summary>
public class ExampleProgramTests
{
    [Fact]
    public void QuickStart_SavesAZip_ThatAProgramWithOnlyMicrosoftMLScoresAtLeast90Percent_WithAtMost7Nonzeros()
    {
        string folder = Directory.CreateTempSubdirectory("mlnetsparse-quickstart-").FullName;
        try
        {
            string zip = Path.Combine(folder, "iris.zip");
            string quickStart = Run(ExampleDll("QuickStart"), zip);
            Assert.Contains("Sparse IHT on IRIS: 7 nonzero of 15 parameters (s = 7)", quickStart);
            Assert.Contains("HT-stability certificate", quickStart);
            Assert.Contains("Reloaded in a fresh MLContext", quickStart);
            Assert.True(File.Exists(zip));

            Dictionary<string, string> consumer = Run(ExampleDll("ZipConsumer"), zip)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
            Assert.Equal("150", consumer["rows"]);
            Assert.True(double.Parse(consumer["accuracy"], CultureInfo.InvariantCulture) >= 0.9, $"accuracy {consumer["accuracy"]}");
            Assert.InRange(int.Parse(consumer["nonzero"], CultureInfo.InvariantCulture), 1, 7);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void IrisStudy_RunsASmallProtocol_AndWritesItsCsvsAndFigures()
    {
        string folder = Directory.CreateTempSubdirectory("mlnetsparse-study-").FullName;
        try
        {
            string output = Run(ExampleDll("IrisStudy"), "--runs", "2", "--levels", "1,7", "--max-steps", "100", "--escape-runs", "20", "--out", folder);
            Assert.Contains("Medians per sparsity level", output);
            Assert.Contains("Escape (coupled)", output);
            foreach (string file in new[] { "runs.csv", "summary.csv", "summary.md", "learning-rate.png", "highlight-gradient.png", "escape-separable.png" })
                Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} was not written");
            Assert.False(File.Exists(Path.Combine(folder, "runs.partial.csv")));
            Assert.Equal(1 + 4, File.ReadAllLines(Path.Combine(folder, "runs.csv")).Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void BinarizedCnn_OnTheDigits_TrainsDenseAndSparse_AndShipsAZipAndOnnx()
    {
        string folder = Directory.CreateTempSubdirectory("mlnetsparse-cnn-").FullName;
        try
        {
            string output = Run(ExampleDll("BinarizedCnn"), "digits", "--epochs", "3", "--variants", "None,TransformedL1", "--out", folder);
            Assert.Contains("digits 8×8: 1438 training and 359 test images", output);
            Assert.Contains("RVSCGD TransformedL1", output);
            Assert.Contains("epoch   3/3", output);
            Assert.Contains("359 of 359 test predictions identical", output);
            // The shipped model's layer summary. The example's digits network: conv 16@3×3 pad 1 (144 weights × 64 pixels
            // = 9,216 MACs on the real image), conv 32@3×3 pad 1 on binary 16×4×4 (4,608 × 16 = 73,728), dense 128 → 64
            // (8,192) and 64 → 10 (640), both on binary inputs: 91,776 MACs, 82,560 of them binary.
            Assert.Contains("Layers of RVSCGD TransformedL1:", output);
            Assert.Matches(@"(?m)^total\s+10\s+14,154\s+[\d,]+/13,584\s+real → real\s+91,776\s+82,560\s", output);
            Assert.True(File.Exists(Path.Combine(folder, "binarized-cnn-TransformedL1.zip")));
            Assert.True(File.Exists(Path.Combine(folder, "binarized-cnn-TransformedL1.onnx")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void BinarizedCnn_TakesEveryTrainingOption_AndEndsWithOneSummaryRowPerModel()
    {
        string folder = Directory.CreateTempSubdirectory("mlnetsparse-cnn-").FullName;
        try
        {
            string output = Run(ExampleDll("BinarizedCnn"), "digits", "--epochs", "2", "--variants", "None,L0", "--optimizer", "adam",
                "--learning-rate", "0.002", "--schedule", "cosine", "--weight-decay", "0", "--lambda", "1e-4", "--beta", "2", "--threads", "1", "--out", folder);
            Assert.Contains("Training: Adam, learning rate 0.002 on a cosine schedule, weight decay 0, batches of 64, 1 thread; RVSCGD λ = 0.0001, β = 2", output);

            // The last block of the output is the table: header, rule, one row per model trained, in order.
            string[] lines = output.ReplaceLineEndings("\n").TrimEnd().Split('\n');
            string[] table = lines[(Array.FindLastIndex(lines, l => l.Trim().Length == 0) + 1)..];
            Assert.Equal(["model", "test accuracy", "weights nonzero", "sparsity", "time"], Cells(table[0])[..5]);
            Assert.Matches(@"^[-─\s]+$", table[1]);
            Assert.Equal(2 + 2, table.Length);
            Assert.Equal(["dense", "RVSCGD L0"], table[2..].Select(row => Cells(row)[0]));
            foreach (string row in table[2..])
            {
                string[] cells = Cells(row);
                Assert.Matches(@"^\d+\.\d\d %$", cells[1]);
                Assert.Matches(@"^[\d,]+ / [\d,]+$", cells[2]);
                Assert.Matches(@"^\d+\.\d\d %$", cells[3]);
                Assert.Matches(@"^\d+\.\d s$", cells[4]);
            }
            Assert.Equal("0.00 %", Cells(table[2])[3]);   // the dense model has no zero weight
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        // Cells are separated by two or more spaces; a cell holds at most one space in a row.
        static string[] Cells(string row) => System.Text.RegularExpressions.Regex.Split(row.Trim(), @"\s{2,}");
    }

    [Fact]
    public void BinarizedCnn_WithATargetSparsity_ReachesItAndPrintsTheLambdaFound()
    {
        string folder = Directory.CreateTempSubdirectory("mlnetsparse-cnn-").FullName;
        try
        {
            string output = Run(ExampleDll("BinarizedCnn"), "digits", "--epochs", "2", "--variants", "TransformedL1", "--target-sparsity", "0.9",
                "--target-ramp-epochs", "1", "--tl1-shape", "0.5", "--threads", "1", "--out", folder);
            Assert.Contains("RVSCGD target sparsity 90.0 % reached after 1 epoch (λ found each step), β = 1, Tℓ1 a = 0.5", output);
            Assert.Matches(@"epoch   2/2: loss \d\.\d{4}, Lagrangian \d+\.\d{4}, λ = \d", output);
            string row = output.ReplaceLineEndings("\n").TrimEnd().Split('\n')[^1];
            // 13,584 weights: round(0.9 · 13,584) = 12,226 zero, 1,358 kept.
            Assert.Contains("1,358 / 13,584", row);
            Assert.Contains("90.00 %", row);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("--optimizer rmsprop", "error: --optimizer must be one of Sgd, Adam; got 'rmsprop'.")]
    [InlineData("--schedule linear", "error: --schedule must be one of Step, Cosine; got 'linear'.")]
    [InlineData("--learning-rate 0", "error: LearningRate must be a finite number > 0 (the initial learning rate η); got 0.")]
    [InlineData("--momentum 1", "error: Momentum must be in [0, 1) (SGD's momentum μ; ignored by Adam); got 1.")]
    [InlineData("--weight-decay -1", "error: WeightDecay must be a finite number ≥ 0 (L2 weight decay added to every parameter's gradient); got -1.")]
    [InlineData("--drop-epochs 0", "error: LearningRateDropEpochs must hold epochs ≥ 1; got 0.")]
    [InlineData("--drop-factor 0", "error: LearningRateDropFactor must be in (0, 1] (the factor of each learning-rate drop); got 0.")]
    [InlineData("--schedule cosine --drop-epochs 3", "error: LearningRateDropEpochs apply to the Step learning-rate schedule only; got 1 with LearningRateSchedule Cosine.")]
    [InlineData("--lambda 0", "error: Lambda must be a finite number > 0 (λ, the weight of RVSCGD's penalty); got 0.")]
    [InlineData("--beta -1", "error: Beta must be a finite number > 0 (β, the weight of RVSCGD's coupling (β/2)‖w − u‖²); got -1.")]
    [InlineData("--threads 0", "error: NumberOfThreads must be in [1, 1024] (threads; null uses every core); got 0.")]
    [InlineData("--epochs 0", "error: NumberOfEpochs must be in [1, 1000000] (passes over the training rows); got 0.")]
    [InlineData("--batch-size many", "error: --batch-size must be an integer; got 'many'.")]
    [InlineData("--variants None,L2", "error: --variants must be one of None, L0, L1, TransformedL1; got 'L2'.")]
    [InlineData("--target-sparsity 1", "error: TargetSparsity must be in [0, 1) (the fraction of weights zero; 0 or null is off); got 1.")]
    [InlineData("--target-sparsity lots", "error: --target-sparsity must be a number; got 'lots'.")]
    [InlineData("--target-sparsity 0.9 --target-ramp-epochs 40", "error: TargetSparsityRampEpochs must be in [0, NumberOfEpochs = 30]; got 40.")]
    [InlineData("--tl1-shape 0", "error: TransformedL1Shape must be a finite number > 0 (a of the transformed ℓ1 penalty); got 0.")]
    [InlineData("--width 2", "error: --width applies to fashion (LeNet-5); the digits' network has its own widths.")]
    [InlineData("--eta 1", "error: Unknown argument '--eta'.")]
    public void BinarizedCnn_BadArguments_GiveOneLineAndExitCode2_BeforeAnyTraining(string arguments, string message)
    {
        var (exitCode, output, error) = RunRaw(ExampleDll("BinarizedCnn"), ["digits", .. arguments.Split(' ')]);
        Assert.Equal(2, exitCode);
        Assert.StartsWith(message, error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(output);
    }

    [Theory]
    [InlineData("--levels 0", "error: Levels must be in [1, 14]")]
    [InlineData("--runs 0", "error: RunsPerLevel must be in [1, 10000000] (runs per sparsity level); got 0.")]
    [InlineData("--label Specie", "Did you mean 'Species'?")]
    [InlineData("--data missing.csv", "error: data file missing.csv does not exist.")]
    [InlineData("--runs many", "error: --runs must be an integer; got 'many'.")]
    public void IrisStudy_BadArguments_GiveOneLineAndExitCode2(string arguments, string message)
    {
        var (exitCode, _, error) = RunRaw(ExampleDll("IrisStudy"), arguments.Split(' '));
        Assert.Equal(2, exitCode);
        Assert.StartsWith("error: ", error);
        Assert.Contains(message, error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void RvscgdToy_RunsTheThreePenalties_RecoversTheSupport_AndWritesItsFigures()
    {
        string folder = Directory.CreateTempSubdirectory("mlnetsparse-rvscgd-").FullName;
        try
        {
            string output = Run(ExampleDll("RvscgdToy"), "--steps", "100", "--every", "50", "--out", folder);
            Assert.Contains("Comparison after the last step", output);
            // The Markdown table's cells, without the padding that aligns the columns; header and rule first.
            string[][] summary = [.. File.ReadAllLines(Path.Combine(folder, "summary.md"))
                .Select(line => line.Trim()[1..^1].Split('|').Select(cell => cell.Trim()).ToArray())];
            Assert.Equal(["penalty", "η", "θ(w,w*)°", "θ(u,w*)°", "Lagrangian", "‖u‖₀", "FP", "FN", "recovered", "held from", "s"], summary[0]);
            Assert.Equal(2 + 4, summary.Length);
            // ℓ0, ℓ1 and Tℓ1 at η = 5 end on supp(w*) (‖u‖₀ = 10, FP = FN = 0, a step in "held from"); the paper's η never gets there.
            foreach (string[] row in summary.Skip(2).Take(3))
            {
                Assert.Equal(["10", "0", "0"], row[5..8]);
                Assert.Matches(@"^\d+$", row[8]);
                Assert.Matches(@"^\d+$", row[9]);
            }
            Assert.Equal(["never", "-"], summary[5][8..10]);
            foreach (string file in new[] { "lagrangian.png", "angle.png", "trace.csv", "summary.md" })
                Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} was not written");
            Assert.Equal(1 + 4 * 101, File.ReadAllLines(Path.Combine(folder, "trace.csv")).Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("--eta 0", "error: LearningRate must be a finite number > 0 (η, the learning rate); got 0.")]
    [InlineData("--steps many", "error: --steps must be an integer; got 'many'.")]
    [InlineData("--shape -1", "error: TransformedL1Shape must be a finite number > 0; got -1.")]
    [InlineData("--every 0", "error: --every must be ≥ 1; got 0.")]
    [InlineData("--epochs 3", "error: Unknown argument '--epochs'.")]
    public void RvscgdToy_BadArguments_GiveOneLineAndExitCode2(string arguments, string message)
    {
        var (exitCode, _, error) = RunRaw(ExampleDll("RvscgdToy"), arguments.Split(' '));
        Assert.Equal(2, exitCode);
        Assert.StartsWith(message, error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The example's dll, built beside the tests by their project references, in the same configuration.</summary>
    private static string ExampleDll(string project) => RepositoryLayout.BuiltDll("examples/" + project);

    private static string Run(string dll, params string[] arguments)
    {
        var (exitCode, output, error) = RunRaw(dll, arguments);
        Assert.True(exitCode == 0, $"{Path.GetFileName(dll)} exited with {exitCode}:\n{output}\n{error}");
        return output;
    }

    private static (int ExitCode, string Output, string Error) RunRaw(string dll, params string[] arguments)
        => ChildProcess.RunSeparately("dotnet", Directory.GetCurrentDirectory(), null, [dll, .. arguments]);
}
