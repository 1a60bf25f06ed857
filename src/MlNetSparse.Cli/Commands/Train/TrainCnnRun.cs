using Microsoft.ML;
using Microsoft.ML.Transforms;
using MlNetSparse.Cli.Data;
using MlNetSparse.Cli.Models;
using MlNetSparse.Networks;
using MlNetSparse.DataFiles;

namespace MlNetSparse.Cli.Commands;

/// <summary>What `train --trainer cnn` produced.</summary>
/// <param name="Schema">The data file as inferred.</param>
/// <param name="Label">The label column.</param>
/// <param name="Shape">The image shape (channels, height, width) the numeric columns were read as.</param>
/// <param name="Evaluation">How the metrics were measured, in words.</param>
/// <param name="Metrics">The multiclass evaluator's metrics.</param>
/// <param name="Report">The network's training report (per-layer sparsity, epochs' losses) of the model in the zip.</param>
/// <param name="ZipPath">The full path of the zip written.</param>
/// <param name="Settings">The trainer's settings as run.</param>
/// <param name="Warnings">What the tool found in the data and the evaluation, then what ML.NET and the trainer warned of while fitting the model in the zip.</param>
public sealed record CnnTrainOutcome(DataFileSchema Schema, DataColumn Label, (int Channels, int Height, int Width) Shape, string Evaluation,
    IReadOnlyList<MetricValue> Metrics, BinarizedCnnTrainingReport Report, string ZipPath, CnnSettings Settings, IReadOnlyList<string> Warnings);

/// <summary>
/// Runs `train --trainer cnn`: the numeric columns, in file order, become one image vector scaled to
/// [0, 1] (NormalizeMinMax) and a binarized CNN classifies it; evaluated like `train` (test split or folds).
/// </summary>
internal static class TrainCnnRun
{
    /// <summary>Trains as <paramref name="settings"/> and <paramref name="cnn"/> say; user errors throw before any training.</summary>
    public static CnnTrainOutcome Execute(TrainSettings settings, CnnSettings cnn, IProgress<BinarizedCnnProgress>? progress = null)
    {
        OutputFile zip = TrainRun.CheckZip(settings);
        if (settings.PlotFolder is not null)
            TrainPlots.Check(settings, path: false);
        if (settings.Task is { } given && given != PredictionTask.Multiclass)
            throw new UserErrorException($"--trainer cnn classifies images into classes: --task must be multiclass; got {given.ToString().ToLowerInvariant()}.");
        DataFileSchema schema = DataFileInference.Infer(settings.DataPath, settings.Overrides);
        DataColumn label = TaskInference.FindLabel(schema, settings.Label);
        TaskInference.Check(PredictionTask.Multiclass, label);
        if (settings.Folds is int folds && (folds < 2 || folds > schema.RowCount))
            throw new UserErrorException($"--folds must be in [2, {schema.RowCount}] (the rows of {schema.Path}); got {folds}.");
        if (label.Name == TrainPipeline.FeaturesColumn)
            throw new UserErrorException($"--label: a label column named '{TrainPipeline.FeaturesColumn}' would be overwritten by the image vector of that name; rename the column.");
        string[] pixels = [.. schema.Columns.Where(c => c.Kind == ColumnKind.Number && c != label).Select(c => c.Name)];
        if (pixels.Length == 0)
            throw new UserErrorException($"{schema.Path} has no numeric column besides the label '{label.Name}'; there is no image to learn from.");
        var shape = cnn.ShapeFor(pixels.Length);

        var notes = new List<string>();   // the tool's own warnings, before the trainer's
        string[] text = [.. schema.Columns.Where(c => c.Kind == ColumnKind.Text && c != label).Select(c => $"'{c.Name}'")];
        if (text.Length > 0)
            notes.Add($"text columns are not part of the image and were left out: {string.Join(", ", text)} (--column-type Name=number reads one as numbers).");
        IReadOnlyDictionary<string, int> classes = schema.CountValues(label);
        if (DataWarnings.TooManyClasses(label, classes) is { } tooMany)
            notes.Add(tooMany);

        var mlContext = new MLContext(seed: settings.Seed);
        // Each fitted CNN (k of them under --folds) keeps a copy of its ONNX graph in the context's temporary folder.
        using ScratchFolder scratch = ScratchFolder.For(mlContext);
        var warnings = new TrainerWarnings(mlContext);
        IDataView loaded = schema.CreateLoader(mlContext).Load(settings.DataPath);
        IDataView data = loaded;
        if (label.MissingCount > 0)
        {
            // A key over text would make "NA" a class: leave such rows out.
            data = TrainRun.WithoutMissingLabels(mlContext, data, label, classes.Keys);
            notes.Add($"{label.MissingCount} rows with a missing label left out.");
        }
        var options = new BinarizedCnnTrainer.Options
        {
            LabelColumnName = TrainPipeline.LabelColumn,
            FeatureColumnName = TrainPipeline.FeaturesColumn,
            ImageChannels = shape.Channels, ImageHeight = shape.Height, ImageWidth = shape.Width,
            NumberOfEpochs = cnn.Epochs,
            BatchSize = cnn.BatchSize,
            LearningRate = cnn.LearningRate,
            Lambda = cnn.LambdaUsed,
            Beta = cnn.Beta,
            Optimizer = cnn.Optimizer,
            Momentum = cnn.Momentum,
            WeightDecay = cnn.WeightDecay,
            LearningRateSchedule = cnn.Schedule,
            LearningRateDropEpochs = cnn.DropEpochs ?? [],
            LearningRateDropFactor = cnn.DropFactor,
            NumberOfThreads = cnn.Threads,
            Width = cnn.Width,
            Sparsification = cnn.Sparsification,
            TargetSparsity = cnn.TargetSparsity,
            TargetSparsityPerLayer = cnn.TargetPerLayer,
            TargetSparsityRampEpochs = cnn.TargetRampEpochs,
            TransformedL1Shape = cnn.TransformedL1Shape,
            Seed = settings.Seed,
            Progress = progress,
        };
        var estimator = mlContext.Transforms.Concatenate(TrainPipeline.FeaturesColumn, pixels)
            .Append(mlContext.Transforms.NormalizeMinMax(TrainPipeline.FeaturesColumn))
            // Classes in sorted order, so the scores' columns read 0, 1, 2, ... rather than in order of first appearance.
            .Append(mlContext.Transforms.Conversion.MapValueToKey(TrainPipeline.LabelColumn, label.Name, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue))
            .Append(mlContext.MulticlassClassification.Trainers.BinarizedCnn(options))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue(TrainPipeline.PredictedValueColumn(schema), "PredictedLabel"));
        (ITransformer model, string evaluation, IReadOnlyList<MetricValue> metrics) = settings.Folds is int k
            ? TrainRun.CrossValidate(mlContext, data, estimator, TrainPipeline.LabelColumn, PredictionTask.Multiclass, k, settings.Seed, warnings)
            : TrainRun.TrainAndTest(mlContext, data, estimator, TrainPipeline.LabelColumn, PredictionTask.Multiclass, settings, notes);
        notes.AddRange(EvaluationWarnings.NonFiniteMetrics(metrics));
        BinarizedCnnTrainingReport report = ((IEnumerable<ITransformer>)model).OfType<BinarizedCnnTransformer>().Single().Report;
        zip.Write(stream => mlContext.Model.Save(model, loaded.Schema, stream));
        (model as IDisposable)?.Dispose();
        return new CnnTrainOutcome(schema, label, shape, evaluation, metrics, report, Path.GetFullPath(settings.OutputPath), cnn, [.. notes, .. warnings.Messages]);
    }
}
