using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetSparse.Trainers;

/// <summary>
/// Deprecated: what SparseIht's Fit returned before it returned ML.NET's own prediction transformer.
/// Nothing creates it any more; the attribute turns every use into a compile error that says what to write instead.
/// </summary>
/// <typeparam name="TModel">ML.NET's model parameters: MaximumEntropyModelParameters,
/// CalibratedModelParametersBase&lt;LinearBinaryModelParameters, PlattCalibrator&gt; or LinearRegressionModelParameters.</typeparam>
[Obsolete("SparseIht's Fit now returns ML.NET's own prediction transformer (BinaryPredictionTransformer<…>, MulticlassPredictionTransformer<…>, " +
    "RegressionPredictionTransformer<…>), so it works with OneVersusAll, PermutationFeatureImportance and ChangeModelThreshold. " +
    "Get the training report with model.GetSparseIhtReport() on the fitted transformer or the whole fitted pipeline (namespace MlNetSparse.Trainers).", error: true)]
public sealed class SparseIhtTransformer<TModel> : ISingleFeaturePredictionTransformer<TModel>, IDisposable
    where TModel : class
{
    internal SparseIhtTransformer(ISingleFeaturePredictionTransformer<TModel> predictionTransformer, SparseIhtTrainingReport report)
    {
        PredictionTransformer = predictionTransformer;
        Report = report;
    }

    /// <summary>The ML.NET prediction transformer this wraps (what a saved zip loads back as).</summary>
    public ISingleFeaturePredictionTransformer<TModel> PredictionTransformer { get; }

    /// <summary>What training learned: support, step, certificate, dense gap.</summary>
    public SparseIhtTrainingReport Report { get; }

    /// <inheritdoc/>
    public TModel Model => PredictionTransformer.Model;

    /// <inheritdoc/>
    public string FeatureColumnName => PredictionTransformer.FeatureColumnName;

    /// <inheritdoc/>
    public DataViewType FeatureColumnType => PredictionTransformer.FeatureColumnType;

    /// <inheritdoc/>
    public bool IsRowToRowMapper => PredictionTransformer.IsRowToRowMapper;

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => PredictionTransformer.GetOutputSchema(inputSchema);

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => PredictionTransformer.GetRowToRowMapper(inputSchema);

    /// <inheritdoc/>
    public IDataView Transform(IDataView input) => PredictionTransformer.Transform(input);

    /// <summary>Saves as the wrapped ML.NET transformer, so loading needs no MlNetSparse assembly.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => PredictionTransformer.Save(ctx);

    /// <inheritdoc/>
    public void Dispose() => (PredictionTransformer as IDisposable)?.Dispose();
}
