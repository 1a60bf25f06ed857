using ScottPlot;

namespace MlNetSparse.Experiments.Escape;

/// <summary>Figures of the escape experiment (ScottPlot 5).</summary>
public static class EscapeFigures
{
    /// <summary>
    /// Writes a PNG of log₁₀‖θᵏ − θᵘ‖₂ against the step k for every kept trajectory: escaped runs in
    /// blue, the others in red, with the escape radius r and ‖θˢ − θᵘ‖₂ as dashed lines. A distance below
    /// the floor ρ·10⁻³ (such as exactly 0: a run that came back onto θᵘ in float32) is drawn at the
    /// floor, as the axis says.
    /// </summary>
    /// <param name="result">The experiment, with kept trajectories.</param>
    /// <param name="path">The PNG to write; its folder must exist.</param>
    /// <param name="width">Pixels.</param>
    /// <param name="height">Pixels.</param>
    public static void SaveTrajectories(EscapeResult result, string path, int width = 1000, int height = 650)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        EscapeOptions options = result.Options;
        SaddleQuadratic objective = options.Objective;
        double floor = options.PerturbationRadius * 1e-3;
        float[] unstable = objective.Unstable.ToSingle();
        KnownFixedPoint[] stablePoints = [objective.Stable, .. objective.OtherStable];
        double farthest = stablePoints.Max(p => p.DistanceFrom(unstable));
        // Modifier letters (ᵘ, ˢ) are missing from common fonts: labels write θu, θs.

        var plot = new Plot();
        bool escapedLabelled = false, stayedLabelled = false;
        // Runs that stayed are drawn last, so they are not hidden under the escaped ones.
        foreach (EscapeTrajectory trajectory in result.Trajectories.OrderByDescending(t => t.Escaped))
        {
            double[] steps = [.. Enumerable.Range(0, trajectory.DistanceToUnstable.Length).Select(k => (double)k)];
            double[] logDistance = [.. trajectory.DistanceToUnstable.Select(d => Math.Log10(Math.Max(d, floor)))];
            var line = plot.Add.ScatterLine(steps, logDistance);
            line.LineWidth = 1;
            line.MarkerSize = 0;
            line.Color = trajectory.Escaped ? Colors.Blue.WithAlpha(0.25) : Colors.Red.WithAlpha(0.6);
            if (trajectory.Escaped && !escapedLabelled)
                (line.LegendText, escapedLabelled) = ("left the r-ball", true);
            else if (!trajectory.Escaped && !stayedLabelled)
                (line.LegendText, stayedLabelled) = ("never left", true);
        }
        AddLevel(plot, Math.Log10(options.EscapeRadius), $"escape radius r = {options.EscapeRadius:G3}");
        foreach (KnownFixedPoint stable in stablePoints)
            AddLevel(plot, Math.Log10(stable.DistanceFrom(unstable)), $"|{Plain(stable.Name)} − θu| = {stable.DistanceFrom(unstable):G3}");

        int longest = result.Trajectories.Select(t => t.DistanceToUnstable.Length).DefaultIfEmpty(2).Max();
        int low = (int)Math.Floor(Math.Log10(floor)), high = (int)Math.Ceiling(Math.Log10(Math.Max(farthest, options.EscapeRadius)) + 0.01);
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int exponent = low; exponent <= high; exponent++)
            ticks.AddMajor(exponent, $"1e{exponent}");
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.SetLimits(0, Math.Max(1, longest - 1), low - 0.2, high + 0.2);

        var summary = result.Summary;
        plot.Title($"IHT from {summary.RunCount} starts within ρ = {options.PerturbationRadius:G2} of θu ({objective.Name} H, s = {objective.Sparsity}, " +
                   $"γ = {options.EffectiveStepSize:G4}): {summary.EscapedCount} escaped; first {result.Trajectories.Count} drawn");
        plot.XLabel("IHT step k (k = 0: the dense start)");
        plot.YLabel($"|θk − θu|₂, log scale (< {floor:G2}, e.g. 0, drawn at {floor:G2})");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, width, height);
    }

    private static string Plain(string name) => name.Replace('ᵘ', 'u').Replace('ˢ', 's');

    private static void AddLevel(Plot plot, double y, string label)
    {
        var line = plot.Add.HorizontalLine(y);
        line.LinePattern = LinePattern.Dashed;
        line.Color = Colors.Black;
        line.LegendText = label;
    }
}
