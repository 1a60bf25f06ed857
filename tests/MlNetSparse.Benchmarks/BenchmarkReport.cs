using System.Globalization;
using System.Text;
using MlNetSparse.Examples.Shared;
using Spectre.Console;
using static System.FormattableString;

namespace MlNetSparse.Benchmarks;

/// <summary>
/// Everything one run measured, rendered as aligned text for the console and as Markdown for
/// DIR/benchmark.md: the machine, the problems, the per-iteration table, the training table, peak
/// working set after each section, the issue's targets checked against the numbers, and notes.
/// </summary>
internal sealed class BenchmarkReport(BenchmarkPlan plan, string commandLine)
{
    /// <summary>The issue's bound on one iteration of the managed path, in streaming reads.</summary>
    public const double IterationTarget = 2.5;

    private const string None = "–";
    private readonly List<string> _problems = [];
    private readonly List<PassTiming> _passes = [];
    private readonly List<TrainingRow> _training = [];
    private readonly List<(string Section, double Mebibytes, double StoredMebibytes, bool SectionOnly)> _memory = [];
    private readonly List<string> _notes = [];

    public void AddProblem(BinaryProblem problem, double generationSeconds)
        => _problems.Add($"{problem.Kind}: {problem.Name}; train {problem.Train.RowCount:N0} rows ({problem.Train.StoredCount:N0} stored entries, " +
            $"{Mebibytes(problem.Train.StoredBytes):F0} MiB), test {problem.Test.RowCount:N0} rows; s = {problem.Sparsity} " +
            $"(truth nonzeros + bias), {problem.Layout.ParameterCount:N0} parameters; generated in {generationSeconds:F1} s");

    public void Add(PassTiming timing) => _passes.Add(timing);

    public void Add(TrainingRow row) => _training.Add(row);

    /// <summary>The peak working set of a section; <paramref name="sectionOnly"/> is false when it could not be reset and spans the whole process.</summary>
    public void AddMemory(string section, double peakMebibytes, long storedBytes, bool sectionOnly)
        => _memory.Add((section, peakMebibytes, Mebibytes(storedBytes), sectionOnly));

    public void Note(string note) => _notes.Add(note);

    public string ToPlainText() => Render(markdown: false);

    public string ToMarkdown() => Render(markdown: true);

    private string Render(bool markdown)
    {
        var text = new StringBuilder();
        string Heading(string title) => markdown ? $"## {title}" : $"{title}:";
        string Item(string line) => markdown ? $"- {line}" : $"  {line}";
        string Table(Table table) => markdown ? table.ToMarkdown() : table.ToPlainText();

        text.AppendLine(markdown ? "# MlNetSparse benchmarks" : "MlNetSparse benchmarks");
        text.AppendLine();
        text.AppendLine(markdown ? $"`{commandLine}` ({plan.Name} sizes, seed {plan.Seed})" : $"$ {commandLine}   ({plan.Name} sizes, seed {plan.Seed})");
        text.AppendLine();
        text.AppendLine(Heading("Machine"));
        foreach (string line in MachineInfo.Lines())
            text.AppendLine(Item(line));
        text.AppendLine();
        text.AppendLine(Heading("Problems"));
        foreach (string line in _problems)
            text.AppendLine(Item(line));
        text.AppendLine();
        text.AppendLine(Heading($"Time per IHT iteration vs one streaming read of the training features (median of {plan.Repeats} after {plan.Warmups} warm-up)"));
        text.AppendLine(Table(PassTable()));
        text.AppendLine(Heading("Training: every trainer held to s nonzeros, scored on the held-out 20 %"));
        text.AppendLine(Table(TrainingTable()));
        text.AppendLine(Heading("Peak working set of each section (everything in it: data, the kernels, every trainer's fit)"));
        foreach (var (section, peak, stored, sectionOnly) in _memory)
            text.AppendLine(Item(Invariant($"{section}: {peak:F0} MiB {(sectionOnly ? "during the section" : "since the process started")} ") +
                Invariant($"(its training features take {stored:F0} MiB)")));
        text.AppendLine();
        text.AppendLine(Heading("Targets"));
        foreach (string line in Targets())
            text.AppendLine(Item(line));
        text.AppendLine();
        text.AppendLine(Heading("Notes"));
        foreach (string line in Legend().Concat(_notes))
            text.AppendLine(Item(line));
        return text.ToString();
    }

    private Table PassTable()
    {
        var table = ReportTable.Create(labelColumns: 2, "Problem", "Pass", "Threads", "MB read", "Read ms", "Pass ms", "Pass/read", "Read GB/s");
        foreach (PassTiming p in _passes)
            table.AddCells(p.Problem, p.Pass, Invariant($"{p.Threads}"), Invariant($"{p.BytesRead / 1e6:F1}"), Milliseconds(p.ReadMilliseconds),
                Milliseconds(p.PassMilliseconds), Invariant($"{p.Ratio:F2}"), Invariant($"{p.ReadGigabytesPerSecond:F2}"));
        return table;
    }

    private Table TrainingTable()
    {
        var table = ReportTable.Create(labelColumns: 2, "Problem", "Trainer", "s", "nnz", "Test acc", "Test AUC", "Train loss", "Read s", "L̂₂ₛ s", "To 1 % s",
            "Iter to 1 %", "Iter", "Fit s", "Tuning s", "Fits");
        foreach (TrainingRow r in _training)
            table.AddCells(r.Problem, r.Trainer, Invariant($"{r.Sparsity}"), Invariant($"{r.Nonzeros}"), Invariant($"{r.TestAccuracy:F4}"),
                Invariant($"{r.TestAuc:F4}"), Invariant($"{r.TrainLoss:F5}"), Seconds(r.ReadSeconds), Seconds(r.EstimateSeconds), Seconds(r.TimeToTargetSeconds),
                Count(r.IterationsToTarget), Count(r.Iterations), Seconds(r.FitSeconds), Seconds(r.TuningSeconds), Count(r.Fits));
        return table;
    }

    private IEnumerable<string> Targets()
    {
        foreach (PassTiming p in _passes.Where(p => p.Pass.StartsWith("IHT", StringComparison.Ordinal)))
            yield return Invariant($"{p.Problem}, {p.Pass}, {p.Threads} thread(s): one iteration = {p.Ratio:F2} streaming reads ") +
                Invariant($"(target ≤ {IterationTarget}): {(p.Ratio <= IterationTarget ? "met" : "NOT met")}");
        foreach (var group in _training.GroupBy(r => r.Problem))
        {
            // The default fit where it ran (a user knows no target loss), else the fit that stops at the core run's 1 %.
            TrainingRow? iht = group.FirstOrDefault(r => r.Trainer == MlNetFits.DefaultsTrainer)
                ?? group.FirstOrDefault(r => r.Trainer.StartsWith("SparseIht", StringComparison.Ordinal));
            if (iht is null)
                continue;
            foreach (TrainingRow peer in group.Where(r => r.TuningSeconds is not null))
            {
                // Met only when faster both ways: by the median of the repeated fits and by the fastest of them.
                bool faster = iht.FitSeconds < peer.FitSeconds, asAccurate = iht.TestAccuracy >= peer.TestAccuracy;
                bool fastestFaster = !(iht.FastestFitSeconds >= peer.FastestFitSeconds);
                string fastest = iht.FastestFitSeconds is { } mine && peer.FastestFitSeconds is { } theirs
                    ? Invariant($"; fastest of the repeats {mine:F2} s vs {theirs:F2} s (faster: {YesNo(fastestFaster)})")
                    : "";
                yield return Invariant($"{group.Key}: SparseIht {iht.FitSeconds:F2} s to accuracy {iht.TestAccuracy:F4} with {iht.Nonzeros} nonzeros vs ") +
                    Invariant($"{peer.Trainer} {peer.FitSeconds:F2} s (final fit; {peer.TuningSeconds:F2} s with its λ search) to {peer.TestAccuracy:F4} ") +
                    Invariant($"with {peer.Nonzeros}: {(faster && fastestFaster && asAccurate ? "met" : "NOT met")} (faster: {YesNo(faster)}, accuracy ≥: {YesNo(asAccurate)}{fastest})");
            }
        }
        foreach (var (section, peak, stored, _) in _memory.Where(m => m.Section == "sparse"))
            yield return Invariant($"sparse problem in bounded memory: peak working set {peak:F0} MiB for {stored:F0} MiB of training features ") +
                Invariant($"({peak / stored:F1}×), the section holding a CSR copy for the in-memory rows; the streaming SIHT fit's own bound is in the notes");
    }

    private IEnumerable<string> Legend()
    {
        yield return "Pass/read: the pass's time over the time of one vectorised read of the same arrays (values; plus column indices " +
            "and row starts for CSR) at the same thread count — the memory-bound limit. An IHT iteration costs one f and ∇f " +
            "evaluation at an s-sparse θ.";
        yield return "Train loss: the unpenalised mean logistic loss on the training rows at each model's weights (same function for all). " +
            "Best loss = the final loss of the core run; \"to 1 %\" = the first iteration with loss ≤ best + 1 %·|best|, timed from " +
            "the start of training, so it includes the L̂₂ₛ estimate (50 Monte-Carlo samples, 2 gradients each).";
        yield return "SparseIht (ML.NET API) gets the core run's L̂₂ₛ seed and its 1 % target as LossTolerance, so it follows the same path " +
            "(same \"Iter to 1 %\") and stops there; its time includes \"Read s\", reading the IDataView into memory before training starts. " +
            Invariant($"ML.NET's L1 trainers: λ bisected on a log scale (at most {plan.MaximumL1Fits} fits) to the largest nonzero count ≤ s; ") +
            "\"Fit s\" is the kept λ's fit alone (the median of 3 fits at that λ; the default SparseIht fit is also the median of 3), \"Tuning s\" all fits of the search. L-BFGS: L2 = 0; SDCA: L2 = 1e-4 (its dual needs one); every other " +
            "option at ML.NET's defaults (all cores). The truth row scores the generating model: about the best accuracy any model can reach.";
        yield return "The core IHT and the ML.NET SparseIht fits use every core (LinearModelObjective.MaxDegreeOfParallelism; results do not depend on it); the data sets are generated from the seed, never stored.";
    }

    // Three or four significant digits, fixed-point (never an exponent, so the cells parse as plain numbers).
    private static string Milliseconds(double ms) => ms.ToString(ms >= 100 ? "F0" : ms >= 10 ? "F1" : "F2", CultureInfo.InvariantCulture);

    private static string Seconds(double? seconds)
        => seconds is double s ? s.ToString(s >= 100 ? "F0" : s >= 10 ? "F1" : s >= 1 ? "F2" : "F3", CultureInfo.InvariantCulture) : None;

    private static string Count(int? count) => count is int c ? Invariant($"{c}") : None;

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static double Mebibytes(long bytes) => bytes / (1024.0 * 1024);

}
