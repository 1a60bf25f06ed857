using System.Diagnostics;
using MlNetSparse.Core.Networks.Layers;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Solvers.Rvscgd;

namespace MlNetSparse.Core.Networks.Training;

/// <summary>
/// Mini-batch training of a <see cref="Network"/> with coarse gradients through binarized
/// activations, optionally sparsified by RVSCGD (docs/algorithms.md#rvscgd): each step sets
/// u ← prox_{λ/β·P}(w) per weight tensor, then takes the optimiser step on g(w) + β(w − u).
/// With a <see cref="NetworkTrainingOptions.SparsityTarget"/>, λ is found before every u-update so that
/// the wanted fraction of the weights is zero. The network returned holds u.
/// </summary>
/// <remarks>
/// Each mini-batch is cut into chunks of <see cref="ChunkSize"/> samples that run in parallel and
/// are reduced in chunk order, so the same seed gives the same bits for any thread count. The head is
/// any <see cref="IMarginLoss"/> (the same losses the linear models use) on the last layer's outputs.
/// </remarks>
public sealed class NetworkTrainer
{
    /// <summary>Samples per parallel chunk (also the group over which batch normalisation takes its statistics).</summary>
    public const int ChunkSize = 32;

    private readonly Network _network;
    private readonly IMarginLoss _loss;
    private readonly NetworkTrainingOptions _options;

    /// <summary>A trainer for <paramref name="network"/>, whose parameters it updates in place.</summary>
    /// <param name="network">The network; its outputs are the loss's margins.</param>
    /// <param name="loss">ℓ on the network's outputs, with <see cref="IMarginLoss.OutputCount"/> equal to <see cref="Network.OutputSize"/>
    /// (e.g. <c>new SoftmaxCrossEntropyLoss(network.OutputSize)</c>).</param>
    /// <param name="options">Epochs, batches, the optimiser, RVSCGD.</param>
    /// <exception cref="ArgumentException">The loss's output count is not the network's output size.</exception>
    public NetworkTrainer(Network network, IMarginLoss loss, NetworkTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(options);
        NetworkHead.Check(network, loss);
        options.Validate();
        _network = network;
        _loss = loss;
        _options = options;
    }

    /// <summary>Trains on <paramref name="count"/> samples.</summary>
    /// <param name="inputs">count × InputShape.Size floats.</param>
    /// <param name="targets">count labels, one per sample, valid for the loss (class indices for cross-entropy).</param>
    /// <param name="count">Samples (≥ 1).</param>
    /// <param name="observer">Progress; may throw to cancel.</param>
    /// <param name="cancellationToken">Checked after every step.</param>
    /// <exception cref="ArgumentException">Sizes that do not match, or an invalid target (its row is named).</exception>
    /// <exception cref="NonFiniteLossException">The loss became NaN or infinite (the step is named).</exception>
    public NetworkTrainingResult Train(float[] inputs, float[] targets, int count,
        INetworkTrainingObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        int inSize = _network.InputShape.Size;
        Guard.InRange(count, 1, int.MaxValue / inSize);
        Guard.Length(inputs.Length, count * inSize, nameof(inputs));
        Guard.Length(targets.Length, count, nameof(targets));
        NetworkHead.CheckLabels(_loss, targets, nameof(targets));

        var run = new TrainingRun(_network, _loss, _options, Math.Min(_options.BatchSize, count));
        var records = new List<EpochRecord>();
        int steps = (count + _options.BatchSize - 1) / _options.BatchSize, globalStep = 0;
        var random = new Random(_options.Seed);
        ILearningRateSchedule schedule = _options.CreateSchedule();
        int[] order = Enumerable.Range(0, count).ToArray();
        for (int epoch = 0; epoch < _options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            double learningRate = schedule.At(epoch), lossSum = 0;
            random.Shuffle(order);
            for (int step = 0; step < steps; step++)
            {
                int start = step * _options.BatchSize, batch = Math.Min(_options.BatchSize, count - start);
                double batchLoss = run.Step(inputs, targets, order.AsSpan(start, batch), learningRate, epoch + (double)step / steps);
                globalStep++;
                if (!double.IsFinite(batchLoss))
                    throw NonFiniteLossException.ForNetwork(globalStep, epoch + 1,
                        $"the mean loss of mini-batch {step + 1} of {steps} is {batchLoss}");
                lossSum += batchLoss * batch;
                cancellationToken.ThrowIfCancellationRequested();
                observer?.OnStep(epoch + 1, step + 1, steps, run.SharedLambda);
            }
            double meanLoss = lossSum / count;
            var record = new EpochRecord(epoch + 1, meanLoss, run.Lagrangian(meanLoss), learningRate,
                clock.Elapsed.TotalSeconds, run.Sparsity());
            records.Add(record);
            observer?.OnEpoch(record);
        }
        bool sparsified = run.ReplaceWeightsBySparse();
        if (sparsified && _options.NormalizationRecalibrationBatches > 0 && _network.Layers.Any(l => l is BatchNormLayer))
            run.RecalibrateNormalization(inputs, count, order, _options.NormalizationRecalibrationBatches, cancellationToken);
        return new NetworkTrainingResult(records, run.Sparsity(), sparsified, TrainingFlopsPerSample(_network));
    }

    /// <summary>2 flops per multiply-add of forward, ∂W and ∂x (none for the first layer's input).</summary>
    public static long TrainingFlopsPerSample(Network network)
    {
        long flops = 0;
        bool first = true;
        foreach (Layer layer in network.Layers)
        {
            long macs = layer.MultiplyAddsPerSample;
            if (macs == 0)
                continue;
            flops += 2 * macs * (first ? 2 : 3);
            first = false;
        }
        return flops;
    }
}
