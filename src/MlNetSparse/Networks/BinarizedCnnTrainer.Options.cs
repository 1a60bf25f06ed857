using MlNetSparse.Core;
using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Networks.Training;

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
        /// binarized LeNet-5 of <see cref="NetworkArchitecture.BinarizedLeNet5"/> with <see cref="Surrogate"/>.
        /// </summary>
        public LayerSpec[]? Architecture { get; set; }

        /// <summary>The coarse gradient of every σ in the default architecture.</summary>
        public CoarseGradient Surrogate { get; set; } = Defaults.Surrogate;

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
        public NetworkOptimizer Optimizer { get; set; } = NetworkOptimizer.Sgd;

        /// <summary>Epochs (1-based) after which the learning rate is multiplied by <see cref="LearningRateDropFactor"/>.</summary>
        public int[] LearningRateDropEpochs { get; set; } = [];

        /// <summary>The factor of each learning-rate drop, in (0, 1].</summary>
        public double LearningRateDropFactor { get; set; } = 0.1;

        /// <summary>RVSCGD's penalty, or <see cref="BinarizedCnnSparsification.None"/> for a dense network.</summary>
        public BinarizedCnnSparsification Sparsification { get; set; } = BinarizedCnnSparsification.None;

        /// <summary>λ, the weight of the penalty (finite, &gt; 0; used when sparsifying).</summary>
        public double Lambda { get; set; } = Defaults.Lambda;

        /// <summary>β, the weight of the coupling (β/2)‖w − u‖² (finite, &gt; 0; used when sparsifying).</summary>
        public double Beta { get; set; } = Defaults.Beta;

        /// <summary>a of the transformed ℓ1 penalty (finite, &gt; 0).</summary>
        public double TransformedL1Shape { get; set; } = Defaults.TransformedL1Shape;

        /// <summary>Seed of the initial weights and of the shuffling; null draws it from the MLContext's seed.</summary>
        public int? Seed { get; set; }

        /// <summary>Threads; null for all cores. The model is the same bits for any value.</summary>
        public int? NumberOfThreads { get; set; }

        /// <summary>Called after every mini-batch step and every epoch (for a progress bar); not saved with the model.</summary>
        public IProgress<BinarizedCnnProgress>? Progress { get; set; }

        /// <summary>The defaults.</summary>
        public static class Defaults
        {
            /// <summary>The clipped-ReLU derivative 1{0 &lt; z &lt; 1}: with batch normalisation it trained binarized LeNets best here (docs/benchmarks.md#binarized-cnns).</summary>
            public const CoarseGradient Surrogate = CoarseGradient.ClippedRelu;

            /// <summary>10 epochs.</summary>
            public const int NumberOfEpochs = 10;

            /// <summary>128 images.</summary>
            public const int BatchSize = 128;

            /// <summary>η = 0.01.</summary>
            public const double LearningRate = 0.01;

            /// <summary>μ = 0.9, the paper's.</summary>
            public const double Momentum = 0.9;

            /// <summary>5e-4, the paper's.</summary>
            public const double WeightDecay = 5e-4;

            /// <summary>λ = 1e-3.</summary>
            public const double Lambda = 1e-3;

            /// <summary>β = 1.</summary>
            public const double Beta = 1;

            /// <summary>a = 1.</summary>
            public const double TransformedL1Shape = 1;
        }

        internal void Validate()
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(FeatureColumnName, nameof(FeatureColumnName));
            ArgumentException.ThrowIfNullOrWhiteSpace(LabelColumnName, nameof(LabelColumnName));
            Guard.InRange(ImageChannels, 1, 1 << 16);
            Guard.InRange(ImageHeight, 0, 1 << 16);
            Guard.InRange(ImageWidth, 0, 1 << 16);
            if ((ImageHeight == 0) != (ImageWidth == 0))
                throw new ArgumentOutOfRangeException(nameof(ImageHeight),
                    $"ImageHeight and ImageWidth must both be set, or both 0 to read a square image from the vector length; got {ImageHeight}×{ImageWidth}.");
            Guard.Defined(Surrogate);
            Guard.Defined(Sparsification);
            if (NumberOfThreads is int threads)
                Guard.InRange(threads, 1, 1024, nameof(NumberOfThreads));
            ToCore(seed: 0).Validate();
        }

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
            Seed = seed,
            MaxDegreeOfParallelism = NumberOfThreads ?? -1,
            Sparsification = RvscgdSettingsFor(this),
        };
    }
}
