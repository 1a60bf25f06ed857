using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

// Loads a saved IRIS model zip with Microsoft.ML alone, scores every flower of the CSV and counts
// the model's nonzero parameters. Usage: ZipConsumer <model.zip> [iris.csv]
// Prints "accuracy=<fraction>", "nonzero=<count>" and "rows=<count>", one per line.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: ZipConsumer <model.zip> [iris.csv]");
    return 2;
}
string zipPath = args[0];
string csvPath = args.Length > 1 ? args[1] : Path.Combine(AppContext.BaseDirectory, "data", "iris.csv");

var mlContext = new MLContext();
ITransformer model = mlContext.Model.Load(zipPath, out _);
IDataView flowers = mlContext.Data.LoadFromTextFile<Flower>(csvPath, separatorChar: ',', hasHeader: true);
Flower[] rows = mlContext.Data.CreateEnumerable<Flower>(flowers, reuseRowObject: false).ToArray();
var engine = mlContext.Model.CreatePredictionEngine<Flower, Prediction>(model);
int correct = rows.Count(row => engine.Predict(row).PredictedSpecies == row.Species);

var softmax = ((IEnumerable<ITransformer>)model)
    .OfType<MulticlassPredictionTransformer<MaximumEntropyModelParameters>>().Single().Model;
VBuffer<float>[] weights = [];
softmax.GetWeights(ref weights, out _);
int nonzero = weights.Sum(w => w.DenseValues().Count(v => v != 0f)) + softmax.GetBiases().Count(b => b != 0f);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy={(double)correct / rows.Length:R}"));
Console.WriteLine($"nonzero={nonzero}");
Console.WriteLine($"rows={rows.Length}");
return 0;

/// <summary>One row of iris.csv, declared here without any MlNetSparse type.</summary>
internal sealed class Flower
{
    [LoadColumn(0)] public float SepalLength { get; set; }
    [LoadColumn(1)] public float SepalWidth { get; set; }
    [LoadColumn(2)] public float PetalLength { get; set; }
    [LoadColumn(3)] public float PetalWidth { get; set; }
    [LoadColumn(4)] public string Species { get; set; } = "";
}

internal sealed class Prediction
{
    public string PredictedSpecies { get; set; } = "";
}
