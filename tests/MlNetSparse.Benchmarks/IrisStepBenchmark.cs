using System.Diagnostics;
using System.Globalization;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using static System.FormattableString;

namespace MlNetSparse.Benchmarks;

/// <summary>
/// The IRIS study's IHT step (120 standardized training rows, 4 features, 3 classes, s = 7, a fixed γ, one
/// thread) against the same step written as one plain fused C loop (Peers/iris_step.c), compiled here with
/// gcc and run on the same rows, in alternating rounds: the ratio per round and its median. Without gcc
/// the peer is skipped with the reason.
/// </summary>
internal static class IrisStepBenchmark
{
    private const int Sparsity = 7, Rounds = 9, TrainingRows = 120;
    private const double StepSize = 0.01;

    // gcc's flags for the peer: the plain build, and the one that vectorises its row loop, expf and logf included
    // (glibc's libmvec), which is the faster of the two wherever the CPU has AVX2 or AVX-512.
    private static readonly (string Name, string Flags)[] PeerBuilds = [("-O3 -march=native", "-O3 -march=native"), ("+ -ffast-math", "-O3 -march=native -ffast-math")];

    public static void Run(BenchmarkReport report, bool quick)
    {
        int runs = quick ? 4 : 20, steps = 10_000;
        var (features, labels, classes) = TrainingSplit();
        int featureCount = features.Length / TrainingRows;
        var objective = new DenseSoftmaxObjective(features, TrainingRows, featureCount, labels, classes);
        var options = IhtSolverOptions.Paper(Sparsity) with { StepSize = StepSize, MaximumIterations = steps, OptimizationTolerance = 0 };
        var start = new float[objective.ParameterCount];
        double ourLoss = IhtSolver.Solve(objective, start, options).Loss;   // warm-up: JIT and tiering

        string folder = Directory.CreateTempSubdirectory("mlnet-sparse-iris-step-").FullName;
        try
        {
            string data = Path.Combine(folder, "iris.bin");
            WriteData(data, features, labels, featureCount, classes);
            var peers = new List<(string Name, string Program)>();
            foreach (var (name, flags) in PeerBuilds)
                if (TryCompile(folder, Invariant($"{flags} -DK={classes} -DN={featureCount}"), name, out string program, out string why))
                    peers.Add((name, program));
                else
                    report.Note($"IRIS step: the C peer ({name}) was not run: {why}.");

            var ours = new List<double>();
            var theirs = peers.ToDictionary(p => p.Name, _ => new List<double>());
            double peerLoss = double.NaN;
            for (int round = 0; round < Rounds; round++)
            {
                long taken = 0;
                var clock = Stopwatch.StartNew();
                for (int run = 0; run < runs; run++)
                    taken += IhtSolver.Solve(objective, start, options).Iterations;
                ours.Add(clock.Elapsed.TotalNanoseconds / taken);
                foreach (var (name, program) in peers)
                {
                    string[] output = RunPeer(program, data, runs, steps).Split(' ');
                    theirs[name].Add(double.Parse(output[0], CultureInfo.InvariantCulture));
                    peerLoss = double.Parse(output[2], CultureInfo.InvariantCulture);
                }
            }
            double oursMedian = Median(ours);
            report.Note(Invariant($"IRIS step ({TrainingRows} × {featureCount}, {classes} classes, s = {Sparsity}, γ = {StepSize}, {runs} × {steps:N0} steps, one thread, {Rounds} alternating rounds): ") +
                Invariant($"SparseIht {oursMedian:F0} ns per step (rounds {string.Join(", ", ours.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))}), final loss {ourLoss:G6}."));
            foreach (var (name, times) in theirs)
            {
                double[] ratios = [.. ours.Zip(times, (a, b) => a / b)];
                report.Note(Invariant($"IRIS step, fused C loop (gcc {name}): {Median(times):F0} ns per step (rounds {string.Join(", ", times.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))}), final loss {peerLoss:G6}; ") +
                    Invariant($"SparseIht / C = {Median(ratios):F2}× (median of the rounds' ratios; target ≤ 1.5×: {(Median(ratios) <= 1.5 ? "met" : "not met")})."));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // The study's kind of split: 120 rows drawn by a seeded shuffle, standardized with their own means and deviations.
    private static (float[] Features, float[] Labels, int Classes) TrainingSplit()
    {
        ChoiceData iris = ChoiceData.Load(ChoiceData.DataFolder(), "iris.csv", ChoiceTask.Multiclass);
        int[] order = [.. Enumerable.Range(0, iris.Rows).OrderBy(i => SplitMix64.ForStream(42, i).NextUInt64())];
        int[] train = order[..TrainingRows];
        int n = iris.FeatureCount;
        var features = new float[TrainingRows * n];
        for (int j = 0; j < n; j++)
        {
            double mean = train.Average(i => iris.Features[i][j]);
            double deviation = Math.Sqrt(train.Average(i => Math.Pow(iris.Features[i][j] - mean, 2)));
            for (int r = 0; r < TrainingRows; r++)
                features[r * n + j] = (float)((iris.Features[train[r]][j] - mean) / deviation);
        }
        return (features, [.. train.Select(i => iris.Labels[i])], iris.ClassCount);
    }

    private static void WriteData(string path, float[] features, float[] labels, int featureCount, int classes)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(TrainingRows);
        writer.Write(featureCount);
        writer.Write(classes);
        foreach (float v in features)
            writer.Write(v);
        foreach (float v in labels)
            writer.Write(v);
    }

    private static bool TryCompile(string folder, string flags, string name, out string program, out string why)
    {
        program = Path.Combine(folder, "iris_step_" + name.GetHashCode(StringComparison.Ordinal).ToString("x", CultureInfo.InvariantCulture));
        try
        {
            var (code, _, error) = PeerProcess.Run("gcc", [.. flags.Split(' '), "-o", program, PeerProcess.File("iris_step.c"), "-lm"]);
            why = code == 0 ? "" : "gcc failed: " + error.Trim();
            return code == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            why = "gcc is not installed";
            return false;
        }
    }

    private static string RunPeer(string program, string data, int runs, int steps)
    {
        var (code, output, error) = PeerProcess.Run(program, data, Invariant($"{runs}"), Invariant($"{steps}"), Invariant($"{Sparsity}"), Invariant($"{StepSize}"));
        return code == 0 ? output.Trim() : throw new InvalidOperationException($"the C peer failed ({code}): {error}");
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
