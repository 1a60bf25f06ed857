using System.Globalization;
using Microsoft.ML;
using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Networks.Training;
using MlNetSparse.Networks;
using static MlNetSparse.Examples.Shared.ArgumentText;

namespace MlNetSparse.Examples.BinarizedCnn;

/// <summary>
/// The command line, and the trainer options per dataset. Every training option has a flag, named as
/// `mlnet-sparse train cnn` names it; unset, each keeps this example's recipe (SGD with momentum, η = 0.01
/// divided by 10 after 3/5 of the epochs, the trainer's λ and β).
/// </summary>
/// <param name="DropEpochs">The step schedule's drops; null for this example's one drop after 3/5 of the epochs.</param>
/// <param name="Threads">Threads; null for every core.</param>
/// <param name="Width">Fashion: LeNet-5's hidden layers this many times as wide (<see cref="BinarizedCnnTrainer.Options.Width"/>).</param>
public sealed record ExampleSettings(bool Fashion, int Epochs, int TrainRows, string? DataFolder, string OutputFolder,
    BinarizedCnnSparsification[] Variants, int? BatchSize = null, NetworkOptimizer Optimizer = NetworkTrainingOptions.Defaults.Optimizer,
    double LearningRate = BinarizedCnnTrainer.Options.Defaults.LearningRate, double Momentum = BinarizedCnnTrainer.Options.Defaults.Momentum,
    double WeightDecay = BinarizedCnnTrainer.Options.Defaults.WeightDecay,
    LearningRateScheduleKind Schedule = NetworkTrainingOptions.Defaults.LearningRateSchedule, int[]? DropEpochs = null,
    double DropFactor = NetworkTrainingOptions.Defaults.LearningRateDropFactor, double? Lambda = null,
    double Beta = BinarizedCnnTrainer.Options.Defaults.Beta, int? Threads = null, double? TargetSparsity = null, bool TargetPerLayer = false,
    int TargetRampEpochs = BinarizedCnnTrainer.Options.Defaults.TargetSparsityRampEpochs,
    double TransformedL1Shape = BinarizedCnnTrainer.Options.Defaults.TransformedL1Shape, double Width = BinarizedCnnTrainer.Options.Defaults.Width)
{
    public const string Usage = """
        Binarized CNNs, dense and sparsified by RVSCGD (l0, l1, transformed l1), on the 8x8 digits or Fashion-MNIST.
        usage: BinarizedCnn [digits|fashion] [options]
          --epochs <n>            passes over the training rows (default: 30 digits, 10 fashion)
          --train-rows <n>        fashion: the first n training images (default: 60000)
          --data <folder>         fashion: the four IDX files (default: Debian's dataset-fashion-mnist)
          --out <folder>          the last model's zip and ONNX file (default: artifacts/binarized-cnn)
          --variants <list>       models to train, comma-separated: None,L0,L1,TransformedL1 (default: all four)
          --batch-size <n>        images per mini-batch (default: 64 digits, 128 fashion)
          --optimizer <sgd|adam>  the update rule (default: sgd)
          --learning-rate <x>     eta, of the first epoch (default: 0.01)
          --momentum <x>          sgd's momentum (default: 0.9)
          --weight-decay <x>      L2 weight decay (default: 0.0005)
          --schedule <step|cosine>  step: eta x --drop-factor after each --drop-epochs; cosine: eta (1 + cos(pi e/E))/2 (default: step)
          --drop-epochs <list>    step: epochs after which eta drops, comma-separated, or none (default: 3/5 of the epochs)
          --drop-factor <x>       step: the factor of each drop (default: 0.1)
          --lambda <x>            RVSCGD's lambda, the penalty's weight (default: each penalty's own, l0 0.0003, l1 0.002, tl1 0.001)
          --beta <x>              RVSCGD's beta, the coupling's weight (default: 1)
          --target-sparsity <x>   RVSCGD: the fraction of weights zero, in (0, 1); lambda is then found each step (default: off)
          --target-per-layer      with --target-sparsity: that fraction in every layer, not over all weights together
          --target-ramp-epochs <n>  with --target-sparsity: epochs over which the fraction grows to the target (default: 0)
          --tl1-shape <x>         a of the transformed l1 penalty (default: 1)
          --threads <n>           threads; the models are the same bits on any number (default: every core)
          --width <x>             fashion: LeNet-5's filters and units times x, 0.25 to 16 (default: 1)
        """;

    /// <summary>Parses <paramref name="args"/> and checks every trainer option; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public static ExampleSettings Parse(string[] args)
    {
        bool fashion = args.Length > 0 && args[0] == "fashion";
        var settings = new ExampleSettings(fashion, fashion ? 10 : 30, 60_000, null, Path.Combine("artifacts", "binarized-cnn"),
            Enum.GetValues<BinarizedCnnSparsification>());
        for (int i = fashion || (args.Length > 0 && args[0] == "digits") ? 1 : 0; i < args.Length; i++)
        {
            string flag = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{flag} needs a value.");
            settings = flag switch
            {
                "--epochs" => settings with { Epochs = Integer(flag, Value()) },
                "--train-rows" => settings with { TrainRows = Integer(flag, Value()) },
                "--data" => settings with { DataFolder = Value() },
                "--out" => settings with { OutputFolder = Value() },
                "--variants" => settings with { Variants = [.. Value().Split(',').Select(v => Choice<BinarizedCnnSparsification>(flag, v))] },
                "--batch-size" => settings with { BatchSize = Integer(flag, Value()) },
                "--optimizer" => settings with { Optimizer = Choice<NetworkOptimizer>(flag, Value()) },
                "--learning-rate" => settings with { LearningRate = Number(flag, Value()) },
                "--momentum" => settings with { Momentum = Number(flag, Value()) },
                "--weight-decay" => settings with { WeightDecay = Number(flag, Value()) },
                "--schedule" => settings with { Schedule = Choice<LearningRateScheduleKind>(flag, Value()) },
                "--drop-epochs" => settings with { DropEpochs = EpochList(flag, Value()) },
                "--drop-factor" => settings with { DropFactor = Number(flag, Value()) },
                "--lambda" => settings with { Lambda = Number(flag, Value()) },
                "--beta" => settings with { Beta = Number(flag, Value()) },
                "--threads" => settings with { Threads = Integer(flag, Value()) },
                "--target-sparsity" => settings with { TargetSparsity = Number(flag, Value()) },
                "--target-per-layer" => settings with { TargetPerLayer = true },
                "--target-ramp-epochs" => settings with { TargetRampEpochs = Integer(flag, Value()) },
                "--tl1-shape" => settings with { TransformedL1Shape = Number(flag, Value()) },
                "--width" => settings with { Width = Number(flag, Value()) },
                _ => throw new ArgumentException($"Unknown argument '{flag}'. Run with --help for the options."),
            };
        }
        if (!settings.Fashion && settings.Width != 1)
            throw new ArgumentException("--width applies to fashion (LeNet-5); the digits' network has its own widths.");
        // The trainer checks its options when it is created: each variant's now, before any data is read.
        var ml = new MLContext();
        foreach (BinarizedCnnSparsification variant in settings.Variants)
            _ = ml.MulticlassClassification.Trainers.BinarizedCnn(TrainerOptions(settings, variant));
        return settings;
    }

    /// <summary>"SGD (momentum 0.9), learning rate 0.01 × 0.1 after epoch 18, weight decay 0.0005, batches of 64; RVSCGD λ = 0.001, β = 1".</summary>
    public string DescribeTraining()
    {
        var c = CultureInfo.InvariantCulture;
        BinarizedCnnTrainer.Options o = TrainerOptions(this, BinarizedCnnSparsification.None);
        string optimizer = Optimizer == NetworkOptimizer.Sgd ? string.Create(c, $"SGD (momentum {Momentum:G4})") : "Adam";
        string schedule = Schedule == LearningRateScheduleKind.Cosine ? " on a cosine schedule"
            : o.LearningRateDropEpochs.Length > 0 ? string.Create(c, $" × {DropFactor:G4} after epoch{(o.LearningRateDropEpochs.Length > 1 ? "s" : "")} {string.Join(", ", o.LearningRateDropEpochs)}")
            : "";
        string threads = Threads is int t ? string.Create(c, $", {t} thread{(t > 1 ? "s" : "")}") : "";
        string width = Width != BinarizedCnnTrainer.Options.Defaults.Width ? string.Create(c, $"LeNet-5 at width {Width:G4}, ") : "";
        string lambda = TargetSparsity is double target
            ? string.Create(c, $"target sparsity {target:P1}{(TargetPerLayer ? " per layer" : "")}{(TargetRampEpochs > 0 ? $" reached after {TargetRampEpochs} epoch{(TargetRampEpochs > 1 ? "s" : "")}" : "")} (λ found each step)")
            : Lambda is double lambdaSet ? string.Create(c, $"λ = {lambdaSet:G4}")
            : string.Create(c, $"λ each penalty's default (ℓ0 {BinarizedCnnTrainer.Options.Defaults.L0Lambda:G3}, ℓ1 {BinarizedCnnTrainer.Options.Defaults.L1Lambda:G3}, Tℓ1 {BinarizedCnnTrainer.Options.Defaults.TransformedL1Lambda:G3})");
        return string.Create(c, $"{width}{optimizer}, learning rate {LearningRate:G4}{schedule}, weight decay {WeightDecay:G4}, batches of {o.BatchSize}{threads}; ") +
            string.Create(c, $"RVSCGD {lambda}, β = {Beta:G4}, Tℓ1 a = {TransformedL1Shape:G4}");
    }

    /// <summary>
    /// LeNet-5 (binarized, batch norm before σ, the trainer's default) for Fashion-MNIST; for the
    /// 8×8 digits a smaller net, since LeNet's 5×5 kernels leave almost nothing of an 8×8 image.
    /// </summary>
    public static BinarizedCnnTrainer.Options TrainerOptions(ExampleSettings settings, BinarizedCnnSparsification sparsification) => new()
    {
        FeatureColumnName = nameof(ImageRow.Pixels),
        Architecture = settings.Fashion ? null : DigitsArchitecture(),
        Width = settings.Width,
        NumberOfEpochs = settings.Epochs,
        BatchSize = settings.BatchSize ?? (settings.Fashion ? 128 : 64),
        Optimizer = settings.Optimizer,
        LearningRate = settings.LearningRate,
        Momentum = settings.Momentum,
        WeightDecay = settings.WeightDecay,
        LearningRateSchedule = settings.Schedule,
        // The recipe's one drop belongs to the step schedule; a cosine schedule anneals on its own.
        LearningRateDropEpochs = settings.DropEpochs
            ?? (settings.Schedule == LearningRateScheduleKind.Step ? [Math.Max(1, settings.Epochs * 3 / 5)] : []),
        LearningRateDropFactor = settings.DropFactor,
        Sparsification = sparsification,
        Lambda = settings.Lambda ?? BinarizedCnnTrainer.Options.Defaults.LambdaFor(sparsification),
        Beta = settings.Beta,
        TransformedL1Shape = settings.TransformedL1Shape,
        // The dense model has nothing to threshold.
        TargetSparsity = sparsification == BinarizedCnnSparsification.None ? null : settings.TargetSparsity,
        TargetSparsityPerLayer = settings.TargetPerLayer,
        TargetSparsityRampEpochs = settings.TargetRampEpochs,
        NumberOfThreads = settings.Threads,
        Seed = 1,
    };

    private static LayerSpec[] DigitsArchitecture() =>
    [
        LayerSpec.Convolution(16, 3, padding: 1), LayerSpec.BatchNorm(), LayerSpec.Binarized(CoarseGradient.ClippedRelu), LayerSpec.MaxPool(2),
        LayerSpec.Convolution(32, 3, padding: 1), LayerSpec.BatchNorm(), LayerSpec.Binarized(CoarseGradient.ClippedRelu), LayerSpec.MaxPool(2),
        LayerSpec.Flatten(), LayerSpec.Dense(64), LayerSpec.BatchNorm(), LayerSpec.Binarized(CoarseGradient.ClippedRelu), LayerSpec.Dense(10),
    ];

    // "6,8", or "none" for no drop at all.
    private static int[] EpochList(string name, string text) => text == "none" ? [] : [.. text.Split(',').Select(e => Integer(name, e))];

    private static T Choice<T>(string name, string text) where T : struct, Enum
        => Enum.TryParse(text, ignoreCase: true, out T value) && Enum.IsDefined(value)
            ? value : throw new ArgumentException($"{name} must be one of {string.Join(", ", Enum.GetNames<T>())}; got '{text}'.");
}
