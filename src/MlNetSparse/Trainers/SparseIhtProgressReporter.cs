using System.Diagnostics;
using MlNetSparse.Core.Solvers;

namespace MlNetSparse.Trainers;

/// <summary>
/// Turns a Fit's IHT iterations into <see cref="SparseIhtProgress"/> for the user's callback: it names
/// the run (path s, final fit or dense reference) and reports at most every 100 ms, so a fast solver is
/// not slowed by a progress bar, plus the first and the capped step of each run.
/// </summary>
internal sealed class SparseIhtProgressReporter
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly IProgress<SparseIhtProgress>? _progress;
    private readonly int _parameterCount;
    private readonly int _maximumIterations;
    private readonly Stopwatch _sinceReport = Stopwatch.StartNew();
    private int[] _path = [];
    private bool _pathFinished;
    private int _runs;
    private double _reported;

    /// <param name="progress">The user's callback; null reports nothing.</param>
    /// <param name="parameterCount">P: a run at s = P is the dense reference.</param>
    /// <param name="maximumIterations">The iteration cap of every run.</param>
    /// <param name="compareWithDense">Whether a dense reference run follows the sparse one.</param>
    public SparseIhtProgressReporter(IProgress<SparseIhtProgress>? progress, int parameterCount, int maximumIterations, bool compareWithDense)
    {
        _progress = progress;
        _parameterCount = parameterCount;
        _maximumIterations = maximumIterations;
        _runs = compareWithDense ? 2 : 1;
    }

    /// <summary>A path over <paramref name="sparsities"/> (increasing) comes before the final fit.</summary>
    public void StartPath(int[] sparsities)
    {
        _path = sparsities;
        _runs += sparsities.Length;
    }

    /// <summary>
    /// The path is over (perhaps early): what follows is the final fit at <paramref name="sparsity"/>, from a point of loss
    /// <paramref name="loss"/>. Its start is reported (0 steps done): a final fit that starts at a converged point takes no step.
    /// </summary>
    public void FinishPath(int sparsity, double loss)
    {
        _pathFinished = true;
        if (_progress is null)
            return;
        _sinceReport.Restart();
        _reported = Math.Max(_reported, Math.Min(1.0, (double)_path.Length / _runs));
        _progress.Report(new SparseIhtProgress(SparseIhtStage.FinalFit, sparsity, 0, _maximumIterations, loss, 0, _path.Length, _reported));
    }

    /// <summary>One accepted IHT step of whatever run is going on.</summary>
    public void OnIteration(in IhtIteration iteration)
    {
        if (_progress is null)
            return;
        bool last = iteration.Iteration >= _maximumIterations;
        if (iteration.Iteration != 1 && !last && _sinceReport.Elapsed < Interval)
            return;
        _sinceReport.Restart();
        (SparseIhtStage stage, int run) = Locate(iteration.Sparsity);
        double within = Math.Min(1.0, iteration.Iteration / (double)_maximumIterations);
        // Monotone: a run that converged early leaves its share as done when the next begins.
        _reported = Math.Max(_reported, Math.Min(1.0, (run + within) / _runs));
        int pathStep = stage == SparseIhtStage.SparsityPath ? run + 1 : 0;
        _progress.Report(new SparseIhtProgress(stage, iteration.Sparsity, iteration.Iteration, _maximumIterations, iteration.Loss,
            pathStep, _path.Length, _reported));
    }

    // The runs in order: the path's s values, then the sparse (final) fit, then the dense reference.
    private (SparseIhtStage Stage, int Run) Locate(int sparsity)
    {
        if (sparsity == _parameterCount)
            return (SparseIhtStage.DenseReference, _path.Length + 1);
        if (_path.Length == 0)
            return (SparseIhtStage.Training, 0);
        if (_pathFinished)
            return (SparseIhtStage.FinalFit, _path.Length);
        int index = Array.IndexOf(_path, sparsity);
        return (SparseIhtStage.SparsityPath, Math.Max(index, 0));
    }
}
