using MlNetSparse.Internals;
using MlNetSparse.Networks;

namespace Microsoft.ML;

/// <summary>
/// The binarized-activation CNN trainer on ML.NET's multiclass catalog:
/// <c>mlContext.MulticlassClassification.Trainers.BinarizedCnn(...)</c>.
/// </summary>
public static class BinarizedCnnCatalog
{
    /// <summary>
    /// A binarized LeNet-5 (σ(z) = 1{z &gt; 0} after every hidden layer) trained with coarse gradients,
    /// optionally sparsified by RVSCGD. The label must be a key (MapValueToKey); the feature column a
    /// known-size float vector holding each image in CHW order.
    /// </summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="labelColumnName">The key-typed label column.</param>
    /// <param name="featureColumnName">The image column.</param>
    /// <param name="imageHeight">Image height; 0 with <paramref name="imageWidth"/> 0 reads a square image from the vector length.</param>
    /// <param name="imageWidth">Image width.</param>
    /// <param name="imageChannels">Image channels.</param>
    /// <param name="sparsification">RVSCGD's penalty, or none for a dense network.</param>
    /// <param name="numberOfEpochs">Passes over the data.</param>
    public static BinarizedCnnTrainer BinarizedCnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", int imageHeight = 0, int imageWidth = 0,
        int imageChannels = 1, BinarizedCnnSparsification sparsification = BinarizedCnnSparsification.None,
        int numberOfEpochs = BinarizedCnnTrainer.Options.Defaults.NumberOfEpochs)
        => catalog.BinarizedCnn(new BinarizedCnnTrainer.Options
        {
            LabelColumnName = labelColumnName,
            FeatureColumnName = featureColumnName,
            ImageHeight = imageHeight,
            ImageWidth = imageWidth,
            ImageChannels = imageChannels,
            Sparsification = sparsification,
            NumberOfEpochs = numberOfEpochs,
        });

    /// <summary>A binarized CNN with every option.</summary>
    public static BinarizedCnnTrainer BinarizedCnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        BinarizedCnnTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new BinarizedCnnTrainer(MlNetInternals.GetEnvironment(catalog), options);
    }
}
