using System.Globalization;
using System.Text.Json;
using MlNetSparse.Cli.Models;
using MlNetSparse.Core.Networks.Training;
using MlNetSparse.Networks;
using Spectre.Console;

namespace MlNetSparse.Cli.Commands;

/// <summary>Prints a `train --trainer cnn` run: the metrics, the per-layer sparsity, the epochs' losses and the zip.</summary>
internal static class TrainCnnReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Aligned tables for people (colour only on a terminal).</summary>
    public static void WriteText(CnnTrainOutcome outcome, TextWriter writer)
    {
        IAnsiConsole console = Tables.ConsoleFor(writer);
        BinarizedCnnTrainingReport report = outcome.Report;
        var (channels, height, width) = outcome.Shape;
        console.MarkupLine($"[bold]data[/] {Markup.Escape(outcome.Schema.Path)}: {outcome.Schema.RowCount} rows, read as {channels}×{height}×{width} images scaled to [[0, 1]]");
        console.MarkupLine($"[bold]label[/] {Markup.Escape(outcome.Label.Name)} → [bold]multiclass[/], binarized CNN:");
        console.WriteLine(report.Architecture);
        console.MarkupLine($"[bold]trained[/]: {Markup.Escape(outcome.Settings.Describe())}");
        console.MarkupLine($"\n[bold]metrics[/] ({Markup.Escape(outcome.Evaluation)})");
        console.Write(TrainTextReport.MetricsTable(outcome.Metrics));

        console.MarkupLine($"\n[bold]weights[/]: {report.Nonzeros.ToString("N0", C)} nonzero of {report.WeightCount.ToString("N0", C)} ({report.Sparsity.ToString("P1", C)} zero)" +
            $"{(report.Sparsified ? ", sparsified by RVSCGD" : ", dense")}");
        var layers = new Table().AddColumn("layer").AddColumn(new TableColumn("weights").RightAligned())
            .AddColumn(new TableColumn("nonzero").RightAligned()).AddColumn(new TableColumn("sparsity").RightAligned())
            .AddColumn(new TableColumn("λ").RightAligned());
        foreach (TensorSparsity layer in report.Layers)
            layers.AddRow(new Text(layer.Name), new Text(layer.Count.ToString("N0", C)), new Text(layer.Nonzeros.ToString("N0", C)), new Text(layer.Sparsity.ToString("P1", C)),
                new Text(layer.Lambda?.ToString("G3", C) ?? "-"));
        console.Write(layers);
        console.MarkupLine("\n[bold]summary[/] (MACs per image; binary MACs read 0/1 activations; bitmap B: a bit per weight + nonzero floats; output B: one image's output as float32 / packed bits)");
        console.WriteLine(report.Summary.ToString().TrimEnd());

        console.MarkupLine("\n[bold]epochs[/]");
        var epochs = new Table().AddColumn(new TableColumn("epoch").RightAligned()).AddColumn(new TableColumn("mean loss").RightAligned())
            .AddColumn(new TableColumn("Lagrangian").RightAligned()).AddColumn(new TableColumn("learning rate").RightAligned())
            .AddColumn(new TableColumn("seconds").RightAligned()).AddColumn(new TableColumn("λ").RightAligned());
        foreach (EpochRecord epoch in report.Epochs)
            epochs.AddRow(new Text($"{epoch.Epoch}"), new Text(epoch.MeanLoss.ToString("F4", C)), new Text(epoch.Lagrangian?.ToString("F4", C) ?? "-"),
                new Text(epoch.LearningRate.ToString("G4", C)), new Text(epoch.Seconds.ToString("F2", C)),
                new Text(epoch.Lambda?.ToString("G3", C) ?? (report.Sparsified ? "per layer" : "-")));
        console.Write(epochs);
        console.MarkupLine($"[bold]rows[/] used {report.RowsUsed}, skipped {report.RowsSkipped}");
        TrainTextReport.WriteWarnings(console, outcome.Warnings);
        console.MarkupLine($"[bold]model[/] written to {Markup.Escape(DisplayPath.Of(outcome.ZipPath))}");
    }

    /// <summary>One JSON object for scripts.</summary>
    public static void WriteJson(CnnTrainOutcome outcome, TextWriter writer)
    {
        BinarizedCnnTrainingReport report = outcome.Report;
        var json = new
        {
            data = new { path = outcome.Schema.Path, separator = outcome.Schema.Separator.ToString(), hasHeader = outcome.Schema.HasHeader, rows = outcome.Schema.RowCount },
            label = outcome.Label.Name,
            task = "multiclass",
            trainer = "cnn",
            image = new { channels = outcome.Shape.Channels, height = outcome.Shape.Height, width = outcome.Shape.Width },
            architecture = report.Architecture,
            training = new
            {
                epochs = outcome.Settings.Epochs, batchSize = outcome.Settings.BatchSize, learningRate = outcome.Settings.LearningRate,
                sparsification = outcome.Settings.Sparsification.ToString(),
                lambda = report.Sparsified && outcome.Settings.TargetSparsity is null ? outcome.Settings.LambdaUsed : (double?)null,
                beta = report.Sparsified ? outcome.Settings.Beta : (double?)null,
                targetSparsity = report.Sparsified ? outcome.Settings.TargetSparsity : null,
                targetPerLayer = report.Sparsified && outcome.Settings.TargetSparsity is not null ? outcome.Settings.TargetPerLayer : (bool?)null,
                targetRampEpochs = report.Sparsified && outcome.Settings.TargetSparsity is not null ? outcome.Settings.TargetRampEpochs : (int?)null,
                transformedL1Shape = outcome.Settings.Sparsification == BinarizedCnnSparsification.TransformedL1 ? outcome.Settings.TransformedL1Shape : (double?)null,
                optimizer = outcome.Settings.Optimizer.ToString(),
                momentum = outcome.Settings.Optimizer == NetworkOptimizer.Sgd ? outcome.Settings.Momentum : (double?)null,
                weightDecay = outcome.Settings.WeightDecay,
                schedule = outcome.Settings.Schedule.ToString(),
                dropEpochs = outcome.Settings.DropEpochs ?? [],
                dropFactor = outcome.Settings.DropEpochs is { Length: > 0 } ? outcome.Settings.DropFactor : (double?)null,
                threads = outcome.Settings.ThreadsUsed,
                width = outcome.Settings.Width,
            },
            evaluation = outcome.Evaluation,
            metrics = TrainJsonReport.Metrics(outcome.Metrics),
            sparsified = report.Sparsified,
            nonzeros = report.Nonzeros,
            weightCount = report.WeightCount,
            sparsity = report.Sparsity,
            layers = report.Layers.Select(l => new { name = l.Name, count = l.Count, nonzeros = l.Nonzeros, sparsity = l.Sparsity, lambda = l.Lambda }),
            summary = new { layers = NetworkSummaryJson.Layers(report.Summary), totals = NetworkSummaryJson.Totals(report.Summary) },
            // lambda: RVSCGD's at the epoch's end when all layers share one; per layer (a per-layer target) under lambdas.
            epochs = report.Epochs.Select(e => new
            {
                epoch = e.Epoch, meanLoss = e.MeanLoss, lagrangian = e.Lagrangian, learningRate = e.LearningRate, seconds = e.Seconds,
                lambda = e.Lambda,
                lambdas = e.Lambda is null && report.Sparsified ? e.Tensors.ToDictionary(t => t.Name, t => t.Lambda) : null,
            }),
            rowsUsed = report.RowsUsed,
            rowsSkipped = report.RowsSkipped,
            warnings = outcome.Warnings,
            zip = outcome.ZipPath,
        };
        writer.WriteLine(JsonSerializer.Serialize(json, JsonReportOptions.Default));
    }
}
