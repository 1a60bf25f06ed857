using MlNetSparse.Core.Objectives;
using MlNetSparse.Experiments.Data;
using ScottPlot;
using MlNetSparse.Plots;

namespace MlNetSparse.Experiments.Output;

/// <summary>
/// A vector over θ = [W (k×n), b (k)] drawn as a k × (n + 1) heatmap: a row per class, a column per
/// feature and one for the bias, each cell annotated with its value, on a diverging colour scale
/// symmetric about zero. Exact zeros are grey, so the support stands out.
/// </summary>
internal static class ParameterHeatmapFigure
{
    private static readonly Color ZeroColor = Color.FromHex("#d9d9d9");
    private static readonly Color OutlineColor = Color.FromHex("#111111");

    /// <summary>Draws <paramref name="values"/> into a PNG at <paramref name="path"/>.</summary>
    /// <param name="values">One value per parameter, in θ's layout.</param>
    /// <param name="data">Names the rows (classes) and columns (features).</param>
    /// <param name="title">The figure's title (may hold a second line).</param>
    /// <param name="colorBarLabel">What the colours measure.</param>
    /// <param name="outlined">Parameters to frame (e.g. the support of θ on the gradient); null for none.</param>
    /// <param name="path">Where the PNG goes.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    public static void Save(IReadOnlyList<float> values, ClassificationData data, string title, string colorBarLabel,
        IReadOnlyCollection<int>? outlined, string path, int width, int height)
    {
        var layout = new LinearModelLayout(data.ClassCount, data.FeatureCount);
        if (values.Count != layout.ParameterCount)
            throw new ArgumentException($"Expected {layout.ParameterCount} values for {data.ClassCount} classes × ({data.FeatureCount} features + bias); got {values.Count}.", nameof(values));
        int rows = data.ClassCount, columns = data.FeatureCount + 1;
        double[,] cells = Cells(values, layout);
        double scale = MaximumMagnitude(cells);

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(WithZerosAsGaps(cells));
        heatmap.Colormap = new ScottPlot.Colormaps.Balance();
        heatmap.ManualRange = new ScottPlot.Range(-scale, scale);
        heatmap.NaNCellColor = ZeroColor;
        // Class r is drawn at y = k − 1 − r (row 0 at the top, as the heatmap draws it), a unit cell per value.
        heatmap.Rectangle = new CoordinateRect(-0.5, columns - 0.5, -0.5, rows - 0.5);
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = colorBarLabel;
        colorBar.LabelStyle.FontSize = 14;

        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                AddCellLabel(plot, cells[r, c], scale, c, RowY(r, rows));
        if (outlined is not null)
            foreach (int index in outlined)
                AddOutline(plot, layout, index);

        plot.Title(title, size: 15);
        plot.HideGrid();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, columns).Select(c => (double)c)], [.. data.FeatureNames, "bias"]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, rows).Select(r => RowY(r, rows))], [.. data.ClassNames]);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        plot.XLabel("input feature (weights W) and bias b", size: 14);
        plot.YLabel("output class", size: 14);
        plot.Axes.SetLimits(-0.5, columns - 0.5, -0.5, rows - 0.5);
        FigureStyle.SavePng(plot, path, width, height);
    }

    private static double RowY(int row, int rows) => rows - 1 - row;

    private static double[,] Cells(IReadOnlyList<float> values, LinearModelLayout layout)
    {
        var cells = new double[layout.OutputCount, layout.FeatureCount + 1];
        for (int r = 0; r < layout.OutputCount; r++)
        {
            for (int c = 0; c < layout.FeatureCount; c++)
                cells[r, c] = values[layout.WeightIndex(r, c)];
            cells[r, layout.FeatureCount] = values[layout.BiasIndex(r)];
        }
        return cells;
    }

    private static double MaximumMagnitude(double[,] cells)
    {
        double largest = cells.Cast<double>().Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        return largest > 0 ? largest : 1;
    }

    // The heatmap paints NaN cells in its NaN colour: exact zeros become grey, not the scale's pale middle.
    private static double[,] WithZerosAsGaps(double[,] cells)
    {
        var shown = (double[,])cells.Clone();
        for (int r = 0; r < shown.GetLength(0); r++)
            for (int c = 0; c < shown.GetLength(1); c++)
                if (shown[r, c] == 0)
                    shown[r, c] = double.NaN;
        return shown;
    }

    private static void AddCellLabel(Plot plot, double value, double scale, double x, double y)
    {
        var text = plot.Add.Text(ValueLabel.Format(value), x, y);
        text.Alignment = Alignment.MiddleCenter;
        text.LabelFontSize = 15;
        text.LabelBold = value != 0;
        // Dark cells at the ends of the scale take white text.
        text.LabelFontColor = Math.Abs(value) > 0.6 * scale ? Colors.White : Colors.Black;
    }

    private static void AddOutline(Plot plot, LinearModelLayout layout, int index)
    {
        ParameterRole role = layout.Describe(index);
        double x = role.Feature ?? layout.FeatureCount, y = RowY(role.Output, layout.OutputCount);
        var frame = plot.Add.Rectangle(x - 0.46, x + 0.46, y - 0.46, y + 0.46);
        frame.FillColor = Colors.Transparent;
        frame.LineColor = OutlineColor;
        frame.LineWidth = 3;
    }
}
