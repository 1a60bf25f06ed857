namespace MlNetSparse.Experiments.Escape;

/// <summary>One construction's escape experiment: what it added up to and where its figure went.</summary>
/// <param name="Construction">The saddle construction's name (coupled, separable).</param>
/// <param name="Summary">What the runs add up to.</param>
/// <param name="FigurePath">The trajectories' PNG.</param>
public sealed record EscapeStudyResult(string Construction, EscapeSummary Summary, string FigurePath);

/// <summary>
/// The theory paper's experiment: IHT started within 1e-6 of an HT-unstable point, for a coupled
/// construction (every start escapes but a measure-zero set) and a separable one (a fixed fraction stays).
/// </summary>
public static class EscapeStudy
{
    /// <summary>Runs both constructions with <paramref name="runs"/> starts each; writes escape-NAME.png into <paramref name="folder"/>.</summary>
    public static IReadOnlyList<EscapeStudyResult> Run(int runs, int seed, string folder, CancellationToken cancellationToken = default)
    {
        var results = new List<EscapeStudyResult>();
        foreach (SaddleQuadratic objective in new[] { SaddleConstructions.Coupled(), SaddleConstructions.Separable() })
        {
            var options = new EscapeOptions { Objective = objective, RunCount = runs, Seed = seed };
            options = options with { TrajectoryCount = Math.Min(options.TrajectoryCount, runs) };
            EscapeResult escape = EscapeExperiment.Run(options, cancellationToken);
            string figure = Path.Combine(folder, $"escape-{objective.Name}.png");
            EscapeFigures.SaveTrajectories(escape, figure);
            results.Add(new EscapeStudyResult(objective.Name, escape.Summary, figure));
        }
        return results;
    }
}
