using MlNetSparse.Core.Solvers.Rvscgd;
using MlNetSparse.Core.Training;

namespace MlNetSparse.Core.Networks.Training;

/// <summary>How <see cref="NetworkTrainer"/> trains: epochs, mini-batches, the optimiser and its
/// learning-rate schedule, and optional RVSCGD sparsification.</summary>
public sealed class NetworkTrainingOptions
{
    /// <summary>The defaults; the binarized CNN trainer's <c>Options.Defaults</c> read them from here.</summary>
    public static class Defaults
    {
        /// <summary>10 epochs.</summary>
        public const int Epochs = 10;

        /// <summary>128 samples.</summary>
        public const int BatchSize = 128;

        /// <summary>η = 0.01.</summary>
        public const double LearningRate = 0.01;

        /// <summary>μ = 0.9, the paper's.</summary>
        public const double Momentum = 0.9;

        /// <summary>5e-4, the paper's.</summary>
        public const double WeightDecay = 5e-4;

        /// <summary>SGD with momentum.</summary>
        public const NetworkOptimizer Optimizer = NetworkOptimizer.Sgd;

        /// <summary>Each drop multiplies η by 0.1.</summary>
        public const double LearningRateDropFactor = 0.1;

        /// <summary>The step schedule: η constant unless drop epochs are listed.</summary>
        public const LearningRateScheduleKind LearningRateSchedule = LearningRateScheduleKind.Step;

        /// <summary>100 mini-batches re-estimate the batch-normalisation statistics.</summary>
        public const int NormalizationRecalibrationBatches = 100;
    }

    /// <summary>
    /// Every ranged option with its default (<see cref="LearningRateDropEpochs"/>, a list of epochs ≥ 1,
    /// and <see cref="MaxDegreeOfParallelism"/>, −1 or ≥ 1, are checked beside it).
    /// </summary>
    public static OptionTable Table { get; } = new("Network training",
    [
        new(nameof(Epochs), Defaults.Epochs, OptionRange.Integer(1, 1_000_000), "passes over the training rows"),
        new(nameof(BatchSize), Defaults.BatchSize, OptionRange.Integer(1, 1 << 20), "samples per mini-batch"),
        new(nameof(LearningRate), Defaults.LearningRate, OptionRange.AtLeast(0, open: true), "the initial learning rate η"),
        new(nameof(Momentum), Defaults.Momentum, OptionRange.Between(0, 1, upperOpen: true), "SGD's momentum μ; ignored by Adam"),
        new(nameof(WeightDecay), Defaults.WeightDecay, OptionRange.AtLeast(0), "L2 weight decay added to every parameter's gradient"),
        new(nameof(Optimizer), Defaults.Optimizer, OptionRange.OneOf<NetworkOptimizer>(), "the update rule"),
        new(nameof(LearningRateDropFactor), Defaults.LearningRateDropFactor, OptionRange.Between(0, 1, lowerOpen: true),
            "the factor of each learning-rate drop"),
        new(nameof(LearningRateSchedule), Defaults.LearningRateSchedule, OptionRange.OneOf<LearningRateScheduleKind>(),
            "how η changes from epoch to epoch: Step (the drops; constant without them) or Cosine"),
        new(nameof(Seed), 0, OptionRange.Any, "seed of the row shuffling"),
        new(nameof(NormalizationRecalibrationBatches), Defaults.NormalizationRecalibrationBatches, OptionRange.Integer(0),
            "mini-batches that re-estimate the batch-normalisation statistics after sparsification; 0 skips it"),
    ]);

    /// <summary>Passes over the training rows (≥ 1).</summary>
    public int Epochs { get; set; } = Defaults.Epochs;

    /// <summary>Samples per mini-batch (≥ 1); rows are reshuffled every epoch from <see cref="Seed"/>.</summary>
    public int BatchSize { get; set; } = Defaults.BatchSize;

    /// <summary>The initial learning rate η (finite, &gt; 0).</summary>
    public double LearningRate { get; set; } = Defaults.LearningRate;

    /// <summary>Momentum μ of SGD, in [0, 1); ignored by Adam.</summary>
    public double Momentum { get; set; } = Defaults.Momentum;

    /// <summary>L2 weight decay λ_wd (≥ 0) added to every parameter's gradient.</summary>
    public double WeightDecay { get; set; } = Defaults.WeightDecay;

    /// <summary>The update rule.</summary>
    public NetworkOptimizer Optimizer { get; set; } = Defaults.Optimizer;

    /// <summary>How the learning rate changes from epoch to epoch (<see cref="CreateSchedule"/>).</summary>
    public LearningRateScheduleKind LearningRateSchedule { get; set; } = Defaults.LearningRateSchedule;

    /// <summary>
    /// Epochs (1-based) after which the learning rate is multiplied by <see cref="LearningRateDropFactor"/>;
    /// the <see cref="LearningRateScheduleKind.Step"/> schedule's only.
    /// </summary>
    public int[] LearningRateDropEpochs { get; set; } = [];

    /// <summary>The factor of each learning-rate drop, in (0, 1]; used by the <see cref="LearningRateScheduleKind.Step"/> schedule.</summary>
    public double LearningRateDropFactor { get; set; } = Defaults.LearningRateDropFactor;

    /// <summary>Seed of the row shuffling.</summary>
    public int Seed { get; set; }

    /// <summary>Threads (−1: all cores). Results are the same bits for any value.</summary>
    public int MaxDegreeOfParallelism { get; set; } = -1;

    /// <summary>RVSCGD (docs/algorithms.md#rvscgd) on every weight tensor; null trains the dense network.</summary>
    public RvscgdSettings? Sparsification { get; set; }

    /// <summary>
    /// With <see cref="Sparsification"/>: the fraction of weights zero wanted; each u-update then takes the λ that
    /// zeroes it and <see cref="RvscgdSettings.Lambda"/> is not used. Null keeps the fixed λ.
    /// </summary>
    public RvscgdSparsityTarget? SparsityTarget { get; set; }

    /// <summary>
    /// Mini-batches of forward passes that re-estimate the batch-normalisation running statistics
    /// after the sparse weights u replace w (0 skips it). They were gathered with w; u shifts the
    /// pre-activations, so re-estimating them recovers accuracy at no training cost.
    /// </summary>
    public int NormalizationRecalibrationBatches { get; set; } = Defaults.NormalizationRecalibrationBatches;

    /// <summary>Throws on the first option out of its range, naming it.</summary>
    public void Validate()
    {
        Table.Check(nameof(Epochs), Epochs);
        Table.Check(nameof(BatchSize), BatchSize);
        Table.Check(nameof(LearningRate), LearningRate);
        Table.Check(nameof(Momentum), Momentum);
        Table.Check(nameof(WeightDecay), WeightDecay);
        Table.Check(nameof(Optimizer), Optimizer);
        ArgumentNullException.ThrowIfNull(LearningRateDropEpochs);
        foreach (int epoch in LearningRateDropEpochs)
            if (epoch < 1)
                throw new ArgumentOutOfRangeException(nameof(LearningRateDropEpochs),
                    $"LearningRateDropEpochs must hold epochs ≥ 1; got {epoch}.");
        Table.Check(nameof(LearningRateDropFactor), LearningRateDropFactor);
        Table.Check(nameof(LearningRateSchedule), LearningRateSchedule);
        // A cosine schedule with drops would silently ignore them.
        if (LearningRateSchedule != LearningRateScheduleKind.Step && LearningRateDropEpochs.Length > 0)
            throw new ArgumentException(
                $"LearningRateDropEpochs apply to the Step learning-rate schedule only; got {LearningRateDropEpochs.Length} with LearningRateSchedule {LearningRateSchedule}.",
                nameof(LearningRateDropEpochs));
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism),
                $"MaxDegreeOfParallelism must be -1 (all cores) or ≥ 1; got {MaxDegreeOfParallelism}.");
        Table.Check(nameof(NormalizationRecalibrationBatches), NormalizationRecalibrationBatches);
        Sparsification?.Validate();
        SparsityTarget?.Validate();
        if (SparsityTarget is not null && Sparsification is null)
            throw new ArgumentException("SparsityTarget needs Sparsification: RVSCGD's penalty whose λ it finds; got none.", nameof(SparsityTarget));
    }

    /// <summary>The schedule these options describe: <see cref="StepLearningRateSchedule"/> or <see cref="CosineLearningRateSchedule"/>.</summary>
    public ILearningRateSchedule CreateSchedule() => LearningRateSchedule switch
    {
        LearningRateScheduleKind.Cosine => new CosineLearningRateSchedule(LearningRate, Epochs),
        _ => new StepLearningRateSchedule(LearningRate, LearningRateDropEpochs, LearningRateDropFactor),
    };

    /// <summary>The learning rate of epoch <paramref name="epoch"/> (0-based) under <see cref="LearningRateSchedule"/>.</summary>
    public double LearningRateAt(int epoch) => CreateSchedule().At(epoch);
}
