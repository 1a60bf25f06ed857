using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetSparse.Trainers;

/// <summary>
/// The fitted sparse model: ML.NET's own prediction transformer plus the <see cref="Report"/> of
/// its training. It transforms, evaluates and saves exactly as the ML.NET transformer it wraps —
/// the saved zip holds that ML.NET type and loads with Microsoft.ML alone.
/// </summary>
/// <typeparam name="TModel">ML.NET's model parameters: MaximumEntropyModelParameters,
/// CalibratedModelParametersBase&lt;LinearBinaryModelParameters, PlattCalibrator&gt; or LinearRegressionModelParameters.</typeparam>
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
