using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Data;
using MlNetSparse.Internals;

namespace MlNetSparse.Trainers;

/// <summary>
/// Trains a logistic regression with at most s nonzero parameters, bias included, by iterative hard
/// thresholding with γ = 1/L̂₂ₛ. Produces the same model type as LbfgsLogisticRegression: a
/// LinearBinaryModelParameters with a Platt calibrator that maps the score to exactly σ(score), so
/// Probability, log-loss and AUC work. The label must be Boolean.
/// </summary>
public sealed class SparseIhtBinaryTrainer
    : SparseIhtTrainerBase<SparseIhtBinaryTrainer.Options, BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>, CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>
{
    /// <summary>Options of <see cref="SparseIhtBinaryTrainer"/>.</summary>
    public sealed class Options : SparseIhtOptionsBase;

    internal SparseIhtBinaryTrainer(IHostEnvironment env, Options options)
        : base(env, options, nameof(SparseIhtBinaryTrainer))
    {
    }

    private protected override SparseIhtTask Task => SparseIhtTask.BinaryClassification;

    private protected override LabelReader LabelReader { get; } = new LabelReader.Boolean();

    private protected override IMarginLoss CreateLoss(DataViewSchema schema, IEnumerable<float> weightedLabels)
    {
        float[] labels = [.. weightedLabels];
        int positives = labels.Count(label => label == 1f);
        if (positives == 0 || positives == labels.Length)
            throw new InvalidOperationException(
                $"Label column '{Columns.Label}' has only 1 class in the training data (every row is {(positives == 0 ? "false" : "true")}); " +
                "binary classification needs both true and false rows.");
        return new LogisticLoss();
    }

    private protected override IReadOnlyList<string>? OutputNames(DataViewSchema schema, int outputCount) => null;

    private protected override BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>
        CreatePredictionTransformer(float[] parameters, LinearModelLayout layout, DataViewSchema trainSchema, IReadOnlyList<string>? outputNames)
    {
        VBuffer<float> weights = WeightVector(parameters.AsSpan(0, layout.FeatureCount));
        var linear = MlNetInternals.CreateLinearBinary(Host, weights, parameters[layout.BiasIndex(0)], null);
        var calibrated = MlNetInternals.CreateCalibratedLinearBinary(Host, linear);
        // Threshold 0 on the score is probability 0.5, as for LbfgsLogisticRegression.
        return PredictionTransformers<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>.CreateBinary(
            Host, calibrated, trainSchema, Columns.Feature, 0f, "Score");
    }

    private protected override IEnumerable<SchemaShape.Column> OutputColumns(SchemaShape inputSchema)
    {
        yield return ScalarColumn("Score", NumberDataViewType.Single, TrainerOutputAnnotations());
        yield return ScalarColumn("Probability", NumberDataViewType.Single, TrainerOutputAnnotations(isNormalized: true));
        yield return ScalarColumn("PredictedLabel", BooleanDataViewType.Instance, TrainerOutputAnnotations());
    }
}
