using MlNetSparse.Experiments.Output;
using ScottPlot;
using MlNetSparse.Plots;

namespace MlNetSparse.Experiments.Rvscgd;

/// <summary>The toy's figures (ScottPlot 5): the Lagrangian and the angle θ(wᵗ, w*) against the step, one line per run.</summary>
public static class RvscgdToyFigures
{
    /// <summary>L_β(uᵗ, wᵗ) against t.</summary>
    public const string LagrangianFile = "lagrangian.png";

    /// <summary>θ(wᵗ, w*) against t.</summary>
    public const string AngleFile = "angle.png";

    private static readonly Color[] Palette = [Colors.Blue, Colors.OrangeRed, Colors.Green, Colors.Gray, Colors.Purple, Colors.Brown];

    /// <summary>
    /// Writes <see cref="LagrangianFile"/> and <see cref="AngleFile"/> into <paramref name="folder"/>
    /// (created if missing), both on a log scale, with a dot where each run first had supp(u) = supp(w*).
    /// </summary>
    /// <returns>The paths written.</returns>
    /// <exception cref="ArgumentException">No runs.</exception>
    public static IReadOnlyList<string> SaveAll(IReadOnlyList<RvscgdToyResult> runs, string folder, int width = 900, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (runs.Count == 0)
            throw new ArgumentException("There are no runs to draw.", nameof(runs));
        Directory.CreateDirectory(folder);
        RvscgdToyOptions first = runs[0].Options;
        string setting = $"k = {first.PatchCount}, d = {first.PatchSize}, |w*|₀ = {first.TeacherNonzeros}, λ = {first.Lambda:G3}, β = {first.Beta:G3}, " +
            $"{first.BatchSize} fresh samples a step";
        string lagrangian = Path.Combine(folder, LagrangianFile), angle = Path.Combine(folder, AngleFile);
        Save(runs, p => p.Lagrangian, $"RVSCGD Lagrangian ({setting})", "L(u, w) with the closed-form f = θ/(2kπ), log scale", lagrangian, width, height);
        Save(runs, p => p.AngleDegrees, $"Angle between w and the teacher ({setting})", "θ(w, w*) in degrees, log scale", angle, width, height);
        return [lagrangian, angle];
    }

    private static void Save(IReadOnlyList<RvscgdToyResult> runs, Func<RvscgdToyPoint, double> value, string title, string yLabel,
        string path, int width, int height)
    {
        var plot = new Plot();
        for (int r = 0; r < runs.Count; r++)
        {
            RvscgdToyResult run = runs[r];
            double[] steps = [.. run.Points.Select(p => (double)p.Step)];
            double[] logValues = [.. run.Points.Select(p => Math.Log10(value(p)))];
            var line = plot.Add.ScatterLine(steps, logValues);
            line.LineWidth = 2;
            line.MarkerSize = 0;
            line.Color = Palette[r % Palette.Length];
            line.LegendText = run.Label;
            if (run.SupportRecoveredAt is int recovered)
            {
                var marker = plot.Add.Marker(recovered, logValues[recovered]);
                marker.Color = line.Color;
                marker.Size = 9;
            }
        }
        plot.Axes.Left.TickGenerator = LogTicks(runs.SelectMany(r => r.Points).Select(value));
        plot.Title(title, size: 13);
        plot.XLabel("step t (dots: first step with supp(u) = supp(w*))");
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperRight);
        FigureStyle.SavePng(plot, path, width, height);
    }

    // Labelled ticks at 1, 2 and 5 times each power of ten the values span, on the log₁₀ axis.
    private static ScottPlot.TickGenerators.NumericManual LogTicks(IEnumerable<double> values)
    {
        double[] logs = [.. values.Where(v => v > 0).Select(Math.Log10)];
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int exponent = (int)Math.Floor(logs.Min()); exponent <= (int)Math.Ceiling(logs.Max()); exponent++)
            foreach (double mantissa in new[] { 1.0, 2.0, 5.0 })
                ticks.AddMajor(exponent + Math.Log10(mantissa), $"{mantissa * Math.Pow(10, exponent):G3}");
        return ticks;
    }
}
