using MlNetSparse.Core.Solvers.Rvscgd;

namespace MlNetSparse.Core.Networks.Training;

/// <summary>How <see cref="NetworkTrainer"/> trains: epochs, mini-batches, the optimiser and its
/// learning-rate schedule, and optional RVSCGD sparsification.</summary>
public sealed class NetworkTrainingOptions
{
    /// <summary>Passes over the training rows (≥ 1).</summary>
    public int Epochs { get; set; } = 10;

    /// <summary>Samples per mini-batch (≥ 1); rows are reshuffled every epoch from <see cref="Seed"/>.</summary>
    public int BatchSize { get; set; } = 128;

    /// <summary>The initial learning rate η (finite, &gt; 0).</summary>
    public double LearningRate { get; set; } = 0.01;

    /// <summary>Momentum μ of SGD, in [0, 1); ignored by Adam.</summary>
    public double Momentum { get; set; } = 0.9;

    /// <summary>L2 weight decay λ_wd (≥ 0) added to every parameter's gradient.</summary>
    public double WeightDecay { get; set; } = 5e-4;

    /// <summary>The update rule.</summary>
    public NetworkOptimizer Optimizer { get; set; } = NetworkOptimizer.Sgd;

    /// <summary>Epochs (1-based) after which the learning rate is multiplied by <see cref="LearningRateDropFactor"/>.</summary>
    public int[] LearningRateDropEpochs { get; set; } = [];

    /// <summary>The factor of each learning-rate drop, in (0, 1].</summary>
    public double LearningRateDropFactor { get; set; } = 0.1;

    /// <summary>Seed of the row shuffling.</summary>
    public int Seed { get; set; }

    /// <summary>Threads (−1: all cores). Results are the same bits for any value.</summary>
    public int MaxDegreeOfParallelism { get; set; } = -1;

    /// <summary>RVSCGD (docs/algorithms.md#rvscgd) on every weight tensor; null trains the dense network.</summary>
    public RvscgdSettings? Sparsification { get; set; }

    /// <summary>
    /// Mini-batches of forward passes that re-estimate the batch-normalisation running statistics
    /// after the sparse weights u replace w (0 skips it). They were gathered with w; u shifts the
    /// pre-activations, so re-estimating them recovers accuracy at no training cost.
    /// </summary>
    public int NormalizationRecalibrationBatches { get; set; } = 100;

    /// <summary>Throws on the first option out of its range, naming it.</summary>
    public void Validate()
    {
        Guard.InRange(Epochs, 1, 1_000_000);
        Guard.InRange(BatchSize, 1, 1 << 20);
        Guard.Positive(LearningRate);
        Guard.NonNegative(Momentum);
        if (Momentum >= 1)
            throw new ArgumentOutOfRangeException(nameof(Momentum), $"Momentum must be in [0, 1); got {Momentum}.");
        Guard.NonNegative(WeightDecay);
        Guard.Defined(Optimizer);
        ArgumentNullException.ThrowIfNull(LearningRateDropEpochs);
        foreach (int epoch in LearningRateDropEpochs)
            if (epoch < 1)
                throw new ArgumentOutOfRangeException(nameof(LearningRateDropEpochs),
                    $"LearningRateDropEpochs must hold epochs ≥ 1; got {epoch}.");
        Guard.Positive(LearningRateDropFactor);
        if (LearningRateDropFactor > 1)
            throw new ArgumentOutOfRangeException(nameof(LearningRateDropFactor),
                $"LearningRateDropFactor must be in (0, 1]; got {LearningRateDropFactor}.");
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism),
                $"MaxDegreeOfParallelism must be -1 (all cores) or ≥ 1; got {MaxDegreeOfParallelism}.");
        Guard.InRange(NormalizationRecalibrationBatches, 0, int.MaxValue);
        Sparsification?.Validate();
    }

    /// <summary>The learning rate of epoch <paramref name="epoch"/> (0-based): η·factor^(drops passed).</summary>
    public double LearningRateAt(int epoch) =>
        LearningRate * Math.Pow(LearningRateDropFactor, LearningRateDropEpochs.Count(e => e <= epoch));
}
