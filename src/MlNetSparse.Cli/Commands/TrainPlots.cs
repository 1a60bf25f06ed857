using MlNetSparse.Cli.Models;
using MlNetSparse.Experiments.Output;
using MlNetSparse.Networks;
using MlNetSparse.Trainers;
using ScottPlot;

namespace MlNetSparse.Cli.Commands;

/// <summary>The PNGs `train --plot DIR` writes: the loss trace and, with `auto`, the sparsity path.</summary>
internal static class TrainPlots
{
    /// <summary>The loss trace's file name.</summary>
    public const string LossFile = "loss.png";

    /// <summary>The sparsity path's file name.</summary>
    public const string PathFile = "sparsity-path.png";

    /// <summary>The files a run will write into <paramref name="folder"/>; checked before training so an existing one fails early.</summary>
    public static IEnumerable<string> Files(string folder, bool path) =>
        path ? [Path.Combine(folder, LossFile), Path.Combine(folder, PathFile)] : [Path.Combine(folder, LossFile)];

    /// <summary>Writes the plots of <paramref name="report"/> into <paramref name="folder"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(SparseIhtTrainingReport report, string folder, bool force)
    {
        var written = new List<string>();
        var loss = new Plot();
        double[] steps = [.. Enumerable.Range(0, report.LossHistory.Count).Select(i => (double)i)];
        loss.Add.Scatter(steps, report.LossHistory.ToArray());
        loss.Title($"training loss per IHT step (s = {report.Sparsity}, {report.Iterations} steps)");
        loss.XLabel("IHT step");
        loss.YLabel("training loss");
        written.Add(Save(loss, Path.Combine(folder, LossFile), force));
        if (report.SparsityPath is { } path)
        {
            var figure = new Plot();
            double[] s = [.. path.Steps.Select(p => (double)p.Sparsity)];
            var training = figure.Add.Scatter(s, path.Steps.Select(p => p.TrainingLoss).ToArray());
            training.LegendText = "training part";
            var validation = figure.Add.Scatter(s, path.Steps.Select(p => p.ValidationLoss).ToArray());
            validation.LegendText = "validation part";
            figure.Add.VerticalLine(path.ChosenSparsity).LegendText = $"chosen s = {path.ChosenSparsity}";
            figure.Title("sparsity path: loss per s");
            figure.XLabel("s (nonzero parameters, biases included)");
            figure.YLabel("loss");
            figure.ShowLegend();
            written.Add(Save(figure, Path.Combine(folder, PathFile), force));
        }
        return written;
    }

    /// <summary>Writes the binarized CNN's loss per epoch (and RVSCGD's Lagrangian) as <see cref="LossFile"/> into <paramref name="folder"/>; returns its path.</summary>
    public static string WriteEpochs(BinarizedCnnTrainingReport report, string folder, bool force)
    {
        var plot = new Plot();
        double[] epochs = [.. report.Epochs.Select(e => (double)e.Epoch)];
        plot.Add.Scatter(epochs, report.Epochs.Select(e => e.MeanLoss).ToArray()).LegendText = "mean training loss";
        if (report.Sparsified)
            plot.Add.Scatter(epochs, report.Epochs.Select(e => e.Lagrangian ?? double.NaN).ToArray()).LegendText = "Lagrangian (RVSCGD)";
        plot.Title($"binarized CNN: training loss per epoch ({report.Epochs.Count} epochs)");
        plot.XLabel("epoch");
        plot.YLabel("loss");
        plot.ShowLegend();
        return Save(plot, Path.Combine(folder, LossFile), force);
    }

    // Through a temporary file beside the target, like the zip, so a failed write leaves the old file whole.
    private static string Save(Plot plot, string path, bool force)
    {
        string full = OutputTarget.CheckFile(path, force, "--plot");
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileNameWithoutExtension(full)}.{Environment.ProcessId}.tmp.png");
        try
        {
            FigureStyle.SavePng(plot, temporary, 800, 500);
            File.Move(temporary, full, overwrite: force);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
        return full;
    }
}
