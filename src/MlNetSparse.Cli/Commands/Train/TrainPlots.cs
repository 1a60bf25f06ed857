using System.Globalization;
using MlNetSparse.Cli.Models;
using MlNetSparse.Networks;
using MlNetSparse.Plots;
using MlNetSparse.Trainers;

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
        var written = new List<string>
        {
            Save(TrainingFigures.IhtLoss(report.LossHistory, report.Sparsity, report.Iterations), Path.Combine(folder, LossFile), settings),
            Save(WeightFigures.Support([.. report.Support.Select(p => new SupportWeight(p.Output, p.OutputName, p.FeatureIndex, p.FeatureName, p.Value))],
                report.OutputCount,
                // Two short lines: one long line ran past the 800-pixel figure.
                $"sparse IHT support: {TrainTextReport.NonzeroSummary(report)}\n{TrainTextReport.SparsityChoice(report)}; {TrainPipeline.WeightScale}"),
                Path.Combine(folder, WeightsFile), settings),
        };
        if (report.SparsityPath is { CrossValidation: { } curve } crossValidated)
            written.Add(Save(TrainingFigures.CrossValidationCurve(
                    [.. curve.Select((e, i) => new CrossValidationPoint(e.Sparsity, crossValidated.Steps[i].TrainingLoss, e.MeanLoss, e.LossStandardError))],
                    crossValidated.ChosenSparsity, crossValidated.OneStandardErrorSparsity, crossValidated.NumberOfFolds),
                Path.Combine(folder, PathFile), settings));
        else if (report.SparsityPath is { } path)
            written.Add(Save(TrainingFigures.SparsityPath([.. path.Steps.Select(p => new PathPoint(p.Sparsity, p.TrainingLoss, p.ValidationLoss))], path.ChosenSparsity),
                Path.Combine(folder, PathFile), settings));
        return written;
    }

    /// <summary>
    /// Writes the binarized CNN's loss per epoch (and RVSCGD's Lagrangian) as <see cref="LossFile"/> and its
    /// nonzeros per layer as <see cref="WeightsFile"/> into the --plot folder; returns their paths.
    /// </summary>
    public static IReadOnlyList<string> WriteEpochs(BinarizedCnnTrainingReport report, TrainSettings settings)
    {
        string folder = settings.PlotFolder!;
        string title = $"binarized CNN weights: {report.Nonzeros} nonzero of {report.WeightCount} ({report.Sparsity.ToString("P1", CultureInfo.InvariantCulture)} zero)\n" +
            (report.Sparsified ? "sparsified by RVSCGD" : "dense: no sparsification");
        return [Save(TrainingFigures.EpochLoss(report.Epochs, report.Sparsified), Path.Combine(folder, LossFile), settings),
            Save(WeightFigures.Layers(report.Layers, title), Path.Combine(folder, WeightsFile), settings)];
    }

    private static OutputFile CheckPlot(string path, TrainSettings settings) => OutputFile.Check(path, settings.Force, "--plot",
        "write the plots to another folder", [settings.DataFile, new ProtectedFile("--output zip", settings.OutputPath)]);

    // Through a temporary file beside the target, like the zip, so a failed write leaves the old file whole.
    private static string Save(Figure figure, string path, TrainSettings settings)
    {
        OutputFile png = CheckPlot(path, settings);
        png.WriteByPath(figure.SavePng);
        return png.FullPath;
    }
}
