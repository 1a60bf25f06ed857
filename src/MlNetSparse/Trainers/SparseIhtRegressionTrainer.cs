using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Data;
using MlNetSparse.Internals;
using SquaredLoss = MlNetSparse.Core.Objectives.SquaredLoss;

namespace MlNetSparse.Trainers;

/// <summary>
/// Trains a least-squares linear regression, f(θ) = (1/2m)‖Xw + b − y‖², with at most s nonzero
/// parameters, bias included, by iterative hard thresholding with γ = 1/L̂₂ₛ. Produces ML.NET's
/// <see cref="LinearRegressionModelParameters"/> with sparse weights. The label must be Single.
/// </summary>
public sealed class SparseIhtRegressionTrainer : SparseIhtTrainerBase<SparseIhtRegressionTrainer.Options, RegressionPredictionTransformer<LinearRegressionModelParameters>, LinearRegressionModelParameters>
{
    /// <summary>Options of <see cref="SparseIhtRegressionTrainer"/>.</summary>
    public sealed class Options : SparseIhtOptionsBase;

    internal SparseIhtRegressionTrainer(IHostEnvironment env, Options options)
        : base(env, options, nameof(SparseIhtRegressionTrainer))
    {
    }

    private protected override SparseIhtTask Task => SparseIhtTask.Regression;

    private protected override LabelReader LabelReader { get; } = new LabelReader.Real();

    private protected override IMarginLoss CreateLoss(DataViewSchema schema, IEnumerable<float> weightedLabels) => new SquaredLoss();

    private protected override IReadOnlyList<string>? OutputNames(DataViewSchema schema, int outputCount) => null;

    private protected override RegressionPredictionTransformer<LinearRegressionModelParameters> CreatePredictionTransformer(
        float[] parameters, LinearModelLayout layout, DataViewSchema trainSchema, IReadOnlyList<string>? outputNames)
    {
        VBuffer<float> weights = WeightVector(parameters.AsSpan(0, layout.FeatureCount));
        var model = MlNetInternals.CreateLinearRegression(Host, weights, parameters[layout.BiasIndex(0)]);
        return PredictionTransformers<LinearRegressionModelParameters>.CreateRegression(Host, model, trainSchema, Columns.Feature);
    }

    private protected override IEnumerable<SchemaShape.Column> OutputColumns(SchemaShape inputSchema)
    {
        yield return ScalarColumn("Score", NumberDataViewType.Single, TrainerOutputAnnotations());
    }
}
