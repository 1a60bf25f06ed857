using System.Diagnostics;
using MlNetSparse.Experiments.Data;

namespace MlNetSparse.Experiments.Study;

/// <summary>
/// Runs a study: every (level, run) sparse run and one dense reference per split, in parallel on all
/// cores. Each run is single-threaded and depends only on its seeds (<see cref="RunSeeds"/>), and
/// results are stored by index, so the same options give the same results whatever the thread count.
/// </summary>
public static class StudyRunner
{
    /// <summary>Runs the study of <paramref name="options"/> on <paramref name="data"/>.</summary>
    /// <exception cref="OperationCanceledException">Cancelled; the observer has seen every run finished before.</exception>
    public static StudyResult Run(ClassificationData data, StudyOptions options, IStudyObserver? observer = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(data);
        var clock = Stopwatch.StartNew();
        IReadOnlyList<int> levels = options.LevelsFor(data);
        int runs = options.RunsPerLevel, denseJobs = options.DenseReference ? runs : 0;
        int sparseJobs = levels.Count * runs, total = denseJobs + sparseJobs;
        var sparse = new RunResult[sparseJobs];
        var dense = new DenseResult[denseJobs];
        int completed = 0;

        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = options.Threads ?? Environment.ProcessorCount };
        Parallel.For(0, total, parallel, job =>
        {
            if (job < denseJobs)
            {
                dense[job] = RunExecutor.Dense(data, options, RunSeeds.DataSeed(options.Seed, job));
                observer?.DenseCompleted(dense[job]);
            }
            else
            {
                int index = job - denseJobs, level = levels[index / runs], run = index % runs;
                sparse[index] = RunExecutor.Sparse(data, options, level, run, RunSeeds.For(options.Seed, level, run)).Result;
                observer?.RunCompleted(sparse[index]);
            }
            observer?.Progress(Interlocked.Increment(ref completed), total);
        });

        RunResult[] joined = [.. sparse.Select(r => denseJobs > 0 ? r with { DenseTrainLoss = dense[r.Run].TrainLoss } : r)];
        LevelSummary[] summaries = [.. levels.Select((level, i) => LevelSummary.Of(level, joined.AsSpan(i * runs, runs).ToArray()))];
        return new StudyResult(options, joined, dense, summaries, Highlight(data, options), clock.Elapsed);
    }

    private static HighlightResult? Highlight(ClassificationData data, StudyOptions options)
    {
        if (options.Highlight is not { } run)
            return null;
        // The Monte-Carlo seed follows the data seed, as in the quick start.
        var seeds = new RunSeeds(run.DataSeed, run.InitializationSeed, run.SupportSeed, run.DataSeed);
        var (result, parameters, gradient) = RunExecutor.Sparse(data, options, run.Sparsity, run: -1, seeds);
        return new HighlightResult(result, parameters, gradient);
    }
}
