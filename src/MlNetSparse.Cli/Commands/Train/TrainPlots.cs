using MlNetSparse.Cli.Models;
using MlNetSparse.Experiments.Output;
using MlNetSparse.Networks;
using MlNetSparse.Trainers;
using ScottPlot;

namespace MlNetSparse.Cli.Commands;

/// <summary>The PNGs `train --plot DIR` writes: the loss trace, the weights and, with `auto`, the sparsity path.</summary>
internal static class TrainPlots
{
    /// <summary>The loss trace's file name.</summary>
    public const string LossFile = "loss.png";

    /// <summary>The sparsity path's file name.</summary>
    public const string PathFile = "sparsity-path.png";

    /// <summary>The weights plot's file name: the support by feature (IHT), the nonzeros per layer (CNN).</summary>
    public const string WeightsFile = "weights.png";

    /// <summary>The plots' width in pixels.</summary>
    public const int Width = 800;

    /// <summary>The plots' height in pixels; weights.png grows past it with the rows it shows.</summary>
    public const int Height = 500;

    /// <summary>The files a run will write into <paramref name="folder"/>; checked before training so an existing one fails early.</summary>
    public static IEnumerable<string> Files(string folder, bool path) =>
        path ? [Path.Combine(folder, LossFile), Path.Combine(folder, WeightsFile), Path.Combine(folder, PathFile)]
             : [Path.Combine(folder, LossFile), Path.Combine(folder, WeightsFile)];

    /// <summary>
    /// Fails before any training when the --plot folder is missing, or one of <see cref="Files"/> cannot be
    /// written: it exists and --force is off, it is the --data file or the --output zip, or the folder takes no files.
    /// </summary>
    public static void Check(TrainSettings settings, bool path)
    {
        string folder = settings.PlotFolder!;
        if (!Directory.Exists(folder))
            throw new UserErrorException($"--plot: the folder {folder} does not exist.");
        foreach (string png in Files(folder, path))
            CheckPlot(png, settings);
    }

    /// <summary>Writes the plots of <paramref name="report"/> into the --plot folder; returns their paths.</summary>
    public static IReadOnlyList<string> Write(SparseIhtTrainingReport report, TrainSettings settings)
    {
        string folder = settings.PlotFolder!;
        var written = new List<string>();
        var loss = new Plot();
        double[] steps = [.. Enumerable.Range(0, report.LossHistory.Count).Select(i => (double)i)];
        loss.Add.Scatter(steps, report.LossHistory.ToArray());
        loss.Title($"training loss per IHT step (s = {report.Sparsity}, {report.Iterations} steps)");
        loss.XLabel("IHT step");
        loss.YLabel("training loss");
        written.Add(Save(loss, Path.Combine(folder, LossFile), settings));
        SizedPlot weights = WeightsFigure.Support(report);
        written.Add(Save(weights.Plot, Path.Combine(folder, WeightsFile), settings, weights.Height));
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
            figure.ShowLegend(Alignment.UpperRight);   // losses fall with s: the upper right is where the curves are not
            written.Add(Save(figure, Path.Combine(folder, PathFile), settings));
        }
        return written;
    }

    /// <summary>
    /// Writes the binarized CNN's loss per epoch (and RVSCGD's Lagrangian) as <see cref="LossFile"/> and its
    /// nonzeros per layer as <see cref="WeightsFile"/> into the --plot folder; returns their paths.
    /// </summary>
    public static IReadOnlyList<string> WriteEpochs(BinarizedCnnTrainingReport report, TrainSettings settings)
    {
        string folder = settings.PlotFolder!;
        var plot = new Plot();
        double[] epochs = [.. report.Epochs.Select(e => (double)e.Epoch)];
        plot.Add.Scatter(epochs, report.Epochs.Select(e => e.MeanLoss).ToArray()).LegendText = "mean training loss";
        if (report.Sparsified)
            plot.Add.Scatter(epochs, report.Epochs.Select(e => e.Lagrangian ?? double.NaN).ToArray()).LegendText = "Lagrangian (RVSCGD)";
        plot.Title($"binarized CNN: training loss per epoch ({report.Epochs.Count} epochs)");
        plot.XLabel("epoch");
        plot.YLabel("loss");
        plot.ShowLegend(Alignment.UpperRight);   // losses fall with the epochs: the upper right stays clear
        SizedPlot layers = WeightsFigure.Layers(report);
        return [Save(plot, Path.Combine(folder, LossFile), settings), Save(layers.Plot, Path.Combine(folder, WeightsFile), settings, layers.Height)];
    }

    private static OutputFile CheckPlot(string path, TrainSettings settings) => OutputFile.Check(path, settings.Force, "--plot",
        "write the plots to another folder", [settings.DataFile, new ProtectedFile("--output zip", settings.OutputPath)]);

    // Through a temporary file beside the target, like the zip, so a failed write leaves the old file whole.
    private static string Save(Plot plot, string path, TrainSettings settings, int height = Height)
    {
        OutputFile png = CheckPlot(path, settings);
        png.WriteByPath(temporary => FigureStyle.SavePng(plot, temporary, Width, height));
        return png.FullPath;
    }
}
