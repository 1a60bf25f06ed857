using ScottPlot;

namespace MlNetSparse.Plots;

/// <summary>A finished figure and its size: what a caller saves, without drawing it itself.</summary>
public sealed class Figure
{
    private readonly Plot _plot;

    internal Figure(Plot plot, int width, int height) => (_plot, Width, Height) = (plot, width, height);

    /// <summary>The width in pixels.</summary>
    public int Width { get; }

    /// <summary>The height in pixels.</summary>
    public int Height { get; }

    /// <summary>Writes the figure as a PNG at <paramref name="path"/>, in <see cref="FigureStyle"/>.</summary>
    public void SavePng(string path) => FigureStyle.SavePng(_plot, path, Width, Height);
}
