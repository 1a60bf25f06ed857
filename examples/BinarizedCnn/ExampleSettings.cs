using System.Globalization;
using MlNetSparse.Core.Networks;
using MlNetSparse.Networks;

namespace MlNetSparse.Examples.BinarizedCnn;

/// <summary>The command line, and the trainer options per dataset.</summary>
public sealed record ExampleSettings(bool Fashion, int Epochs, int TrainRows, string? DataFolder, string OutputFolder,
    BinarizedCnnSparsification[] Variants)
{
    public static ExampleSettings Parse(string[] args)
    {
        bool fashion = args.Length > 0 && args[0] == "fashion";
        int epochs = fashion ? 10 : 30, trainRows = 60_000;
        string? data = null;
        string output = Path.Combine("artifacts", "binarized-cnn");
        BinarizedCnnSparsification[] variants = Enum.GetValues<BinarizedCnnSparsification>();
        for (int i = fashion || (args.Length > 0 && args[0] == "digits") ? 1 : 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--epochs": epochs = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--train-rows": trainRows = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--data": data = Value(); break;
                case "--out": output = Value(); break;
                case "--variants":
                    variants = Value().Split(',').Select(v => Enum.Parse<BinarizedCnnSparsification>(v, ignoreCase: true)).ToArray();
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Use: [digits|fashion] [--epochs N] [--train-rows N] [--data DIR] [--out DIR] [--variants None,L0,L1,TransformedL1]");
            }
        }
        return new ExampleSettings(fashion, epochs, trainRows, data, output, variants);
    }

    /// <summary>
    /// LeNet-5 (binarized, batch norm before σ, the trainer's default) for Fashion-MNIST; for the
    /// 8×8 digits a smaller net, since LeNet's 5×5 kernels leave almost nothing of an 8×8 image.
    /// </summary>
    public static BinarizedCnnTrainer.Options TrainerOptions(ExampleSettings settings, ImageDataset dataset,
        BinarizedCnnSparsification sparsification) => new()
    {
        FeatureColumnName = nameof(ImageRow.Pixels),
        Architecture = settings.Fashion ? null : DigitsArchitecture(),
        NumberOfEpochs = settings.Epochs,
        BatchSize = settings.Fashion ? 128 : 64,
        LearningRateDropEpochs = [Math.Max(1, settings.Epochs * 3 / 5)],
        Sparsification = sparsification,
        Seed = 1,
    };

    private static LayerSpec[] DigitsArchitecture() =>
    [
        LayerSpec.Convolution(16, 3, padding: 1), LayerSpec.BatchNorm(), LayerSpec.Binarized(CoarseGradient.ClippedRelu), LayerSpec.MaxPool(2),
        LayerSpec.Convolution(32, 3, padding: 1), LayerSpec.BatchNorm(), LayerSpec.Binarized(CoarseGradient.ClippedRelu), LayerSpec.MaxPool(2),
        LayerSpec.Flatten(), LayerSpec.Dense(64), LayerSpec.BatchNorm(), LayerSpec.Binarized(CoarseGradient.ClippedRelu), LayerSpec.Dense(10),
    ];
}
