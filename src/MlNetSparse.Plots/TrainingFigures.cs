using MlNetSparse.Core.Networks.Training;
using ScottPlot;

namespace MlNetSparse.Plots;

/// <summary>One point of a sparsity path: s and the loss of its model on the training and validation parts.</summary>
/// <param name="Sparsity">s.</param>
/// <param name="TrainingLoss">The loss on the training part.</param>
/// <param name="ValidationLoss">The loss on the validation part, which chooses s.</param>
public sealed record PathPoint(int Sparsity, double TrainingLoss, double ValidationLoss);

/// <summary>The loss figures of a training run, as `mlnet-sparse train --plot` writes them.</summary>
public static class TrainingFigures
{
    /// <summary>The figures' width in pixels.</summary>
    public const int Width = 800;

    /// <summary>The figures' height in pixels; a weights figure grows past it with the rows it shows.</summary>
    public const int Height = 500;

    /// <summary>The training loss per IHT step of one run at sparsity <paramref name="sparsity"/>.</summary>
    public static Figure IhtLoss(IReadOnlyList<double> losses, int sparsity, int iterations)
    {
        var loss = new Plot();
        double[] steps = [.. Enumerable.Range(0, losses.Count).Select(i => (double)i)];
        loss.Add.Scatter(steps, losses.ToArray());
        loss.Title($"training loss per IHT step (s = {sparsity}, {iterations} steps)");
        loss.XLabel("IHT step");
        loss.YLabel("training loss");
        return new Figure(loss, Width, Height);
    }

    /// <summary>The training and validation loss per s of a sparsity path, and the s it chose.</summary>
    public static Figure SparsityPath(IReadOnlyList<PathPoint> path, int chosenSparsity)
    {
        var figure = new Plot();
        double[] s = [.. path.Select(p => (double)p.Sparsity)];
        var training = figure.Add.Scatter(s, path.Select(p => p.TrainingLoss).ToArray());
        training.LegendText = "training part";
        var validation = figure.Add.Scatter(s, path.Select(p => p.ValidationLoss).ToArray());
        validation.LegendText = "validation part";
        figure.Add.VerticalLine(chosenSparsity).LegendText = $"chosen s = {chosenSparsity}";
        figure.Title("sparsity path: loss per s");
        figure.XLabel("s (nonzero parameters, biases included)");
        figure.YLabel("loss");
        figure.ShowLegend(Alignment.UpperRight);   // losses fall with s: the upper right is where the curves are not
        return new Figure(figure, Width, Height);
    }

    /// <summary>A network's mean training loss per epoch and, when RVSCGD <paramref name="sparsified"/> it, its Lagrangian.</summary>
    public static Figure EpochLoss(IReadOnlyList<EpochRecord> epochs, bool sparsified)
    {
        var plot = new Plot();
        double[] x = [.. epochs.Select(e => (double)e.Epoch)];
        plot.Add.Scatter(x, epochs.Select(e => e.MeanLoss).ToArray()).LegendText = "mean training loss";
        if (sparsified)
            plot.Add.Scatter(x, epochs.Select(e => e.Lagrangian ?? double.NaN).ToArray()).LegendText = "Lagrangian (RVSCGD)";
        plot.Title($"binarized CNN: training loss per epoch ({epochs.Count} epochs)");
        plot.XLabel("epoch");
        plot.YLabel("loss");
        plot.ShowLegend(Alignment.UpperRight);   // losses fall with the epochs: the upper right stays clear
        return new Figure(plot, Width, Height);
    }
}
