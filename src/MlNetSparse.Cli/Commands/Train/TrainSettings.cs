using MlNetSparse.Cli.Data;
using MlNetSparse.Cli.Models;
using MlNetSparse.DataFiles;

namespace MlNetSparse.Cli.Commands;

/// <summary>What every `train` run was asked to do, whichever the trainer: the data, the evaluation and the outputs.</summary>
/// <param name="DataPath">The CSV/TSV file.</param>
/// <param name="Overrides">The user's separator, header and column-type choices.</param>
/// <param name="Label">The label column's name.</param>
/// <param name="Task">The task, or null to infer it from the label.</param>
/// <param name="TestFraction">The fraction of rows held out to evaluate, when <paramref name="Folds"/> is null.</param>
/// <param name="Folds">k of k-fold cross-validation, or null for a train/test split.</param>
/// <param name="Seed">The MLContext seed: the split, the folds and every trainer seed follow from it.</param>
/// <param name="OutputPath">Where the zip goes.</param>
/// <param name="Force">Overwrite an existing zip.</param>
/// <param name="Json">Print one JSON object instead of tables.</param>
/// <param name="PlotFolder">Where to write PNG plots, or null for none.</param>
public sealed record TrainSettings(string DataPath, DataFileOverrides Overrides, string Label, PredictionTask? Task,
    double TestFraction, int? Folds, int Seed, string OutputPath, bool Force, bool Json, string? PlotFolder)
{
    /// <summary>The --data file, as the outputs' checks name it: no output may replace it.</summary>
    internal ProtectedFile DataFile => new("--data file", DataPath);
}
