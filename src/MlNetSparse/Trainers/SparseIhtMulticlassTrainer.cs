using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Data;
using MlNetSparse.Internals;
using static System.FormattableString;

namespace MlNetSparse.Trainers;

/// <summary>
/// Trains a multiclass one-layer network (softmax over W·x + b) with at most s nonzero parameters,
/// biases included, by iterative hard thresholding with γ = 1/L̂₂ₛ — the model of
/// learning-sparse-nn-iht §IV. Produces ML.NET's <see cref="MaximumEntropyModelParameters"/> with
/// sparse weights. The label must be a key (apply MapValueToKey first).
/// </summary>
public sealed class SparseIhtMulticlassTrainer : SparseIhtTrainerBase<SparseIhtMulticlassTrainer.Options, MulticlassPredictionTransformer<MaximumEntropyModelParameters>, MaximumEntropyModelParameters>
{
    /// <summary>Options of <see cref="SparseIhtMulticlassTrainer"/>.</summary>
    public sealed class Options : SparseIhtOptionsBase;

    internal SparseIhtMulticlassTrainer(IHostEnvironment env, Options options)
        : base(env, options, nameof(SparseIhtMulticlassTrainer))
    {
    }

    private protected override SparseIhtTask Task => SparseIhtTask.MulticlassClassification;

    private protected override LabelReader LabelReader { get; } = new LabelReader.Key();

    private protected override IMarginLoss CreateLoss(DataViewSchema schema, IEnumerable<float> weightedLabels)
    {
        int classCount = (int)((KeyDataViewType)schema[Columns.Label].Type).Count;
        int[] present = [.. weightedLabels.Select(label => (int)label).Distinct().Order()];
        if (present.Length < 2)
        {
            string name = OutputNames(schema, classCount)?[present[0]] ?? Invariant($"key {present[0] + 1}");
            throw new InvalidOperationException(
                $"Label column '{Columns.Label}' has only 1 class in the training data ({name}); multiclass classification needs at least 2.");
        }
        return new SoftmaxCrossEntropyLoss(classCount);
    }

    private protected override IReadOnlyList<string>? OutputNames(DataViewSchema schema, int outputCount)
        => KeyNames.Of(schema[Columns.Label], outputCount);

    private protected override MulticlassPredictionTransformer<MaximumEntropyModelParameters> CreatePredictionTransformer(
        float[] parameters, LinearModelLayout layout, DataViewSchema trainSchema, IReadOnlyList<string>? outputNames)
    {
        int k = layout.OutputCount, n = layout.FeatureCount;
        var weights = new VBuffer<float>[k];
        bool dense = WeightVectors.StoreDense(parameters.AsSpan(0, layout.WeightCount));   // one storage for all classes
        for (int c = 0; c < k; c++)
            weights[c] = WeightVectors.Stored(parameters.AsSpan(layout.WeightIndex(c, 0), n), dense);
        float[] biases = parameters.AsSpan(layout.BiasIndex(0), k).ToArray();
        var model = MlNetInternals.CreateMaximumEntropy(Host, weights, biases, k, n, outputNames?.ToArray(), null);
        return PredictionTransformers<MaximumEntropyModelParameters>.CreateMulticlass(Host, model, trainSchema,
            Columns.Feature, Columns.Label, "Score", "PredictedLabel");
    }

    private protected override IEnumerable<SchemaShape.Column> OutputColumns(SchemaShape inputSchema)
    {
        ColumnRequirements.TryFind(inputSchema, Columns.Label, out var label);
        var scoreAnnotations = new SchemaShape(MlNetInternals.AnnotationsForMulticlassScoreColumn(null, label));
        var predictedLabelAnnotations = new SchemaShape(label.Annotations.Where(a => a.Name == "KeyValues")
            .Concat(MlNetInternals.GetTrainerOutputAnnotation(null, false)));
        yield return MlNetInternals.CreateSchemaColumn("Score", SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, scoreAnnotations);
        yield return ScalarColumn("PredictedLabel", NumberDataViewType.UInt32, predictedLabelAnnotations, isKey: true);
    }
}
