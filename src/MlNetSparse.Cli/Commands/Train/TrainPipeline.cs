using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers;
using MlNetSparse.Cli.Data;
using MlNetSparse.Trainers;
using MlNetSparse.DataFiles;

namespace MlNetSparse.Cli.Commands;

/// <summary>How a binary label's two values became the Boolean label: the second in sorted order is true.</summary>
/// <param name="FalseValue">The value read as false.</param>
/// <param name="TrueValue">The value read as true.</param>
public sealed record BinaryLabelMapping(string FalseValue, string TrueValue);

/// <summary>
/// The pipeline `train` fits: the numeric features concatenated and standardized (IHT compares
/// magnitudes), the label made what the task's trainer needs, and sparse IHT.
/// </summary>
internal sealed class TrainPipeline
{
    /// <summary>The column the trainers read the features from.</summary>
    public const string FeaturesColumn = "Features";

    /// <summary>The label column the classification trainers read (a key or a Boolean made from the user's label).</summary>
    public const string LabelColumn = "Label";

    /// <summary>What the learned weights multiply: the features after NormalizeMeanVariance, so reports and plots say so.</summary>
    public const string WeightScale = "weights on standardized features";

    private TrainPipeline(IEstimator<ITransformer> estimator, string evaluationLabel, IReadOnlyList<string> features, BinaryLabelMapping? mapping)
        => (Estimator, EvaluationLabel, FeatureNames, BinaryMapping) = (estimator, evaluationLabel, features, mapping);

    /// <summary>The whole pipeline, ready to fit.</summary>
    public IEstimator<ITransformer> Estimator { get; }

    /// <summary>The label column the evaluators read in the pipeline's output.</summary>
    public string EvaluationLabel { get; }

    /// <summary>The feature columns, in slot order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>For binary, how the label's values were mapped; null otherwise.</summary>
    public BinaryLabelMapping? BinaryMapping { get; }

    /// <summary>Builds the pipeline for <paramref name="task"/> on <paramref name="schema"/>'s numeric columns; the trainer reports to <paramref name="progress"/>.</summary>
    public static TrainPipeline Create(MLContext mlContext, DataFileSchema schema, DataColumn label, PredictionTask task, IhtSettings iht,
        IProgress<SparseIhtProgress>? progress = null)
    {
        if (label.Name == FeaturesColumn)
            throw new UserErrorException($"--label: a label column named '{FeaturesColumn}' would be overwritten by the feature vector of that name; rename the column.");
        string[] features = [.. schema.Columns.Where(c => c.Kind == ColumnKind.Number && c != label).Select(c => c.Name)];
        if (features.Length == 0)
            throw new UserErrorException($"{schema.Path} has no numeric column besides the label '{label.Name}'; there are no features to learn from.");
        IEstimator<ITransformer> pipeline = mlContext.Transforms.Concatenate(FeaturesColumn, features)
            .Append(mlContext.Transforms.NormalizeMeanVariance(FeaturesColumn, fixZero: false));
        BinaryLabelMapping? mapping = null;
        string evaluationLabel = LabelColumn;
        switch (task)
        {
            case PredictionTask.Multiclass:
                pipeline = pipeline.Append(mlContext.Transforms.Conversion.MapValueToKey(LabelColumn, label.Name))
                    .Append(mlContext.MulticlassClassification.Trainers.SparseIht(Fill(new SparseIhtMulticlassTrainer.Options(), iht, LabelColumn, progress)))
                    .Append(mlContext.Transforms.Conversion.MapKeyToValue(PredictedValueColumn(schema), "PredictedLabel"));
                break;
            case PredictionTask.Binary:
                (pipeline, mapping) = AppendBooleanLabel(mlContext, pipeline, label);
                pipeline = pipeline.Append(mlContext.BinaryClassification.Trainers.SparseIht(Fill(new SparseIhtBinaryTrainer.Options(), iht, LabelColumn, progress)));
                break;
            default:
                evaluationLabel = label.Name;
                pipeline = pipeline.Append(mlContext.Regression.Trainers.SparseIht(Fill(new SparseIhtRegressionTrainer.Options(), iht, label.Name, progress)));
                break;
        }
        return new TrainPipeline(pipeline, evaluationLabel, features, mapping);
    }

    /// <summary>The column holding the predicted class as the label's own value (PredictedLabel is a key): "PredictedValue", or a free variant.</summary>
    public static string PredictedValueColumn(DataFileSchema schema)
    {
        string name = "PredictedValue";
        while (schema.Find(name) is not null)
            name = "_" + name;
        return name;
    }

    private static (IEstimator<ITransformer>, BinaryLabelMapping) AppendBooleanLabel(MLContext mlContext, IEstimator<ITransformer> pipeline, DataColumn label)
    {
        if (label.Kind == ColumnKind.Number)
        {
            float[] values = [.. label.DistinctValues.Select(v => float.Parse(v, CultureInfo.InvariantCulture)).Order()];
            var numberMap = new[] { new KeyValuePair<float, bool>(values[0], false), new KeyValuePair<float, bool>(values[1], true) };
            return (pipeline.Append(mlContext.Transforms.Conversion.MapValue(LabelColumn, numberMap, label.Name)),
                new BinaryLabelMapping(values[0].ToString("R", CultureInfo.InvariantCulture), values[1].ToString("R", CultureInfo.InvariantCulture)));
        }
        string[] texts = [.. label.DistinctValues.Order(StringComparer.Ordinal)];
        var textMap = new[] { new KeyValuePair<string, bool>(texts[0], false), new KeyValuePair<string, bool>(texts[1], true) };
        return (pipeline.Append(mlContext.Transforms.Conversion.MapValue(LabelColumn, textMap, label.Name)), new BinaryLabelMapping(texts[0], texts[1]));
    }

    private static TOptions Fill<TOptions>(TOptions options, IhtSettings iht, string labelColumn, IProgress<SparseIhtProgress>? progress)
        where TOptions : SparseIhtOptionsBase
    {
        options.Progress = progress;
        options.LabelColumnName = labelColumn;
        options.FeatureColumnName = FeaturesColumn;
        options.MaximumNumberOfIterations = iht.MaximumIterations;
        options.LossTolerance = iht.LossTolerance;
        options.L2Regularization = iht.L2Regularization;
        options.PolishSupport = iht.PolishSupport;
        options.WorkingSet = iht.WorkingSet;
        options.PolishAfterStableSteps = iht.PolishAfterStableSteps;
        // Set with a fixed s too, where the path does not use it, so the library checks every flag given.
        options.PathSelectionTolerance = iht.PathTolerance;
        options.NumberOfFolds = iht.PathFolds;
        options.CrossValidationRepeats = iht.PathRepeats;
        options.PathL2Regularization = iht.PathL2Regularization;
        options.PathSelectionRule = iht.PathSelection;
        if (iht.Sparsity is int sparsity)
            options.Sparsity = sparsity;
        else
            options.SparsityPath = [];
        return options;
    }
}
