using System.Diagnostics;

namespace MlNetSparse.Benchmarks;

/// <summary>
/// One problem, measured end to end: one method call per measurement and one table row per
/// configuration, so that new configurations (threads, BLAS backends, streaming SIHT) are one
/// line each.
/// </summary>
internal static class Section
{
    public static void Run(BenchmarkReport report, BenchmarkPlan plan, Func<BinaryProblem> generate, bool peers)
    {
        bool peakIsOwn = MachineInfo.StartNewPeak();
        Progress.Log("generating the next problem …");
        long start = Stopwatch.GetTimestamp();
        BinaryProblem problem = generate();
        report.AddProblem(problem, Stopwatch.GetElapsedTime(start).TotalSeconds);
        string kind = problem.Kind;
        Progress.Log($"{kind}: generated {problem.Name}");

        foreach (GradientPassConfiguration configuration in GradientPassBenchmark.Configurations(problem))
            report.Add(Progress.Step($"{kind}: {configuration.Name}, {configuration.Threads} thread(s)",
                () => GradientPassBenchmark.Measure(problem, configuration, plan)));
        if (problem.StreamingTrain is not null)
            report.Add(Progress.Step($"{kind}: streaming IDataView pass",
                () => GradientPassBenchmark.MeasureStreamingView(problem, plan, rowsToCheck: Math.Min(problem.Train.RowCount, 20_000))));

        report.Add(TruthReference.Row(problem));
        CoreRun core = Progress.Step($"{kind}: IHT to convergence (core)", () => TimeToLossBenchmark.Run(problem, plan));
        report.Add(core.Row);
        if (core.StopReason == Core.Solvers.IhtStopReason.MaximumIterations)
            report.Note($"{kind}: the core IHT run reached the cap of {plan.IterationCap} iterations, so \"best loss\" is the best it saw, not a converged loss.");

        var fits = new MlNetFits(problem, plan.Seed);
        report.Add(Progress.Step($"{kind}: SparseIht through ML.NET", () => fits.SparseIht(core, plan.IterationCap)));
        (TrainingRow Row, Trainers.SparseIhtTrainingReport Report)? defaults = peers
            ? Progress.Step($"{kind}: SparseIht through ML.NET, default options", fits.SparseIhtDefaults)
            : null;
        if (defaults is { } fit)
            report.Add(fit.Row);
        if (problem.StreamingTrain is not null)
        {
            (TrainingRow row, string memory) = Progress.Step($"{kind}: streaming mini-batch SIHT through ML.NET", () => fits.StreamingSiht(core, plan));
            report.Add(row);
            report.Note($"{kind}: streaming SIHT {memory}");
        }
        if (peers)
        {
            double lambdaMax = MlNetFits.LambdaMax(problem);
            TrainingRow lbfgs = Progress.Step($"{kind}: LbfgsLogisticRegression + L1, λ search", () => fits.Lbfgs(lambdaMax, plan.MaximumL1Fits));
            report.Add(lbfgs);
            TrainingRow sdca = Progress.Step($"{kind}: SdcaLogisticRegression + L1, λ search", () => fits.Sdca(lambdaMax, plan.MaximumL1Fits));
            report.Add(sdca);
            if (defaults is { } defaultFit)
            {
                // The fit reads the IDataView on one thread: its read is set beside one single-threaded streaming read of X, timed here.
                double sink = 0;
                double streamingRead = MedianTimer.Milliseconds(() => sink += problem.Train.ReadAllOnce(1), plan.Warmups, plan.Repeats) / 1000;
                report.Note(DefaultFitLine(problem, defaultFit.Row, defaultFit.Report, lbfgs, sdca, streamingRead, FreshMemorySeconds(problem)));
            }
        }
        else
        {
            report.Note($"{kind}: ML.NET's L1 trainers were not run on this problem at these sizes: a λ search of up to " +
                $"{plan.MaximumL1Fits} fits each does not fit the run's time budget; they run on the dense problem (and on both with --quick).");
        }
        report.AddMemory(kind, MachineInfo.PeakWorkingSetMebibytes(), problem.Train.StoredBytes, peakIsOwn);
    }

    /// <summary>
    /// One allocation of fresh memory the size of X, made ready as the read makes its matrix (<see cref="Core.Numerics.FreshArray"/>):
    /// what a read into memory this process has not held before cannot go below. Timed once, not a median: a repeat
    /// would get the memory the first one freed, already faulted in.
    /// </summary>
    private static double FreshMemorySeconds(BinaryProblem problem)
    {
        if (problem.Train.StoredBytes / sizeof(float) > Array.MaxLength)
            return double.NaN;
        GC.Collect();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        float[] fresh = Core.Numerics.FreshArray.Allocate<float>((int)(problem.Train.StoredBytes / sizeof(float)), Environment.ProcessorCount);
        double seconds = clock.Elapsed.TotalSeconds;
        GC.KeepAlive(fresh);
        return seconds;
    }

    /// <summary>The issue's budget for a default fit: passes over X to the true support's accuracy.</summary>
    public const int DefaultFitPassTarget = 30;

    // Passes over X are counts (the same under any load); the time ratios are the only timings in the line.
    private static string DefaultFitLine(BinaryProblem problem, TrainingRow row, Trainers.SparseIhtTrainingReport report, TrainingRow lbfgs, TrainingRow sdca,
        double streamingReadSeconds, double freshMemorySeconds)
    {
        Core.Training.TrainingPhases phases = report.Phases!;
        double fit = row.FitSeconds!.Value;
        double read = report.ReadTime.TotalSeconds;
        // s counts the bias: with a zero bias its slot may hold one more feature.
        HashSet<int> columns = [.. report.Support.Where(p => !p.IsBias).Select(p => p.FeatureIndex!.Value)];
        bool trueSupport = problem.Truth.Columns.All(columns.Contains);
        bool met = phases.Total.Passes <= DefaultFitPassTarget && trueSupport;
        return FormattableString.Invariant(
            $"{problem.Kind}: a default SparseIht fit made {phases.Total.Passes} passes over X (L̂₂ₛ {phases.Smoothness.Passes}, iterations {phases.Iterations.Passes}, ") +
            FormattableString.Invariant($"polish {phases.Polish.Passes}, working set {phases.WorkingSet.Passes}, dense reference {phases.DenseReference.Passes}; ") +
            FormattableString.Invariant($"steps over a working set counted as passes × its share of X's entries) in {report.Iterations} iterations, stopped {report.StopReason}, ") +
            FormattableString.Invariant($"certificate {report.Certificate.Verdict}; test accuracy {row.TestAccuracy:F4}, AUC {row.TestAuc:F4}, {row.Nonzeros} nonzeros, ") +
            FormattableString.Invariant($"the truth's features all in it: {(trueSupport ? "yes" : "no")}; ") +
            FormattableString.Invariant($"fit {fit:F2} s, of which reading the IDataView into memory {read:F2} s ({read / streamingReadSeconds:F1} single-threaded streaming reads of X, ") +
            FormattableString.Invariant($"one taking {streamingReadSeconds * 1000:F1} ms here; fresh memory the size of X, made ready as the read makes it, took {freshMemorySeconds:F2} s ") +
            FormattableString.Invariant($"in this run: the kernel clears every page a process takes for the first time) and training {fit - read:F2} s (L̂₂ₛ {phases.Smoothness.Time.TotalSeconds:F2} s, ") +
            FormattableString.Invariant($"iterations {phases.Iterations.Time.TotalSeconds:F2} s, polish {phases.Polish.Time.TotalSeconds:F2} s); the time ratios that follow are of the whole fit, read included: ") +
            FormattableString.Invariant($"{fit / sdca.FitSeconds!.Value:F2}× the time of SdcaLogisticRegression + L1's final fit and {fit / sdca.TuningSeconds!.Value:F2}× ") +
            FormattableString.Invariant($"its λ search ({sdca.Nonzeros} nonzeros, accuracy {sdca.TestAccuracy:F4}, AUC {sdca.TestAuc:F4}); ") +
            FormattableString.Invariant($"{fit / lbfgs.FitSeconds!.Value:F2}× LbfgsLogisticRegression + L1's final fit and {fit / lbfgs.TuningSeconds!.Value:F2}× its λ search ") +
            FormattableString.Invariant($"({lbfgs.Nonzeros} nonzeros, accuracy {lbfgs.TestAccuracy:F4}). ") +
            FormattableString.Invariant($"Target ≤ {DefaultFitPassTarget} passes to the true support's model: {(met ? "met" : "NOT met")}.");
    }
}
