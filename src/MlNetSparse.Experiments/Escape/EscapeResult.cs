namespace MlNetSparse.Experiments.Escape;

/// <summary>All runs of the escape experiment, the kept trajectories and the summary.</summary>
/// <param name="Options">The options it ran with.</param>
/// <param name="Runs">One outcome per run, by index.</param>
/// <param name="Trajectories">The distance-to-θᵘ paths of the first <see cref="EscapeOptions.TrajectoryCount"/> runs.</param>
/// <param name="Summary">What the runs add up to.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record EscapeResult(EscapeOptions Options, IReadOnlyList<EscapeRun> Runs, IReadOnlyList<EscapeTrajectory> Trajectories,
    EscapeSummary Summary, TimeSpan Elapsed);
