namespace MlNetSparse.Experiments.Study;

/// <summary>Everything a study produced.</summary>
/// <param name="Options">The protocol it ran.</param>
/// <param name="Runs">Every sparse run, ordered by level then run index, with the dense loss of its split joined in.</param>
/// <param name="DenseRuns">The dense reference of each split, by run index; empty without a dense reference.</param>
/// <param name="Levels">Per-level summaries, in level order.</param>
/// <param name="Highlight">The highlighted run with its parameters and gradient; null if none was asked for.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record StudyResult(
    StudyOptions Options,
    IReadOnlyList<RunResult> Runs,
    IReadOnlyList<DenseResult> DenseRuns,
    IReadOnlyList<LevelSummary> Levels,
    HighlightResult? Highlight,
    TimeSpan Elapsed)
{
    /// <summary>IHT steps taken by the sparse runs.</summary>
    public long SparseSteps => Runs.Sum(r => (long)r.Steps);

    /// <summary>IHT steps taken by the dense reference runs.</summary>
    public long DenseSteps => DenseRuns.Sum(r => (long)r.Steps);
}

/// <summary>The highlighted run: its row, the trained θ and ∇f(θ) (the paper's Figs. 14–15).</summary>
/// <param name="Run">Its result.</param>
/// <param name="Parameters">θ = [W (k×n), b (k)].</param>
/// <param name="Gradient">∇f(θ).</param>
public sealed record HighlightResult(RunResult Run, float[] Parameters, float[] Gradient);
