using System.Globalization;
using MlNetSparse.Core.Networks.Training;
using MlNetSparse.Networks;
using MlNetSparse.Trainers;
using ScottPlot;

namespace MlNetSparse.Cli.Commands;

/// <summary>A figure for weights.png and the height it needs: more rows of bars take more pixels.</summary>
/// <param name="Plot">The figure.</param>
/// <param name="Height">Its height in pixels.</param>
internal sealed record SizedPlot(Plot Plot, int Height);

/// <summary>
/// The figures `train --plot` writes as weights.png: the support of a sparse IHT model as horizontal
/// bars by feature name (a bar per class for multiclass), and a binarized CNN's nonzero fraction per
/// weight tensor.
/// </summary>
internal static class WeightsFigure
{
    // Beyond this the bars thin out instead: a figure taller than a screen is read by nobody.
    private const int MaximumHeight = 2400;

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    // The text report's colours: green for a positive weight, red for a negative one; a bias is not a feature, so grey.
    private static readonly Color Positive = Colors.ForestGreen, Negative = Colors.FireBrick, Bias = Colors.Gray;

    /// <summary>The nonzero parameters of <paramref name="report"/> by feature, largest |weight| on top.</summary>
    public static SizedPlot Support(SparseIhtTrainingReport report)
    {
        // A row per feature nonzero in any output (the bias its own row), ordered by its largest |weight|.
        var rows = report.Support.GroupBy(p => p.FeatureIndex)
            .OrderByDescending(g => g.Max(p => Math.Abs(p.Value)))
            .ToList();
        int outputs = report.OutputCount;
        bool classes = report.Support.Any(p => p.OutputName is not null);
        var plot = new Plot();
        var bars = new List<Bar>();
        for (int r = 0; r < rows.Count; r++)
        {
            double y = RowY(r, rows.Count);
            foreach (SparseParameter parameter in rows[r])
                bars.Add(classes ? ClassBar(parameter, y, outputs) : SingleBar(parameter, y));
        }
        plot.Add.Bars(bars).Horizontal = true;
        plot.Add.VerticalLine(0, color: Colors.Black);
        if (classes)
        {
            // Beside the plot, not on it: bars of either sign can reach any corner.
            plot.Legend.ManualItems.AddRange(ClassLegend(report));
            plot.ShowLegend(Edge.Right);
        }
        NameRows(plot, [.. rows.Select(g => g.First().FeatureName)]);
        double low = bars.Select(b => b.Value).Append(0).Min(), high = bars.Select(b => b.Value).Append(0).Max();
        // Room beyond the longest bar for its value label; an all-zero model still gets an axis.
        double room = high > low ? 0.15 * (high - low) : 1;
        plot.Axes.SetLimitsX(low < 0 || high == low ? low - room : 0, high > 0 || high == low ? high + room : 0);
        // Two short lines: one long line ran past the 800-pixel figure.
        plot.Title($"sparse IHT support: {TrainTextReport.NonzeroSummary(report)}\n{TrainTextReport.SparsityChoice(report)}; {TrainPipeline.WeightScale}");
        plot.XLabel(classes ? "weight, per class" : "weight");
        int rowPixels = classes ? 12 * outputs + 12 : 28;
        return new SizedPlot(plot, Math.Clamp(120 + rowPixels * rows.Count, TrainPlots.Height, MaximumHeight));
    }

    /// <summary>The fraction of nonzero weights per tensor of <paramref name="report"/>'s network, its first layer on top.</summary>
    public static SizedPlot Layers(BinarizedCnnTrainingReport report)
    {
        IReadOnlyList<TensorSparsity> layers = report.Layers;
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
        plot.Title($"binarized CNN weights: {report.Nonzeros} nonzero of {report.WeightCount} ({report.Sparsity.ToString("P1", C)} zero)\n" +
            (report.Sparsified ? "sparsified by RVSCGD" : "dense: no sparsification"));
        plot.XLabel("nonzero fraction of the tensor's weights");
        return new SizedPlot(plot, Math.Clamp(120 + 40 * layers.Count, TrainPlots.Height, MaximumHeight));
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

    private static Bar SingleBar(SparseParameter parameter, double y) => new()
    {
        Position = y,
        Value = parameter.Value,
        Size = 0.7,
        FillColor = parameter.IsBias ? Bias : parameter.Value > 0 ? Positive : Negative,
        Label = parameter.Value.ToString("G3", C),
        CenterLabel = false,
    };

    // The k classes share a row: class c's bar sits in the c-th slice of it, top to bottom, so a class keeps its place in every row.
    private static Bar ClassBar(SparseParameter parameter, double y, int outputs)
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

    private static IEnumerable<LegendItem> ClassLegend(SparseIhtTrainingReport report) => report.Support
        .Where(p => p.OutputName is not null)
        .GroupBy(p => p.Output)
        .OrderBy(g => g.Key)
        .Select(g => new LegendItem { LabelText = g.First().OutputName!, FillColor = ClassColor(g.Key) });
}
