using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MlNetSparse.Internals;

namespace MlNetSparse.Tests.Integration;

/// <summary>
/// Calls every internal ML.NET member the plugin reaches. A new ML.NET version that renames or
/// re-signs one fails here by name (MissingMethodException / MissingFieldException) rather than
/// somewhere inside a user's Fit.
/// </summary>
public class InternalsContractTests
{
    [Fact]
    public void EveryInternalMemberThePluginReaches_StillExistsWithTheSameSignature()
    {
        var ml = new MLContext(seed: 1);
        IHostEnvironment env = MlNetInternals.GetEnvironment(ml.BinaryClassification.Trainers);
        Assert.NotNull(env);
        IDataView data = ml.Data.LoadFromEnumerable(new[] { new Row { Features = [1, 0], Label = true }, new Row { Features = [0, 1] } });

        var weights = new VBuffer<float>(2, 1, [2f], [0]);
        var maxEnt = MlNetInternals.CreateMaximumEntropy(env, [weights, weights], [0f, 1f], 2, 2, ["a", "b"], null);
        Assert.Equal(2, maxEnt.GetBiases().Count());
        var linear = MlNetInternals.CreateLinearBinary(env, weights, 0.5f, null);
        var calibrated = MlNetInternals.CreateCalibratedLinearBinary(env, linear);
        Assert.Same(linear, calibrated.SubModel);
        Assert.Equal(1 / (1 + Math.Exp(-1.5)), calibrated.Calibrator.PredictProbability(1.5f), tolerance: 1e-6);
        var regression = MlNetInternals.CreateLinearRegression(env, weights, 0.5f);
        Assert.Equal(0.5f, regression.Bias);

        Assert.NotNull(PredictionTransformers<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>
            .CreateBinary(env, calibrated, data.Schema, "Features", 0f, "Score"));
        Assert.NotNull(PredictionTransformers<LinearRegressionModelParameters>.CreateRegression(env, regression, data.Schema, "Features"));
        Assert.NotNull(PredictionTransformers<MaximumEntropyModelParameters>
            .CreateMulticlass(env, maxEnt, data.Schema, "Features", "Label", "Score", "PredictedLabel"));

        TrainerInfo info = MlNetInternals.CreateTrainerInfo(normalization: true, calibration: false, caching: false,
            supportValid: false, supportIncrementalTrain: false, supportTest: false);
        Assert.True(info.NeedNormalization);
        Assert.False(info.WantCaching);

        SchemaShape shape = SchemaShapes.Create(data.Schema);
        Assert.Equal(["Features", "Label"], shape.Select(c => c.Name));
        var column = MlNetInternals.CreateSchemaColumn("Score", SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false, null);
        Assert.Equal("Score", column.Name);
        Assert.Contains(MlNetInternals.GetTrainerOutputAnnotation(null, true), c => c.Name == "IsNormalized");
        Assert.Contains(MlNetInternals.AnnotationsForMulticlassScoreColumn(null, null), c => c.Name == "ScoreColumnKind");

        IHost host = env.Register("contract");
        MlNetInternals.CheckAlive(null, host);
        MlNetInternals.CancelExecution(ml);
        Assert.ThrowsAny<OperationCanceledException>(() => MlNetInternals.CheckAlive(null, host));
    }

    private sealed class Row
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }
}
