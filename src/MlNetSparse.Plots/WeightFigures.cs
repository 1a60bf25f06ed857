using System.Globalization;
using MlNetSparse.Core.Networks.Training;
using ScottPlot;

namespace MlNetSparse.Plots;

/// <summary>One nonzero parameter of a sparse linear model, as the support figure draws it.</summary>
/// <param name="Output">The output (class) it belongs to, 0-based.</param>
/// <param name="OutputName">The class's name for multiclass; null for a single output.</param>
/// <param name="FeatureIndex">The feature it multiplies; null for a bias.</param>
/// <param name="FeatureName">The feature's name (the bias's row name for a bias).</param>
/// <param name="Value">The weight.</param>
public sealed record SupportWeight(int Output, string? OutputName, int? FeatureIndex, string FeatureName, float Value)
{
    /// <summary>Whether it is a bias rather than a feature's weight.</summary>
    public bool IsBias => FeatureIndex is null;
}

/// <summary>
/// The weights figures, taller with more rows of bars: the support of a sparse IHT model as horizontal
/// bars by feature name (a bar per class for multiclass), and a binarized CNN's nonzero fraction per
/// weight tensor.
/// </summary>
public static class WeightFigures
{
    // Beyond this the bars thin out instead: a figure taller than a screen is read by nobody.
    private const int MaximumHeight = 2400;

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    // The text report's colours: green for a positive weight, red for a negative one; a bias is not a feature, so grey.
    private static readonly Color Positive = Colors.ForestGreen, Negative = Colors.FireBrick, Bias = Colors.Gray;

    /// <summary>The nonzero parameters <paramref name="support"/> of a model with <paramref name="outputs"/> outputs by feature, largest |weight| on top.</summary>
    public static Figure Support(IReadOnlyList<SupportWeight> support, int outputs, string title)
    {
        // A row per feature nonzero in any output (the bias its own row), ordered by its largest |weight|.
        var rows = support.GroupBy(p => p.FeatureIndex)
            .OrderByDescending(g => g.Max(p => Math.Abs(p.Value)))
            .ToList();
        bool classes = support.Any(p => p.OutputName is not null);
        var plot = new Plot();
        var bars = new List<Bar>();
        for (int r = 0; r < rows.Count; r++)
        {
            double y = RowY(r, rows.Count);
            foreach (SupportWeight parameter in rows[r])
                bars.Add(classes ? ClassBar(parameter, y, outputs) : SingleBar(parameter, y));
        }
        plot.Add.Bars(bars).Horizontal = true;
        plot.Add.VerticalLine(0, color: Colors.Black);
        if (classes)
        {
            // Beside the plot, not on it: bars of either sign can reach any corner.
            plot.Legend.ManualItems.AddRange(ClassLegend(support));
            plot.ShowLegend(Edge.Right);
        }
        NameRows(plot, [.. rows.Select(g => g.First().FeatureName)]);
        double low = bars.Select(b => b.Value).Append(0).Min(), high = bars.Select(b => b.Value).Append(0).Max();
        // Room beyond the longest bar for its value label; an all-zero model still gets an axis.
        double room = high > low ? 0.15 * (high - low) : 1;
        plot.Axes.SetLimitsX(low < 0 || high == low ? low - room : 0, high > 0 || high == low ? high + room : 0);
        // Two short lines: one long line ran past the 800-pixel figure.
        plot.Title(title);
        plot.XLabel(classes ? "weight, per class" : "weight");
        int rowPixels = classes ? 12 * outputs + 12 : 28;
        return new Figure(plot, TrainingFigures.Width, Math.Clamp(120 + rowPixels * rows.Count, TrainingFigures.Height, MaximumHeight));
    }

    /// <summary>The fraction of nonzero weights per tensor of a network, its first layer on top.</summary>
    public static Figure Layers(IReadOnlyList<TensorSparsity> layers, string title)
    {
        var plot = new Plot();
        var bars = layers.Select((layer, i) => new Bar
        {
            Position = RowY(i, layers.Count),
            Value = layer.Count == 0 ? 0 : (double)layer.Nonzeros / layer.Count,
            FillColor = Positive,
            Label = $"{layer.Nonzeros} of {layer.Count}",
            CenterLabel = false,
        }).ToList();
        plot.Add.Bars(bars).Horizontal = true;
        NameRows(plot, [.. layers.Select(l => l.Name)]);
        // Room right of a full bar for its "n of N" label.
        plot.Axes.SetLimitsX(0, 1.25);
        plot.Title(title);
        plot.XLabel("nonzero fraction of the tensor's weights");
        return new Figure(plot, TrainingFigures.Width, Math.Clamp(120 + 40 * layers.Count, TrainingFigures.Height, MaximumHeight));
    }

    // Row 0 at the top.
    private static double RowY(int row, int rows) => rows - 1 - row;

    // A tick label per row instead of numbers, and every row in view: autoscaling would cut a row whose only bar sits off its centre.
    private static void NameRows(Plot plot, string[] names)
    {
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, names.Length).Select(r => RowY(r, names.Length))], names);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.SetLimitsY(-0.5, Math.Max(names.Length, 1) - 0.5);
    }

    private static Bar SingleBar(SupportWeight parameter, double y) => new()
    {
        Position = y,
        Value = parameter.Value,
        Size = 0.7,
        FillColor = parameter.IsBias ? Bias : parameter.Value > 0 ? Positive : Negative,
        Label = parameter.Value.ToString("G3", C),
        CenterLabel = false,
    };

    // The k classes share a row: class c's bar sits in the c-th slice of it, top to bottom, so a class keeps its place in every row.
    private static Bar ClassBar(SupportWeight parameter, double y, int outputs)
    {
        double slice = 0.8 / outputs;
        return new Bar
        {
            Position = y + 0.4 - slice * (parameter.Output + 0.5),
            Value = parameter.Value,
            Size = slice * 0.9,
            FillColor = ClassColor(parameter.Output),
        };
    }

    private static Color ClassColor(int output) => new ScottPlot.Palettes.Category10().GetColor(output);

    private static IEnumerable<LegendItem> ClassLegend(IReadOnlyList<SupportWeight> support) => support
        .Where(p => p.OutputName is not null)
        .GroupBy(p => p.Output)
        .OrderBy(g => g.Key)
        .Select(g => new LegendItem { LabelText = g.First().OutputName!, FillColor = ClassColor(g.Key) });
}
