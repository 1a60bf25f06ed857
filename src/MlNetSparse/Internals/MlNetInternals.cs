using System.Runtime.CompilerServices;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;

namespace MlNetSparse.Internals;

/// <summary>
/// The internal ML.NET members this plugin needs, reached with <see cref="UnsafeAccessorAttribute"/>
/// (compile-time bound, no reflection).
/// </summary>
/// <remarks>
/// ML.NET keeps the constructors of its model parameters and prediction transformers internal
/// (dotnet/machinelearning#6839, #4911, #3243). Building its own types is what lets a fitted model
/// save with <c>mlContext.Model.Save</c> and load with Microsoft.ML alone. Every accessor here is
/// exercised by tests, so a changed signature in a new ML.NET version fails loudly (MissingMethodException).
/// </remarks>
internal static class MlNetInternals
{
    private const string Core = "Microsoft.ML.Core";
    private const string DataAssembly = "Microsoft.ML.Data";

    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    public static extern MaximumEntropyModelParameters CreateMaximumEntropy(IHostEnvironment env, VBuffer<float>[] weights,
        float[] bias, int numClasses, int numFeatures, string[]? labelNames, ModelStatisticsBase? stats);

    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    public static extern LinearBinaryModelParameters CreateLinearBinary(IHostEnvironment env, in VBuffer<float> weights, float bias, ModelStatisticsBase? stats);

    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    public static extern LinearRegressionModelParameters CreateLinearRegression(IHostEnvironment env, in VBuffer<float> weights, float bias);

    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    public static extern PlattCalibrator CreatePlattCalibrator(IHostEnvironment env, double slope, double offset);

    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    public static extern SchemaShape.Column CreateSchemaColumn(string name, SchemaShape.Column.VectorKind vecKind, DataViewType itemType,
        bool isKey, SchemaShape? annotations);

    /// <summary>What a trainer tells ML.NET's pipelines about itself (<see cref="ITrainerEstimator{TTransformer, TModel}.Info"/>).</summary>
    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    public static extern TrainerInfo CreateTrainerInfo(bool normalization, bool calibration, bool caching, bool supportValid,
        bool supportIncrementalTrain, bool supportTest);

    /// <summary>The catalog of transforms on an environment (for <c>ApplyOnnxModel</c> on the trainer's own host).</summary>
    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    public static extern TransformsCatalog CreateTransformsCatalog(IHostEnvironment env);

    /// <summary>The environment behind a trainer catalog (<c>mlContext.BinaryClassification.Trainers</c>).</summary>
    public static IHostEnvironment GetEnvironment(TrainCatalogBase.CatalogInstantiatorBase catalog)
        => GetCatalogEnvironment(GetOwner(catalog));

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_Owner")]
    private static extern TrainCatalogBase GetOwner(TrainCatalogBase.CatalogInstantiatorBase catalog);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_Environment")]
    private static extern IHostEnvironment GetCatalogEnvironment(TrainCatalogBase catalog);

    /// <summary>Throws <see cref="OperationCanceledException"/> once <c>MLContext.CancelExecution()</c> was called.</summary>
    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "CheckAlive")]
    public static extern void CheckAlive([UnsafeAccessorType("Microsoft.ML.Runtime.Contracts, " + Core)] object? contracts, IHostEnvironment env);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "GetTrainerOutputAnnotation")]
    public static extern IEnumerable<SchemaShape.Column> GetTrainerOutputAnnotation(
        [UnsafeAccessorType("Microsoft.ML.Data.AnnotationUtils, " + Core)] object? annotationUtils, bool isNormalized);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "AnnotationsForMulticlassScoreColumn")]
    public static extern IEnumerable<SchemaShape.Column> AnnotationsForMulticlassScoreColumn(
        [UnsafeAccessorType("Microsoft.ML.Data.AnnotationUtils, " + Core)] object? annotationUtils, SchemaShape.Column? labelColumn);

    /// <summary>Cancels every training run of an <see cref="MLContext"/> (public only in Microsoft.ML.Experimental).</summary>
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "CancelExecution")]
    public static extern void CancelExecution(MLContext context);

    /// <summary>A logistic model with its exact probability σ(score), as LbfgsLogisticRegression builds it.</summary>
    public static CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator> CreateCalibratedLinearBinary(
        IHostEnvironment env, LinearBinaryModelParameters model)
    {
        // ML.NET's Platt calibrator gives P = 1/(1 + exp(slope·score + offset)): slope −1, offset 0 is σ(score).
        PlattCalibrator sigmoid = CreatePlattCalibrator(env, slope: -1, offset: 0);
        return (CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>)
            CalibratedModel<LinearBinaryModelParameters, PlattCalibrator>.CreateParameterMixing(env, model, sigmoid);
    }

    // Accessors for generic types must sit in a generic class with the target's constraints.
    private static class CalibratedModel<TSubModel, TCalibrator>
        where TSubModel : class
        where TCalibrator : class, ICalibrator
    {
        [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
        [return: UnsafeAccessorType("Microsoft.ML.Calibrators.ParameterMixingCalibratedModelParameters`2[!0,!1], " + DataAssembly)]
        public static extern object CreateParameterMixing(IHostEnvironment env, TSubModel predictor, TCalibrator calibrator);
    }
}

/// <summary>ML.NET's prediction transformers, built around a model of type <typeparamref name="TModel"/>.</summary>
internal static class PredictionTransformers<TModel>
    where TModel : class
{
    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    public static extern MulticlassPredictionTransformer<TModel> CreateMulticlass(IHostEnvironment env, TModel model, DataViewSchema inputSchema,
        string featureColumn, string labelColumn, string scoreColumn, string predictedLabel);

    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    public static extern BinaryPredictionTransformer<TModel> CreateBinary(IHostEnvironment env, TModel model, DataViewSchema inputSchema,
        string featureColumn, float threshold, string thresholdColumn);

    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    public static extern RegressionPredictionTransformer<TModel> CreateRegression(IHostEnvironment env, TModel model, DataViewSchema inputSchema,
        string featureColumn);
}

/// <summary>Schema shapes of concrete schemas (ML.NET's internal <c>SchemaShape.Create</c>).</summary>
internal static class SchemaShapes
{
    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "Create")]
    private static extern SchemaShape Create(SchemaShape? declaringType, DataViewSchema schema);

    /// <summary>The shape of <paramref name="schema"/>'s visible columns.</summary>
    public static SchemaShape Create(DataViewSchema schema) => Create(null, schema);
}
