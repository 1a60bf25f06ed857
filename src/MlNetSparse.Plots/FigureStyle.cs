using ScottPlot;

namespace MlNetSparse.Plots;

/// <summary>
/// The finishing of every figure, the tool's and the studies': a sans-serif font on every label when one is installed
/// (ScottPlot's own default resolves to a serif font on Linux), then the PNG.
/// </summary>
public static class FigureStyle
{
    private static readonly string[] SansFonts = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Segoe UI"];

    // ScottPlot falls back to its default typeface for a missing font, so a font counts as installed
    // only when the typeface it resolves to carries the requested family name.
    private static readonly Lazy<string?> SansFont = new(() => SansFonts.FirstOrDefault(
        name => string.Equals(Fonts.GetTypeface(name, bold: false, italic: false)?.FamilyName, name, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Applies the font to every label of <paramref name="plot"/> and writes it as a PNG.</summary>
    public static void SavePng(Plot plot, string path, int width, int height)
    {
        if (SansFont.Value is { } font)
            UseFont(plot, font);
        plot.SavePng(path, width, height);
    }

    // Set per component rather than through plot.Font.Set, which also changes ScottPlot's process-wide default.
    private static void UseFont(Plot plot, string font)
    {
        plot.Axes.Title.Label.FontName = font;
        plot.Legend.FontName = font;
        foreach (IAxis axis in plot.Axes.GetAxes())
        {
            axis.Label.FontName = font;
            axis.TickLabelStyle.FontName = font;
        }
        foreach (var colorBar in plot.Axes.GetPanels().OfType<ScottPlot.Panels.ColorBar>())
        {
            colorBar.LabelStyle.FontName = font;
            colorBar.Axis.Label.FontName = font;
            colorBar.Axis.TickLabelStyle.FontName = font;
        }
        foreach (var text in plot.GetPlottables<ScottPlot.Plottables.Text>())
            text.LabelFontName = font;
        foreach (var line in plot.GetPlottables<ScottPlot.Plottables.AxisLine>())
            line.LabelFontName = font;
        foreach (var bars in plot.GetPlottables<ScottPlot.Plottables.BarPlot>())
            bars.ValueLabelStyle.FontName = font;
    }
}
