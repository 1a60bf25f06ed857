using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSparse.Core.Networks;
using MlNetSparse.Examples.Shared;
using MlNetSparse.Examples.BinarizedCnn;
using MlNetSparse.Networks;
using Spectre.Console;

// Binarized-activation CNNs (σ(z) = 1{z > 0}) trained with coarse gradients, dense and sparsified by
// RVSCGD with ℓ0, ℓ1 and transformed ℓ1, through the ML.NET trainer BinarizedCnn.
//   dotnet run --project examples/BinarizedCnn                 the bundled 8×8 digits (seconds)
//   dotnet run -c Release --project examples/BinarizedCnn -- fashion [--epochs 10] [--train-rows 60000]
//       Fashion-MNIST from Debian's dataset-fashion-mnist (or --data DIR with the four IDX files)
//   ... -- fashion --optimizer adam --learning-rate 0.001 --schedule cosine --variants None,L0 --lambda 1e-4 --threads 1
//   ... -- fashion --variants None,L0 --target-sparsity 0.9     λ found each step so that 90 % of the weights are zero
//       every training option has a flag (--help lists them); the program ends with one row per model trained.
if (args.Contains("--help"))
{
    Console.WriteLine(ExampleSettings.Usage);
    return 0;
}
ExampleSettings settings;
try
{
    settings = ExampleSettings.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
ImageDataset dataset = settings.Fashion
    ? Datasets.FashionMnist(settings.DataFolder ?? Datasets.DebianFashionMnist, settings.TrainRows)
    : Datasets.Digits(seed: 7);
Console.WriteLine($"{dataset.Name}: {dataset.Train.Length} training and {dataset.Test.Length} test images, " +
    $"{settings.Epochs} epochs per model; {MlNetSparse.Core.Numerics.Blas.BlasBackend.Describe()}");
Console.WriteLine($"Training: {settings.DescribeTraining()}");

var ml = new MLContext(seed: 1);
IDataView train = ml.Data.LoadFromEnumerable(dataset.Train, dataset.Schema());
IDataView test = ml.Data.LoadFromEnumerable(dataset.Test, dataset.Schema());
var table = ReportTable.Create(labelColumns: 1, "model", "test accuracy", "weights nonzero", "sparsity", "time", "s / epoch", "GFLOP/s", "final loss", "last λ");
var models = new Dictionary<BinarizedCnnSparsification, ITransformer>();
foreach (BinarizedCnnSparsification sparsification in settings.Variants)
{
    BinarizedCnnTrainer.Options options = ExampleSettings.TrainerOptions(settings, sparsification);
    var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", nameof(ImageRow.Digit))
        .Append(ml.MulticlassClassification.Trainers.BinarizedCnn(options));
    var model = EpochProgress.Run($"{sparsification}", settings.Epochs, options, () => pipeline.Fit(train));
    BinarizedCnnTrainingReport report = model.LastTransformer.Report;
    var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test));
    table.AddCells(Name(sparsification), F(metrics.MicroAccuracy, "P2"), $"{report.Nonzeros:N0} / {report.WeightCount:N0}",
        F(report.Sparsity, "P2"), F(report.Elapsed.TotalSeconds, "F1") + " s", F(report.Epochs.Average(e => e.Seconds), "F2"), F(report.GflopsPerSecond, "F2"),
        F(report.Epochs[^1].MeanLoss, "F4"), report.Epochs[^1].Lambda is double lambda ? F(lambda, "G3") : report.Sparsified ? "per layer" : "");
    models[sparsification] = model;
}

// The last sparse model as a user ships it: a zip that loads in a fresh MLContext, and an ONNX file.
BinarizedCnnSparsification shipped = settings.Variants[^1];
Directory.CreateDirectory(settings.OutputFolder);
string zip = Path.Combine(settings.OutputFolder, $"binarized-cnn-{shipped}.zip");
string onnx = Path.ChangeExtension(zip, ".onnx");
ml.Model.Save(models[shipped], train.Schema, zip);
((TransformerChain<BinarizedCnnTransformer>)models[shipped]).LastTransformer.ExportOnnx(onnx);
ITransformer loaded = new MLContext().Model.Load(zip, out _);
uint[] before = ml.Data.CreateEnumerable<Predicted>(models[shipped].Transform(test), false).Select(p => p.PredictedLabel).ToArray();
uint[] after = ml.Data.CreateEnumerable<Predicted>(loaded.Transform(test), false).Select(p => p.PredictedLabel).ToArray();
// The shipped model layer by layer (Larq-style): parameters, nonzeros, binary activations, MACs per image, memory.
Console.WriteLine($"Layers of {Name(shipped)}:");
Console.Write(((TransformerChain<BinarizedCnnTransformer>)models[shipped]).LastTransformer.Summary);
Console.WriteLine($"Saved {Name(shipped)} to {zip} ({new FileInfo(zip).Length:N0} bytes) and {onnx}; reloaded in a fresh MLContext: " +
    $"{before.Zip(after).Count(p => p.First == p.Second)} of {before.Length} test predictions identical.");

// A CNN model holds an ONNX Runtime session and ML.NET's temporary copy of its graph until it is disposed.
foreach (ITransformer fitted in models.Values.Append(loaded))
    (fitted as IDisposable)?.Dispose();

// The summary last: one row per model trained (time: the whole Fit, reading the rows included).
Console.WriteLine();
Console.WriteLine(table.ToPlainText());
return 0;

static string Name(BinarizedCnnSparsification s) => s == BinarizedCnnSparsification.None ? "dense" : $"RVSCGD {s}";

static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

internal sealed class Predicted
{
    public uint PredictedLabel { get; set; }
}
