using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MlNetSparse.Core.Training;
using MlNetSparse.Trainers;

namespace MlNetSparse.Examples.QuickStart;

/// <summary>
/// The paper's one-layer network on IRIS (learning-sparse-nn-iht §IV): 4 standardized inputs,
/// 3 softmax outputs, 15 parameters, trained by IHT to at most 7 nonzeros under the paper's rules
/// (<see cref="SparseIhtPresets.WithPaperRules{TOptions}(TOptions)"/>), as one ML.NET pipeline from the raw
/// CSV columns to the species name.
/// </summary>
public static class IrisSparseModel
{
    /// <summary>s, the nonzero parameters kept (of 15).</summary>
    public const int Sparsity = 7;

    /// <summary>Seeds of the paper's highlighted run: init 21, support 84 (data split seed 42).</summary>
    public const int InitializationSeed = 21, SupportSeed = 84, DataSeed = 42;

    /// <summary>The IRIS CSV shipped beside the program.</summary>
    public static string DataPath => Path.Combine(AppContext.BaseDirectory, "data", "iris.csv");

    /// <summary>Reads the CSV (header: SepalLength,SepalWidth,PetalLength,PetalWidth,Species).</summary>
    public static IDataView Load(MLContext mlContext, string path)
        => mlContext.Data.LoadFromTextFile<IrisFlower>(path, separatorChar: ',', hasHeader: true);

    /// <summary>
    /// Raw columns → Features → standardized (training mean and deviation, as in the paper) →
    /// sparse softmax → species name. The fitted chain is what the zip holds.
    /// </summary>
    public static IEstimator<ITransformer> Pipeline(MLContext mlContext)
        => mlContext.Transforms.Concatenate("Features",
                nameof(IrisFlower.SepalLength), nameof(IrisFlower.SepalWidth), nameof(IrisFlower.PetalLength), nameof(IrisFlower.PetalWidth))
            .Append(mlContext.Transforms.NormalizeMeanVariance("Features", fixZero: false))
            .Append(mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(IrisFlower.Species)))
            .Append(mlContext.MulticlassClassification.Trainers.SparseIht(new SparseIhtMulticlassTrainer.Options
            {
                Sparsity = Sparsity,
                Initialization = SparseStartKind.RandomSparse,
                InitializationSeed = InitializationSeed,
                SupportSeed = SupportSeed,
                MonteCarloSeed = DataSeed,
                MaximumNumberOfIterations = 10_000, // the paper's cap
                LossTolerance = 0.05,               // the paper's stop
            }.WithPaperRules()))                    // 50 samples of L̂₂ₛ, the dense reference, the paper's stop rules, no polish
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedSpecies", "PredictedLabel"));

    /// <summary>
    /// The paper's split: exactly 120 training and 30 test flowers, drawn with <paramref name="seed"/>
    /// (ML.NET's TrainTestSplit only approximates the fraction).
    /// </summary>
    public static (IDataView Train, IDataView Test) Split(MLContext mlContext, IDataView data, int seed, int testCount = 30)
    {
        var rows = mlContext.Data.CreateEnumerable<IrisFlower>(data, reuseRowObject: false).ToArray();
        new Random(seed).Shuffle(rows);
        return (mlContext.Data.LoadFromEnumerable(rows[testCount..]), mlContext.Data.LoadFromEnumerable(rows[..testCount]));
    }

    /// <summary>Splits 120/30 with the data seed, fits the pipeline on the 120 and evaluates on the 30.</summary>
    public static TrainedIris Train(MLContext mlContext, string dataPath)
    {
        var (train, test) = Split(mlContext, Load(mlContext, dataPath), DataSeed);
        ITransformer model = Pipeline(mlContext).Fit(train);
        var metrics = mlContext.MulticlassClassification.Evaluate(model.Transform(test));
        return new TrainedIris(model, model.GetSparseIhtReport(), metrics, train.Schema, test);
    }
}

/// <summary>A fitted IRIS pipeline with its training report and test metrics.</summary>
public sealed record TrainedIris(
    ITransformer Model,
    SparseIhtTrainingReport Report,
    MulticlassClassificationMetrics TestMetrics,
    DataViewSchema InputSchema,
    IDataView TestSet);
