using MlNetSparse.Core.Solvers;
using MlNetSparse.Experiments.Data;
using MlNetSparse.Experiments.Output;
using MlNetSparse.Experiments.Study;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Experiments;

public class StudyRunnerTests
{
    private static readonly ClassificationData Iris = CsvClassificationReader.Read(BundledData.PathOf("iris.csv"), "Species", out _);

    private static StudyOptions Small(int? threads = null) => new()
    {
        Levels = [1, 7, 14], RunsPerLevel = 4, MaximumSteps = 300, Threads = threads, Highlight = new(7, 42, 21, 84),
    };

    [Fact]
    public void SmallProtocol_RunsEveryLevelAndRun_WithinTheBudget_AndJoinsTheDenseReference()
    {
        StudyResult result = StudyRunner.Run(Iris, Small());

        Assert.Equal(12, result.Runs.Count);
        Assert.Equal([1, 1, 1, 1, 7, 7, 7, 7, 14, 14, 14, 14], result.Runs.Select(r => r.Level));
        Assert.Equal([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3], result.Runs.Select(r => r.Run));
        Assert.Equal(4, result.DenseRuns.Count);
        foreach (RunResult run in result.Runs)
        {
            Assert.InRange(run.Support.Count, 1, run.Level);
            Assert.Equal(RunSeeds.For(0, run.Level, run.Run), run.Seeds);
            Assert.Equal(result.DenseRuns[run.Run].TrainLoss, run.DenseTrainLoss);
            Assert.Equal(1 / run.EstimatedSmoothness, run.StepSize, 12);
            Assert.InRange(run.TestAccuracy, 0, 1);
            Assert.True(run.Steps <= 300);
        }
        // Run r of every level trains on the same split.
        Assert.Equal(result.Runs[0].Seeds.Data, result.Runs[4].Seeds.Data);
        Assert.Equal([1, 7, 14], result.Levels.Select(l => l.Level));
        Assert.All(result.Levels, l => Assert.Equal(4, l.Runs));
        Assert.NotNull(result.Highlight);
        Assert.Equal(15, result.Highlight!.Parameters.Length);
        Assert.InRange(result.Highlight.Parameters.Count(p => p != 0), 1, 7);
    }

    [Fact]
    public void WithoutTheRoundingLimit_EveryRunEndsByThePapersTwoRules_FromTheCommandLine()
    {
        // s = 1 runs reach a fixed point well before 2,000 steps: with the rounding limit they stop there; the paper's loop
        // takes its steps to the cap. --no-rounding-limit is what the study's command line and the tool's experiment parse.
        StudyOptions paper = StudyArguments.Parse(["--no-rounding-limit"], BundledData.PathOf("iris.csv")).Options;
        Assert.False(paper.RoundingLimit);
        Assert.DoesNotContain("rounding limit (", paper.StopRules);
        StudyResult limited = StudyRunner.Run(Iris, Small() with { Levels = [1], MaximumSteps = 2000 });
        StudyResult exact = StudyRunner.Run(Iris, Small() with { Levels = [1], MaximumSteps = 2000, RoundingLimit = false });

        Assert.Contains(limited.Runs, r => r.StopReason == IhtStopReason.RoundingLimit);
        Assert.All(exact.Runs, r => Assert.Contains(r.StopReason, new[] { IhtStopReason.MaximumIterations, IhtStopReason.LossToleranceReached }));
        Assert.All(exact.DenseRuns, r => Assert.NotEqual(IhtStopReason.RoundingLimit, r.StopReason));
    }

    [Fact]
    public void TheSameSeeds_GiveTheSameTable_WhateverTheThreadCount()
    {
        string[] Rows(int threads) => [.. StudyRunner.Run(Iris, Small(threads)).Runs.Select(RunCsv.Row)];
        Assert.Equal(Rows(1), Rows(2));

        var other = StudyRunner.Run(Iris, Small() with { Seed = 1 }).Runs.Select(RunCsv.Row);
        Assert.NotEqual(Rows(2), other);
    }

    [Fact]
    public void CsvOutputs_RoundTrip_AndTheSummaryHasOneRowPerLevel()
    {
        StudyResult result = StudyRunner.Run(Iris, Small());
        string folder = Directory.CreateTempSubdirectory("mlnetsparse-study-").FullName;
        try
        {
            string runs = Path.Combine(folder, "runs.csv"), summary = Path.Combine(folder, "summary.csv");
            RunCsv.WriteAll(runs, result.Runs);
            SummaryCsv.Write(summary, result.Levels);

            Assert.Equal(result.Runs.Select(RunCsv.Row), RunCsv.Read(runs).Select(RunCsv.Row));
            string[] lines = File.ReadAllLines(summary);
            Assert.Equal(4, lines.Length);
            Assert.Equal(lines[0].Split(',').Length, lines[1].Split(',').Length);
            Assert.StartsWith("| s | γ = 1/L̂₂ₛ |", SummaryCsv.MedianTable(result.Levels));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void CancelledStudy_LeavesEveryFinishedRunReadableInTheStreamedCsv()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlnetsparse-partial-{Guid.NewGuid():N}.csv");
        using var cancellation = new CancellationTokenSource();
        try
        {
            using (var rows = new StreamingRunCsv(path))
            {
                var observer = new CancelAfterRuns(rows, cancellation, runs: 3);
                Assert.ThrowsAny<OperationCanceledException>(() =>
                    StudyRunner.Run(Iris, Small(threads: 1) with { DenseReference = false, RunsPerLevel = 20 }, observer, cancellation.Token));
                Assert.InRange(rows.RowCount, 3, 59);
            }
            IReadOnlyList<RunResult> finished = RunCsv.Read(path);
            Assert.InRange(finished.Count, 3, 59);
            Assert.All(finished, r => Assert.Null(r.DenseTrainLoss));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("Levels", "Levels must be in [1, 14] for 3 classes × (4 features + 1) = 15 parameters; got 15.")]
    [InlineData("RunsPerLevel", "RunsPerLevel must be in [1, 10000000] (runs per sparsity level); got 0.")]
    [InlineData("TestFraction", "a test fraction of 0.999 leaves 150 test and 0 training rows")]
    [InlineData("MaximumSteps", "MaximumSteps must be an integer ≥ 1 (the step cap of a run); got 0.")]
    public void BadProtocolOptions_AreRejectedWithTheAllowedRange(string option, string message)
    {
        StudyOptions options = option switch
        {
            "Levels" => Small() with { Levels = [1, 15] },
            "RunsPerLevel" => Small() with { RunsPerLevel = 0 },
            "TestFraction" => Small() with { TestFraction = 0.999 },
            _ => Small() with { MaximumSteps = 0 },
        };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => StudyRunner.Run(Iris, options));
        Assert.Equal(option, error.ParamName);
        Assert.Contains(message, error.Message);
    }

    private sealed class CancelAfterRuns(StreamingRunCsv rows, CancellationTokenSource cancellation, int runs) : IStudyObserver
    {
        public void RunCompleted(RunResult run)
        {
            rows.RunCompleted(run);
            if (rows.RowCount == runs)
                cancellation.Cancel();
        }
    }
}
