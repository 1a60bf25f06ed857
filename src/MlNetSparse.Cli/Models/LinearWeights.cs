using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers;

namespace MlNetSparse.Cli.Models;

/// <summary>One parameter of a linear model: the output it belongs to (a class, or the single output), the feature (or "Bias") and its value.</summary>
internal sealed record WeightEntry(string Output, string Feature, float Value);

/// <summary>
/// The parameters of a saved model's linear predictor (the sparse IHT models, and the last layer of a
/// binarized CNN), by output and feature name.
/// </summary>
internal sealed record LinearWeights(string Task, string ModelType, string FeatureColumn, IReadOnlyList<WeightEntry> All)
{
    public int ParameterCount => All.Count;

    public IEnumerable<WeightEntry> Nonzero => All.Where(w => w.Value != 0f);

    public int NonzeroCount => All.Count(w => w.Value != 0f);

    /// <summary>The last predictor of the pipeline as weights, or null when it is not a linear model this reads.</summary>
    public static LinearWeights? Find(IReadOnlyList<PipelineStep> steps)
    {
        for (int i = steps.Count - 1; i >= 0; i--)
        {
            if (steps[i].Transformer is not ISingleFeaturePredictionTransformer<object> predictor)
                continue;
            DataViewSchema.Column? features = steps[i].InputSchema.GetColumnOrNull(predictor.FeatureColumnName);
            if (features is null)
                continue;
            string[] featureNames = ModelPipeline.SlotNames(features.Value);
            LinearWeights? weights = Read(predictor.Model, featureNames, steps[i].OutputSchema, predictor.FeatureColumnName);
            if (weights is not null)
                return weights;
        }
        return null;
    }

    private static LinearWeights? Read(object model, string[] features, DataViewSchema output, string featureColumn)
    {
        string modelType = ModelPipeline.FriendlyName(model.GetType());
        switch (model)
        {
            case MaximumEntropyModelParameters softmax:
                return new LinearWeights("multiclass", modelType, featureColumn, Softmax(softmax, features, output));
            case CalibratedModelParametersBase { SubModel: LinearBinaryModelParameters linear }:
                return new LinearWeights("binary", modelType, featureColumn, Single(linear, features, "Score"));
            case LinearBinaryModelParameters linear:
                return new LinearWeights("binary", modelType, featureColumn, Single(linear, features, "Score"));
            case LinearRegressionModelParameters linear:
                return new LinearWeights("regression", modelType, featureColumn, Single(linear, features, "Score"));
            default:
                return null;
        }
    }

    private static List<WeightEntry> Softmax(MaximumEntropyModelParameters model, string[] features, DataViewSchema output)
    {
        VBuffer<float>[] weights = [];
        model.GetWeights(ref weights, out int classes);
        float[] biases = model.GetBiases().ToArray();
        string[] classNames = (output.GetColumnOrNull("PredictedLabel") is { } label ? ModelPipeline.KeyValueNames(label) : null)
            ?? Enumerable.Range(0, classes).Select(c => $"class {c}").ToArray();
        var entries = new List<WeightEntry>();
        for (int c = 0; c < classes; c++)
        {
            float[] row = weights[c].DenseValues().ToArray();
            for (int j = 0; j < row.Length; j++)
                entries.Add(new WeightEntry(classNames[c], FeatureName(features, j), row[j]));
            entries.Add(new WeightEntry(classNames[c], "Bias", biases[c]));
        }
        return entries;
    }

    private static List<WeightEntry> Single(LinearModelParameters model, string[] features, string output)
    {
        var entries = model.Weights.Select((w, j) => new WeightEntry(output, FeatureName(features, j), w)).ToList();
        entries.Add(new WeightEntry(output, "Bias", model.Bias));
        return entries;
    }

    private static string FeatureName(string[] features, int index) => index < features.Length ? features[index] : $"f{index}";
}
