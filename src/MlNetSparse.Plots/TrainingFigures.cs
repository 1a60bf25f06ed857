using MlNetSparse.Core.Networks.Training;
using ScottPlot;

namespace MlNetSparse.Plots;

/// <summary>One point of a sparsity path: s and the loss of its model on the training and validation parts.</summary>
/// <param name="Sparsity">s.</param>
/// <param name="TrainingLoss">The loss on the training part.</param>
/// <param name="ValidationLoss">The loss on the validation part, which chooses s.</param>
public sealed record PathPoint(int Sparsity, double TrainingLoss, double ValidationLoss);

/// <summary>One s of a cross-validated sparsity path: the loss on all rows and the held-out loss pooled over the folds.</summary>
/// <param name="Sparsity">s.</param>
/// <param name="TrainingLoss">The loss of the model trained on all rows.</param>
/// <param name="MeanLoss">The held-out loss pooled over the folds, which chooses s.</param>
/// <param name="StandardError">Its standard error over the folds.</param>
public sealed record CrossValidationPoint(int Sparsity, double TrainingLoss, double MeanLoss, double StandardError);

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

    /// <summary>
    /// The cross-validation curve of a sparsity path: the held-out loss pooled over <paramref name="folds"/> folds
    /// with a band of one standard error, the training loss on all rows, the chosen s and the one-standard-error s.
    /// A non-finite loss (a fold's log loss on separable data) leaves a gap.
    /// </summary>
    public static Figure CrossValidationCurve(IReadOnlyList<CrossValidationPoint> curve, int chosenSparsity, int? oneStandardErrorSparsity, int folds)
    {
        var figure = new Plot();
        double[] s = [.. curve.Select(p => (double)p.Sparsity)];
        static double Finite(double value) => double.IsFinite(value) ? value : double.NaN;
        figure.Add.Scatter(s, curve.Select(p => Finite(p.TrainingLoss)).ToArray()).LegendText = "training loss (all rows)";
        var mean = figure.Add.Scatter(s, curve.Select(p => Finite(p.MeanLoss)).ToArray());
        mean.LegendText = $"held-out loss ({folds}-fold mean)";
        var upper = figure.Add.Scatter(s, curve.Select(p => Finite(p.MeanLoss + p.StandardError)).ToArray());
        upper.LegendText = "± one standard error";
        upper.LinePattern = LinePattern.Dashed;
        upper.Color = mean.Color;
        upper.MarkerSize = 0;
        var lower = figure.Add.Scatter(s, curve.Select(p => Finite(p.MeanLoss - p.StandardError)).ToArray());
        lower.LinePattern = LinePattern.Dashed;
        lower.Color = mean.Color;
        lower.MarkerSize = 0;
        figure.Add.VerticalLine(chosenSparsity).LegendText = $"chosen s = {chosenSparsity}";
        if (oneStandardErrorSparsity is int oneSe && oneSe != chosenSparsity)
        {
            var line = figure.Add.VerticalLine(oneSe);
            line.LegendText = $"one-standard-error s = {oneSe}";
            line.LinePattern = LinePattern.Dotted;
        }
        figure.Title($"sparsity path: {folds}-fold cross-validated loss per s");
        figure.XLabel("s (nonzero parameters, biases included)");
        figure.YLabel("loss");
        figure.ShowLegend(Alignment.UpperRight);
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
