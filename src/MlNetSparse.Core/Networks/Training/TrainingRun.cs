using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers.Rvscgd;
using MlNetSparse.Core.Sparsity.Penalties;

namespace MlNetSparse.Core.Networks.Training;

/// <summary>
/// The buffers and optimiser state of one <see cref="NetworkTrainer"/> run, and its step: gather
/// the batch, RVSCGD's u-update, parallel chunks, ordered reduction, the optimiser.
/// </summary>
internal sealed class TrainingRun
{
    private readonly Network _network;
    private readonly IMarginLoss _loss;
    private readonly NetworkTrainingOptions _options;
    private readonly NetworkPass[] _passes;
    private readonly float[][] _gradients;
    private readonly ParameterUpdater[] _updaters;
    private readonly RvscgdSplitting? _splitting;
    private readonly float[]?[] _sparse;
    private readonly double[] _lambdas;
    private readonly RvscgdSparsityTarget? _target;
    private readonly float[] _magnitudes;
    private readonly float[] _batchInputs;
    private readonly float[] _batchTargets;
    private readonly double[] _chunkLosses;
    private readonly int _threads;

    public TrainingRun(Network network, IMarginLoss loss, NetworkTrainingOptions options, int maxBatch)
    {
        _network = network;
        _loss = loss;
        _options = options;
        int chunks = (maxBatch + NetworkTrainer.ChunkSize - 1) / NetworkTrainer.ChunkSize;
        _threads = options.MaxDegreeOfParallelism <= 0 ? Environment.ProcessorCount : options.MaxDegreeOfParallelism;
        // RunChunks gives chunk c to worker c mod min(threads, chunks): chunks one worker runs in turn share
        // working memory (the layers' outputs and scratch), so one thread's memory is one chunk's, not four.
        // Never two chunks at once: a batch with fewer chunks has fewer workers, each running one chunk.
        int groups = Math.Min(_threads, chunks);
        _passes = new NetworkPass[chunks];
        for (int c = 0; c < chunks; c++)
            _passes[c] = new NetworkPass(network, NetworkTrainer.ChunkSize, c < groups ? null : _passes[c % groups]);
        _chunkLosses = new double[chunks];
        IReadOnlyList<ParameterTensor> parameters = network.Parameters;
        _gradients = parameters.Select(p => new float[p.Values.Length]).ToArray();
        _updaters = parameters.Select(p => new ParameterUpdater(p.Values.Length, options.Optimizer, options.Momentum, options.WeightDecay)).ToArray();
        _splitting = options.Sparsification is { } settings ? new RvscgdSplitting(settings) : null;
        _sparse = parameters.Select(p => _splitting != null && p.IsWeight ? (float[])p.Values.Clone() : null).ToArray();
        _lambdas = parameters.Select(_ => options.Sparsification?.Lambda ?? 0).ToArray();
        _target = _splitting != null ? options.SparsityTarget : null;
        // The |w| that a target's quantile reorders: all weight tensors together, or the largest one at a time.
        IEnumerable<int> weightSizes = parameters.Where(p => p.IsWeight).Select(p => p.Values.Length);
        _magnitudes = _target == null ? [] : new float[_target.PerTensor ? weightSizes.DefaultIfEmpty().Max() : weightSizes.Sum()];
        _batchInputs = new float[maxBatch * network.InputShape.Size];
        _batchTargets = new float[maxBatch];
    }

    /// <summary>
    /// One step on the rows <paramref name="rows"/>, <paramref name="epochsDone"/> epochs into the run (for a
    /// sparsity target's ramp); returns the batch's mean loss before the step.
    /// </summary>
    public double Step(float[] inputs, float[] targets, ReadOnlySpan<int> rows, double learningRate, double epochsDone)
    {
        int batch = rows.Length;
        Gather(inputs, targets, rows);
        UpdateSparse(epochsDone);
        RunChunks(batch, training: true, backward: true);
        double total = 0;
        for (int c = 0; c < ChunkCount(batch); c++)
            total += _chunkLosses[c];
        ReduceGradients(batch);
        for (int c = 0; c < ChunkCount(batch); c++)
            _passes[c].CommitStatistics();
        IReadOnlyList<ParameterTensor> parameters = _network.Parameters;
        for (int p = 0; p < parameters.Count; p++)
        {
            if (_sparse[p] is { } u)
                _splitting!.AddCouplingGradient(parameters[p].Values, u, _gradients[p]);
            _updaters[p].Step(parameters[p].Values, _gradients[p], learningRate);
        }
        return total / batch;
    }

    /// <summary>λ of the last u-update when every weight tensor shares it; null for a dense run or a per-tensor target.</summary>
    public double? SharedLambda => _splitting == null || _target is { PerTensor: true } ? null : _lambdas[Array.FindIndex(_sparse, u => u != null)];

    /// <summary>L_β(u, w) with f = <paramref name="meanLoss"/>; null for a dense run.</summary>
    public double? Lagrangian(double meanLoss)
    {
        if (_splitting == null)
            return null;
        double value = meanLoss;
        IReadOnlyList<ParameterTensor> parameters = _network.Parameters;
        for (int p = 0; p < parameters.Count; p++)
            if (_sparse[p] is { } u)
                value += _splitting.Penalty(u, _lambdas[p]) + _splitting.Coupling(parameters[p].Values, u);
        return value;
    }

    public IReadOnlyList<TensorSparsity> Sparsity()
    {
        var tensors = new List<TensorSparsity>();
        IReadOnlyList<ParameterTensor> parameters = _network.Parameters;
        for (int p = 0; p < parameters.Count; p++)
        {
            ParameterTensor w = parameters[p];
            if (!w.IsWeight)
                continue;
            float[] u = _sparse[p] ?? w.Values;
            double distance = 0;
            int nonzeros = 0;
            for (int i = 0; i < u.Length; i++)
            {
                double d = w.Values[i] - u[i];
                distance += d * d;
                if (u[i] != 0f)
                    nonzeros++;
            }
            tensors.Add(new TensorSparsity(w.Name, u.Length, nonzeros, Math.Sqrt(distance), _sparse[p] != null ? _lambdas[p] : null));
        }
        return tensors;
    }

    /// <summary>u ← prox(w) a last time and w ← u; false for a dense run.</summary>
    public bool ReplaceWeightsBySparse()
    {
        if (_splitting == null)
            return false;
        UpdateSparse(double.PositiveInfinity);
        IReadOnlyList<ParameterTensor> parameters = _network.Parameters;
        for (int p = 0; p < parameters.Count; p++)
            if (_sparse[p] is { } u)
                u.CopyTo(parameters[p].Values, 0);
        return true;
    }

    /// <summary>Forward passes in training mode (no update) so batch norm's running statistics follow u.</summary>
    public void RecalibrateNormalization(float[] inputs, int count, int[] order, int batches, CancellationToken cancellationToken)
    {
        int batchSize = Math.Min(_options.BatchSize, count);
        for (int b = 0; b < batches && (b + 1) * batchSize <= count; b++)
        {
            Gather(inputs, null, order.AsSpan(b * batchSize, batchSize));
            RunChunks(batchSize, training: true, backward: false);
            for (int c = 0; c < ChunkCount(batchSize); c++)
                _passes[c].CommitStatistics();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static int ChunkCount(int batch) => (batch + NetworkTrainer.ChunkSize - 1) / NetworkTrainer.ChunkSize;

    private void Gather(float[] inputs, float[]? targets, ReadOnlySpan<int> rows)
    {
        int inSize = _network.InputShape.Size;
        for (int i = 0; i < rows.Length; i++)
        {
            inputs.AsSpan(rows[i] * inSize, inSize).CopyTo(_batchInputs.AsSpan(i * inSize));
            if (targets != null)
                _batchTargets[i] = targets[rows[i]];
        }
    }

    private void UpdateSparse(double epochsDone)
    {
        if (_target != null)
            FindTargetLambdas(_target.FractionAt(epochsDone));
        IReadOnlyList<ParameterTensor> parameters = _network.Parameters;
        for (int p = 0; p < parameters.Count; p++)
            if (_sparse[p] is { } u)
                _splitting!.UpdateAuxiliary(parameters[p].Values, u, _lambdas[p]);
    }

    // λ = β·τ, τ the one whose prox zeroes round(fraction·n) of the weights: one λ over all weight tensors
    // together, or one per tensor (docs/algorithms.md#sparsity-on-request).
    private void FindTargetLambdas(double fraction)
    {
        // The splitting was built from RvscgdSettings, whose penalties (ℓ0, ℓ1, Tℓ1) all threshold.
        var penalty = (IThresholdingPenalty)_splitting!.Prox;
        IReadOnlyList<ParameterTensor> parameters = _network.Parameters;
        if (_target!.PerTensor)
        {
            for (int p = 0; p < parameters.Count; p++)
                if (_sparse[p] != null)
                    _lambdas[p] = LambdaFor(penalty, fraction, Magnitudes(p, 0));
            return;
        }
        int filled = 0;
        for (int p = 0; p < parameters.Count; p++)
            if (_sparse[p] != null)
                filled += Magnitudes(p, filled).Length;
        double lambda = LambdaFor(penalty, fraction, _magnitudes.AsSpan(0, filled));
        Array.Fill(_lambdas, lambda);
    }

    private Span<float> Magnitudes(int parameter, int offset)
    {
        float[] w = _network.Parameters[parameter].Values;
        Span<float> into = _magnitudes.AsSpan(offset, w.Length);
        ZeroFractionThreshold.Magnitudes(w, into);
        return into;
    }

    private double LambdaFor(IThresholdingPenalty penalty, double fraction, Span<float> magnitudes)
        => _splitting!.Beta * penalty.TauForThreshold(ZeroFractionThreshold.Cut(magnitudes, ZeroFractionThreshold.ZeroCount(magnitudes.Length, fraction)));

    private void RunChunks(int batch, bool training, bool backward)
    {
        int chunks = ChunkCount(batch), workers = Math.Min(_threads, chunks);
        int inSize = _network.InputShape.Size, outSize = _network.OutputSize;
        double scale = 1.0 / batch;
        // Chunk c always covers the same samples and is reduced in order: the worker count changes nothing.
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            for (int c = w; c < chunks; c += workers)
            {
                int start = c * NetworkTrainer.ChunkSize, size = Math.Min(NetworkTrainer.ChunkSize, batch - start);
                NetworkPass pass = _passes[c];
                ReadOnlySpan<float> x = _batchInputs.AsSpan(start * inSize, size * inSize);
                Span<float> output = pass.Forward(x, size, training);
                if (!backward)
                    continue;
                pass.ClearGradients();
                Span<float> outputGradient = pass.OutputGradient.AsSpan(0, size * outSize);
                _chunkLosses[c] = NetworkHead.LossAndOutputGradient(_loss, output, _batchTargets.AsSpan(start, size), scale, outputGradient);
                pass.Backward(x, outputGradient, size);
            }
        });
    }

    private void ReduceGradients(int batch)
    {
        int chunks = ChunkCount(batch);
        int p = 0;
        foreach (float[] total in _gradients)
        {
            Array.Clear(total);
            for (int c = 0; c < chunks; c++)
            {
                float[] part = _passes[c].ParameterGradients[p];
                for (int i = 0; i < total.Length; i++)
                    total[i] += part[i];
            }
            p++;
        }
    }
}
