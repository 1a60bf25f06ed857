using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Networks.Training;
using MlNetSparse.Core.Solvers.Rvscgd;
using MlNetSparse.Core.Training;

namespace MlNetSparse.Networks;

public sealed partial class BinarizedCnnTrainer
{
    /// <summary>Options of <see cref="BinarizedCnnTrainer"/>; every default is in <see cref="Defaults"/>.</summary>
    public sealed class Options
    {
        /// <summary>The known-size float vector holding each image, channel by channel, row by row (CHW).</summary>
        public string FeatureColumnName { get; set; } = "Features";

        /// <summary>The key-typed label column (apply MapValueToKey first).</summary>
        public string LabelColumnName { get; set; } = "Label";

        /// <summary>Channels of the image (≥ 1).</summary>
        public int ImageChannels { get; set; } = 1;

        /// <summary>Height of the image; 0 with <see cref="ImageWidth"/> 0 reads a square image from the vector length.</summary>
        public int ImageHeight { get; set; }

        /// <summary>Width of the image; 0 with <see cref="ImageHeight"/> 0 reads a square image from the vector length.</summary>
        public int ImageWidth { get; set; }

        /// <summary>
        /// The layers, first to last; the last must be <c>LayerSpec.Dense(classes)</c>. Null gives the
        /// binarized LeNet-5 of <see cref="NetworkArchitecture.BinarizedLeNet5(TensorShape, int, CoarseGradient, bool)"/> with <see cref="Surrogate"/>.
        /// </summary>
        public LayerSpec[]? Architecture { get; set; }

        /// <summary>The coarse gradient of every σ in the default architecture.</summary>
        public CoarseGradient Surrogate { get; set; } = Defaults.Surrogate;

        /// <summary>
        /// The default architecture's hidden layers this many times as wide, from 0.25 to 16: 1 is LeNet-5 (6 and 16 filters,
        /// 120 and 84 units); parameters grow about as its square
        /// (<see cref="NetworkArchitecture.BinarizedLeNet5(TensorShape, int, double, CoarseGradient, bool)"/>). Leave it at 1 with an
        /// <see cref="Architecture"/> of your own.
        /// </summary>
        public double Width { get; set; } = Defaults.Width;

        /// <summary>Passes over the training rows.</summary>
        public int NumberOfEpochs { get; set; } = Defaults.NumberOfEpochs;

        /// <summary>Images per mini-batch.</summary>
        public int BatchSize { get; set; } = Defaults.BatchSize;

        /// <summary>The initial learning rate η.</summary>
        public double LearningRate { get; set; } = Defaults.LearningRate;

        /// <summary>SGD momentum μ in [0, 1).</summary>
        public double Momentum { get; set; } = Defaults.Momentum;

        /// <summary>L2 weight decay (≥ 0).</summary>
        public double WeightDecay { get; set; } = Defaults.WeightDecay;

        /// <summary>The update rule.</summary>
        public NetworkOptimizer Optimizer { get; set; } = NetworkTrainingOptions.Defaults.Optimizer;

        /// <summary>
        /// How the learning rate changes from epoch to epoch: <see cref="LearningRateScheduleKind.Step"/> (the drops
        /// below; constant without them) or <see cref="LearningRateScheduleKind.Cosine"/> (η·(1 + cos(π·e/E))/2).
        /// </summary>
        public LearningRateScheduleKind LearningRateSchedule { get; set; } = NetworkTrainingOptions.Defaults.LearningRateSchedule;

        /// <summary>Epochs (1-based) after which the learning rate is multiplied by <see cref="LearningRateDropFactor"/> (the Step schedule only).</summary>
        public int[] LearningRateDropEpochs { get; set; } = [];

        /// <summary>The factor of each learning-rate drop, in (0, 1] (the Step schedule).</summary>
        public double LearningRateDropFactor { get; set; } = NetworkTrainingOptions.Defaults.LearningRateDropFactor;

        /// <summary>RVSCGD's penalty, or <see cref="BinarizedCnnSparsification.None"/> for a dense network.</summary>
        public BinarizedCnnSparsification Sparsification { get; set; } = BinarizedCnnSparsification.None;

        /// <summary>
        /// λ, the weight of the penalty (finite, &gt; 0; used when sparsifying without <see cref="TargetSparsity"/>). The same λ means
        /// a different sparsity per penalty (its threshold is √(2λ/β) for ℓ0, λ/β for ℓ1, another for Tℓ1): see docs/guide.md.
        /// Until set, it is the penalty's own default, <see cref="Defaults.LambdaFor"/> of <see cref="Sparsification"/>.
        /// </summary>
        public double Lambda
        {
            get => _lambda ?? Defaults.LambdaFor(Sparsification);
            set => _lambda = value;
        }

        private double? _lambda;

        /// <summary>
        /// Sparsity on request: the fraction of the convolution and dense weights that the model keeps at zero, in (0, 1);
        /// null or 0 is off (then <see cref="Lambda"/> decides). With <see cref="Sparsification"/> L0, L1 or TransformedL1,
        /// every u-update takes the λ whose thresholding zeroes exactly that fraction (ties aside), and <see cref="Lambda"/> is
        /// not used. The λ found is in the report per layer (<see cref="TensorSparsity.Lambda"/>).
        /// </summary>
        public double? TargetSparsity { get; set; }

        /// <summary>
        /// With <see cref="TargetSparsity"/>: true gives every layer that fraction zero (one λ per layer); false (the default)
        /// one λ over all layers together, so the fraction is of all their weights and each layer keeps what matters most.
        /// </summary>
        public bool TargetSparsityPerLayer { get; set; }

        /// <summary>
        /// With <see cref="TargetSparsity"/>: epochs over which the zero fraction grows from 0 to the target along the cubic
        /// of gradual magnitude pruning, s·(1 − (1 − e/R)³); 0 thresholds at the target from the first step. At most NumberOfEpochs.
        /// </summary>
        public int TargetSparsityRampEpochs { get; set; } = Defaults.TargetSparsityRampEpochs;

        /// <summary>β, the weight of the coupling (β/2)‖w − u‖² (finite, &gt; 0; used when sparsifying).</summary>
        public double Beta { get; set; } = Defaults.Beta;

        /// <summary>
        /// a of the transformed ℓ1 penalty (finite, &gt; 0), on the weights' scale: far above the weights (the default 1 against the
        /// ~1e-3 weights of the batch-normalised LeNet) Tℓ1 acts like ℓ1; with <see cref="TargetSparsity"/> a = 0.01 lost far less
        /// accuracy there (docs/benchmarks.md#sparsity-on-request).
        /// </summary>
        public double TransformedL1Shape { get; set; } = Defaults.TransformedL1Shape;

        /// <summary>Seed of the initial weights and of the shuffling; null draws it from the MLContext's seed.</summary>
        public int? Seed { get; set; }

        /// <summary>Threads; null for all cores. The model is the same bits for any value.</summary>
        public int? NumberOfThreads { get; set; }

        /// <summary>Called after every mini-batch step and every epoch (for a progress bar); not saved with the model.</summary>
        public IProgress<BinarizedCnnProgress>? Progress { get; set; }

        /// <summary>
        /// Every ranged option with its default and allowed values, under these Options' names: the
        /// network training declarations (<see cref="NetworkTrainingOptions.Table"/>) renamed, plus the
        /// image shape, the sparsification and the threads. Validation reads it, and so can a tool's help.
        /// Lambda, Beta and TransformedL1Shape are checked only when <see cref="Sparsification"/> is not None.
        /// </summary>
        public static OptionTable Table { get; } = NetworkTrainingOptions.Table
            .Only("Binarized CNN", nameof(NetworkTrainingOptions.Epochs), nameof(NetworkTrainingOptions.BatchSize), nameof(NetworkTrainingOptions.LearningRate),
                nameof(NetworkTrainingOptions.Momentum), nameof(NetworkTrainingOptions.WeightDecay), nameof(NetworkTrainingOptions.Optimizer),
                nameof(NetworkTrainingOptions.LearningRateDropFactor), nameof(NetworkTrainingOptions.LearningRateSchedule))
            .Renamed("Binarized CNN", (nameof(NetworkTrainingOptions.Epochs), nameof(NumberOfEpochs)))
            .With("Binarized CNN", new("", OwnOptions));

        private static OptionSpec[] OwnOptions =>
        [
            new(nameof(ImageChannels), 1, OptionRange.Integer(1, 1 << 16), "channels of the image"),
            new(nameof(ImageHeight), 0, OptionRange.Integer(0, 1 << 16), "height of the image; 0 with ImageWidth 0 reads a square image"),
            new(nameof(ImageWidth), 0, OptionRange.Integer(0, 1 << 16), "width of the image; 0 with ImageHeight 0 reads a square image"),
            new(nameof(Surrogate), Defaults.Surrogate, OptionRange.OneOf<CoarseGradient>(), "the coarse gradient of every σ in the default architecture"),
            new(nameof(Width), Defaults.Width, OptionRange.Between(NetworkArchitecture.MinimumWidth, NetworkArchitecture.MaximumWidth),
                "the default architecture's width: LeNet-5's filters and units times this"),
            new(nameof(Sparsification), BinarizedCnnSparsification.None, OptionRange.OneOf<BinarizedCnnSparsification>(), "RVSCGD's penalty, or None"),
            new(nameof(Lambda), null, OptionRange.AtLeast(0, open: true), "λ, the weight of RVSCGD's penalty"),
            new(nameof(Beta), Defaults.Beta, OptionRange.AtLeast(0, open: true), "β, the weight of RVSCGD's coupling (β/2)‖w − u‖²"),
            new(nameof(TransformedL1Shape), Defaults.TransformedL1Shape, OptionRange.AtLeast(0, open: true), "a of the transformed ℓ1 penalty"),
            new(nameof(TargetSparsity), null, OptionRange.Between(0, 1, upperOpen: true), "the fraction of weights zero; 0 or null is off"),
            new(nameof(TargetSparsityRampEpochs), Defaults.TargetSparsityRampEpochs, OptionRange.Integer(0, 1_000_000),
                "epochs over which the zero fraction grows to TargetSparsity"),
            new(nameof(NumberOfThreads), null, OptionRange.Integer(1, 1024), "threads; null uses every core"),
        ];

        /// <summary>The defaults.</summary>
        public static class Defaults
        {
            /// <summary>The clipped-ReLU derivative 1{0 &lt; z &lt; 1}: with batch normalisation it trained binarized LeNets best here (docs/benchmarks.md#binarized-cnns).</summary>
            public const CoarseGradient Surrogate = CoarseGradient.ClippedRelu;

            /// <summary>10 epochs.</summary>
            public const int NumberOfEpochs = NetworkTrainingOptions.Defaults.Epochs;

            /// <summary>128 images.</summary>
            public const int BatchSize = NetworkTrainingOptions.Defaults.BatchSize;

            /// <summary>η = 0.01.</summary>
            public const double LearningRate = NetworkTrainingOptions.Defaults.LearningRate;

            /// <summary>μ = 0.9, the paper's.</summary>
            public const double Momentum = NetworkTrainingOptions.Defaults.Momentum;

            /// <summary>5e-4, the paper's.</summary>
            public const double WeightDecay = NetworkTrainingOptions.Defaults.WeightDecay;

            /// <summary>λ = 1e-3, every penalty's default before issue 16; now Tℓ1's.</summary>
            [Obsolete("λ's default depends on the penalty: use Defaults.LambdaFor(sparsification).")]
            public const double Lambda = TransformedL1Lambda;

            /// <summary>ℓ0's λ: 3e-4 (docs/benchmarks.md#per-penalty-defaults).</summary>
            public const double L0Lambda = 3e-4;

            /// <summary>ℓ1's λ: 2e-3 (docs/benchmarks.md#per-penalty-defaults).</summary>
            public const double L1Lambda = 2e-3;

            /// <summary>Tℓ1's λ: 1e-3 (docs/benchmarks.md#per-penalty-defaults).</summary>
            public const double TransformedL1Lambda = 1e-3;

            /// <summary>
            /// The default λ of <paramref name="sparsification"/>. One λ means very different sparsity per penalty (at 1e-3 ℓ0
            /// zeroed 96 % of LeNet-5's weights and cost 8 points on Fashion-MNIST, ℓ1 zeroed 46 %), so each has its own,
            /// chosen on Fashion-MNIST for a sparse model within about a point of the dense one. None has no penalty: Tℓ1's.
            /// </summary>
            public static double LambdaFor(BinarizedCnnSparsification sparsification) => sparsification switch
            {
                BinarizedCnnSparsification.L0 => L0Lambda,
                BinarizedCnnSparsification.L1 => L1Lambda,
                _ => TransformedL1Lambda,
            };

            /// <summary>β = 1.</summary>
            public const double Beta = 1;

            /// <summary>a = 1.</summary>
            public const double TransformedL1Shape = 1;

            /// <summary>0 epochs: the target from the first step (docs/benchmarks.md#sparsity-on-request measured the ramp).</summary>
            public const int TargetSparsityRampEpochs = 0;

            /// <summary>1: LeNet-5's own widths.</summary>
            public const double Width = 1;
        }

        internal void Validate()
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(FeatureColumnName, nameof(FeatureColumnName));
            ArgumentException.ThrowIfNullOrWhiteSpace(LabelColumnName, nameof(LabelColumnName));
            Table.Check(nameof(ImageChannels), ImageChannels);
            Table.Check(nameof(ImageHeight), ImageHeight);
            Table.Check(nameof(ImageWidth), ImageWidth);
            if ((ImageHeight == 0) != (ImageWidth == 0))
                throw new ArgumentOutOfRangeException(nameof(ImageHeight),
                    $"ImageHeight and ImageWidth must both be set, or both 0 to read a square image from the vector length; got {ImageHeight}×{ImageWidth}.");
            Table.Check(nameof(Surrogate), Surrogate);
            Table.Check(nameof(Width), Width);
            if (Architecture is not null && Width != Defaults.Width)
                throw new ArgumentOutOfRangeException(nameof(Width), Width,
                    "Width widens the default architecture (LeNet-5); with an Architecture of your own, set the widths in its layers and leave Width at 1.");
            Table.Check(nameof(Sparsification), Sparsification);
            if (NumberOfThreads is int threads)
                Table.Check(nameof(NumberOfThreads), threads);
            Table.Check(nameof(NumberOfEpochs), NumberOfEpochs);
            Table.Check(nameof(BatchSize), BatchSize);
            Table.Check(nameof(LearningRate), LearningRate);
            Table.Check(nameof(Momentum), Momentum);
            Table.Check(nameof(WeightDecay), WeightDecay);
            Table.Check(nameof(Optimizer), Optimizer);
            Table.Check(nameof(LearningRateDropFactor), LearningRateDropFactor);
            Table.Check(nameof(LearningRateSchedule), LearningRateSchedule);
            if (Sparsification != BinarizedCnnSparsification.None)
            {
                Table.Check(nameof(Lambda), Lambda);
                Table.Check(nameof(Beta), Beta);
                Table.Check(nameof(TransformedL1Shape), TransformedL1Shape);
            }
            ValidateTarget();
            ToCore(seed: 0).Validate();
        }

        private void ValidateTarget()
        {
            if (TargetSparsity is double target)
                Table.Check(nameof(TargetSparsity), target);
            Table.Check(nameof(TargetSparsityRampEpochs), TargetSparsityRampEpochs);
            if (TargetSparsityRampEpochs > NumberOfEpochs)
                throw new ArgumentOutOfRangeException(nameof(TargetSparsityRampEpochs),
                    $"TargetSparsityRampEpochs must be in [0, NumberOfEpochs = {NumberOfEpochs}]; got {TargetSparsityRampEpochs}.");
            if (TargetSparsity > 0 && Sparsification == BinarizedCnnSparsification.None)
                throw new ArgumentException(
                    $"TargetSparsity ({TargetSparsity}) needs Sparsification L0, L1 or TransformedL1, the penalty whose λ it finds; got None.",
                    nameof(TargetSparsity));
        }

        /// <summary>The core's sparsity target, or null when <see cref="TargetSparsity"/> is off.</summary>
        internal RvscgdSparsityTarget? SparsityTarget => TargetSparsity is > 0 && Sparsification != BinarizedCnnSparsification.None
            ? new RvscgdSparsityTarget(TargetSparsity.Value, TargetSparsityPerLayer, TargetSparsityRampEpochs)
            : null;

        internal NetworkTrainingOptions ToCore(int seed) => new()
        {
            Epochs = NumberOfEpochs,
            BatchSize = BatchSize,
            LearningRate = LearningRate,
            Momentum = Momentum,
            WeightDecay = WeightDecay,
            Optimizer = Optimizer,
            LearningRateDropEpochs = LearningRateDropEpochs,
            LearningRateDropFactor = LearningRateDropFactor,
            LearningRateSchedule = LearningRateSchedule,
            Seed = seed,
            MaxDegreeOfParallelism = NumberOfThreads ?? -1,
            Sparsification = RvscgdSettingsFor(this),
            SparsityTarget = SparsityTarget,
        };
    }
}
