using System.Globalization;
using MlNetSparse.Experiments.Study;
using ScottPlot;
using MlNetSparse.Plots;

namespace MlNetSparse.Experiments.Output;

/// <summary>A box plot of one quantity per sparsity level s (Tukey boxes: quartiles, median, 1.5 IQR whiskers, outliers).</summary>
internal static class LevelBoxPlotFigure
{
    // In units of the smallest gap between drawn levels (1 for a full sweep), so sparse sweeps get wide boxes too.
    private const double BoxWidth = 0.6;
    private const double LevelMargin = 0.75;
    private static readonly Color BoxFill = Color.FromHex("#9ecae1");
    private static readonly Color BoxStroke = Color.FromHex("#08519c");
    /// <summary>The median's colour: not the boxes' stroke, so a median equal to a quartile stays visible on that edge.</summary>
    internal static readonly Color MedianColor = Color.FromHex("#e6550d");
    private const float MedianWidth = 3f;
    private static readonly Color OutlierColor = Color.FromHex("#08519c").WithAlpha(0.45);
    private static readonly Color ThresholdColor = Color.FromHex("#d62728");

    /// <summary>Draws <paramref name="quantity"/> for every level of <paramref name="result"/> into a PNG at <paramref name="path"/>.</summary>
    public static void Save(StudyResult result, LevelQuantity quantity, string path, int width, int height)
    {
        TukeyBox[] boxes = [.. result.Levels
            .Select(level => TukeyBox.Of(level.Level, result.Runs.Where(r => r.Level == level.Level).Select(quantity.Select)))
            .OfType<TukeyBox>()];

        int[] levels = [.. result.Levels.Select(l => l.Level).Distinct().Order()];
        double unit = SmallestGap(levels);
        var plot = new Plot();
        AddBoxes(plot, boxes, BoxWidth * unit);
        if (quantity.MarkLossThreshold)
            AddThreshold(plot, result.Options.LossThreshold, levels[0] - LevelMargin * unit);

        plot.Title($"{quantity.Title} per sparsity level s ({RunCount(result)})\n" +
            $"box: quartiles, orange line: median, whiskers: furthest run within {TukeyBox.WhiskerReach} IQR, dots: runs beyond", size: 15);
        plot.XLabel(string.Create(CultureInfo.InvariantCulture,
            $"sparsity level s (nonzero parameters) · stop at loss ≤ {ValueLabel.Format(result.Options.LossThreshold)} or {result.Options.MaximumSteps:N0} steps"), size: 14);
        plot.YLabel(quantity.AxisLabel, size: 14);
        SetLevelTicks(plot, levels, LevelMargin * unit);
        SetVerticalLimits(plot, quantity, boxes, result.Options.LossThreshold);
        FigureStyle.SavePng(plot, path, width, height);
    }

    private static double SmallestGap(int[] levels)
        => levels.Length < 2 ? 1 : levels.Zip(levels.Skip(1), (a, b) => b - a).Min();

    private static void AddBoxes(Plot plot, IReadOnlyList<TukeyBox> boxes, double width)
    {
        var drawn = plot.Add.Boxes(boxes.Select(b => new Box
        {
            Position = b.Position,
            Width = width,
            BoxMin = b.Quartiles.LowerQuartile,
            BoxMax = b.Quartiles.UpperQuartile,
            BoxMiddle = b.Quartiles.Median,
            WhiskerMin = b.LowerWhisker,
            WhiskerMax = b.UpperWhisker,
        }));
        // The plottable's style overrides each box's own.
        drawn.FillColor = BoxFill;
        drawn.LineColor = BoxStroke;
        drawn.LineWidth = 1.5f;

        // ScottPlot draws the median in the box's stroke colour, so it vanishes into the box's edge when it equals a
        // quartile (often with accuracies, which take few values); draw it again on top in its own colour.
        foreach (TukeyBox box in boxes)
        {
            var median = plot.Add.Line(box.Position - width / 2, box.Quartiles.Median, box.Position + width / 2, box.Quartiles.Median);
            median.LineColor = MedianColor;
            median.LineWidth = MedianWidth;
            median.MarkerSize = 0;
        }

        Coordinates[] outliers = [.. boxes.SelectMany(b => b.Outliers.Select(v => new Coordinates(b.Position, v)))];
        if (outliers.Length > 0)
            plot.Add.Markers(outliers, MarkerShape.OpenCircle, size: 5, color: OutlierColor);
    }

    private static void AddThreshold(Plot plot, double threshold, double leftEdge)
    {
        plot.Add.HorizontalLine(threshold, width: 1.5f, color: ThresholdColor, pattern: LinePattern.Dashed);
        var label = plot.Add.Text($"stop at loss ≤ {ValueLabel.Format(threshold)}", leftEdge, threshold);
        label.Alignment = Alignment.LowerLeft;
        label.LabelFontSize = 13;
        label.LabelFontColor = ThresholdColor;
        label.LabelOffsetX = 4;
    }

    private static string RunCount(StudyResult result)
    {
        int fewest = result.Levels.Min(l => l.Runs), most = result.Levels.Max(l => l.Runs);
        string runs = most == 1 ? "run" : "runs";
        return fewest == most
            ? string.Create(CultureInfo.InvariantCulture, $"{most:N0} {runs} each")
            : string.Create(CultureInfo.InvariantCulture, $"{fewest:N0}–{most:N0} runs each");
    }

    private static void SetLevelTicks(Plot plot, int[] levels, double margin)
    {
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. levels.Select(l => (double)l)], [.. levels.Select(l => l.ToString(CultureInfo.InvariantCulture))]);
        plot.Axes.SetLimitsX(levels[0] - margin, levels[^1] + margin);
    }

    private static void SetVerticalLimits(Plot plot, LevelQuantity quantity, IReadOnlyList<TukeyBox> boxes, double threshold)
    {
        if (quantity.IsFraction)
        {
            // A little room outside [0, 1] so that boxes at exactly 0 or 1 do not sit on the frame.
            plot.Axes.SetLimitsY(-0.03, 1.03);
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(0.1);
            return;
        }
        double top = boxes.Count == 0 ? 0 : boxes.Max(b => b.Highest);
        if (quantity.MarkLossThreshold)
            top = Math.Max(top, threshold);
        plot.Axes.SetLimitsY(0, top > 0 ? top * 1.08 : 1);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { TargetTickCount = 10 };
    }
}
