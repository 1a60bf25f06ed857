using MlNetSparse.Internals;
using MlNetSparse.Trainers;

namespace Microsoft.ML;

/// <summary>
/// The sparse IHT trainers on ML.NET's standard catalogs:
/// <c>mlContext.MulticlassClassification.Trainers.SparseIht(...)</c>,
/// <c>mlContext.BinaryClassification.Trainers.SparseIht(...)</c> and
/// <c>mlContext.Regression.Trainers.SparseIht(...)</c>.
/// </summary>
public static class SparseIhtCatalog
{
    /// <summary>
    /// A multiclass one-layer network (softmax) with at most <paramref name="sparsity"/> nonzero
    /// parameters, biases included. The label column must be a key (MapValueToKey).
    /// </summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="sparsity">s, the number of nonzero parameters to keep.</param>
    /// <param name="labelColumnName">The key-typed label column.</param>
    /// <param name="featureColumnName">The known-size float vector of features.</param>
    /// <param name="exampleWeightColumnName">An optional column of example weights.</param>
    /// <param name="maximumNumberOfIterations">The iteration cap.</param>
    public static SparseIhtMulticlassTrainer SparseIht(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        int sparsity, string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
        int maximumNumberOfIterations = SparseIhtOptionsBase.Defaults.MaximumNumberOfIterations)
        => catalog.SparseIht(Fill(new SparseIhtMulticlassTrainer.Options(), sparsity, labelColumnName, featureColumnName,
            exampleWeightColumnName, maximumNumberOfIterations));

    /// <summary>A multiclass one-layer network trained by sparse IHT, with every option.</summary>
    public static SparseIhtMulticlassTrainer SparseIht(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        SparseIhtMulticlassTrainer.Options options)
        => new(Environment(catalog), options);

    /// <summary>
    /// A logistic regression with at most <paramref name="sparsity"/> nonzero parameters, bias
    /// included, with a calibrated Probability. The label column must be Boolean.
    /// </summary>
    /// <param name="catalog">The binary trainers catalog.</param>
    /// <param name="sparsity">s, the number of nonzero parameters to keep.</param>
    /// <param name="labelColumnName">The Boolean label column.</param>
    /// <param name="featureColumnName">The known-size float vector of features.</param>
    /// <param name="exampleWeightColumnName">An optional column of example weights.</param>
    /// <param name="maximumNumberOfIterations">The iteration cap.</param>
    public static SparseIhtBinaryTrainer SparseIht(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        int sparsity, string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
        int maximumNumberOfIterations = SparseIhtOptionsBase.Defaults.MaximumNumberOfIterations)
        => catalog.SparseIht(Fill(new SparseIhtBinaryTrainer.Options(), sparsity, labelColumnName, featureColumnName,
            exampleWeightColumnName, maximumNumberOfIterations));

    /// <summary>A logistic regression trained by sparse IHT, with every option.</summary>
    public static SparseIhtBinaryTrainer SparseIht(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        SparseIhtBinaryTrainer.Options options)
        => new(Environment(catalog), options);

    /// <summary>
    /// A least-squares linear regression with at most <paramref name="sparsity"/> nonzero
    /// parameters, bias included. The label column must be Single.
    /// </summary>
    /// <param name="catalog">The regression trainers catalog.</param>
    /// <param name="sparsity">s, the number of nonzero parameters to keep.</param>
    /// <param name="labelColumnName">The Single label column.</param>
    /// <param name="featureColumnName">The known-size float vector of features.</param>
    /// <param name="exampleWeightColumnName">An optional column of example weights.</param>
    /// <param name="maximumNumberOfIterations">The iteration cap.</param>
    public static SparseIhtRegressionTrainer SparseIht(this RegressionCatalog.RegressionTrainers catalog,
        int sparsity, string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
        int maximumNumberOfIterations = SparseIhtOptionsBase.Defaults.MaximumNumberOfIterations)
        => catalog.SparseIht(Fill(new SparseIhtRegressionTrainer.Options(), sparsity, labelColumnName, featureColumnName,
            exampleWeightColumnName, maximumNumberOfIterations));

    /// <summary>A least-squares linear regression trained by sparse IHT, with every option.</summary>
    public static SparseIhtRegressionTrainer SparseIht(this RegressionCatalog.RegressionTrainers catalog,
        SparseIhtRegressionTrainer.Options options)
        => new(Environment(catalog), options);

    private static TOptions Fill<TOptions>(TOptions options, int sparsity, string labelColumnName, string featureColumnName,
        string? exampleWeightColumnName, int maximumNumberOfIterations)
        where TOptions : SparseIhtOptionsBase
    {
        options.Sparsity = sparsity;
        options.LabelColumnName = labelColumnName;
        options.FeatureColumnName = featureColumnName;
        options.ExampleWeightColumnName = exampleWeightColumnName;
        options.MaximumNumberOfIterations = maximumNumberOfIterations;
        return options;
    }

    private static Runtime.IHostEnvironment Environment(TrainCatalogBase.CatalogInstantiatorBase catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return MlNetInternals.GetEnvironment(catalog);
    }
}
