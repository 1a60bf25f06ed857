using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Sparsity;

namespace MlNetSparse.Core.Stochastic;

/// <summary>
/// Mini-batch stochastic IHT (docs/algorithms.md#stochastic-iht): θᵏ⁺¹ = H_s(θᵏ − γ∇f_Bₖ(θᵏ)) (or any
/// <see cref="ISparsityProjection"/> in place of H_s), with a new batch Bₖ of
/// bₖ = min(m, ⌈b₀·ρᵏ⌉) rows per step (<see cref="MiniBatchOptions"/>). The rows come from an
/// <see cref="IMiniBatchSource"/> into one reused buffer, so the memory is that of the largest batch,
/// never that of the data.
/// </summary>
/// <remarks>
/// <para>Each step is judged on its own batch: f_B and ∇f_B are evaluated at θ, then at the candidate
/// on the same rows, and the step follows <see cref="IhtSolver"/>'s rules (the same code): accepted
/// when f_B does not rise, γ halved for good only when it rises beyond rounding noise. A batch on which
/// θ cannot move beyond rounding leaves θ as it is (the step still counts).</para>
/// <para>Once bₖ reaches m (or passes <see cref="MiniBatchOptions.MaximumBatchRows"/>, the memory
/// bound), a batch is the whole data: the steps from then on run on <c>fullData</c> (the same function,
/// evaluated without copying rows), exactly as full-batch IHT does. So with b₀ ≥ m the run is
/// <see cref="IhtSolver"/>'s, bit for bit.</para>
/// <para>Stopping: the iteration cap, the epoch cap, cancellation, the loss tolerance (judged on the
/// loss of the next batch at θ, an unbiased estimate of f(θ)), and — only once the batches cover the
/// data — convergence and the rounding limit: a partial batch's gradient does not vanish at a
/// minimiser of f, so it cannot show convergence.</para>
/// <para>The ridge term of <see cref="IhtSolverOptions.L2Regularization"/> is added to every f_B and to
/// <c>fullData</c> (<see cref="RidgePenalty"/>): pass the plain loss.</para>
/// <para>Each step costs two batch evaluations (θ and the candidate) while the batches are partial,
/// one once they cover the data. Nothing is allocated per step once the buffers have reached the
/// largest batch.</para>
/// </remarks>
public static class StochasticIhtSolver
{
    /// <summary>Runs mini-batch IHT from <paramref name="start"/> (at most s nonzeros).</summary>
    /// <param name="source">The rows, batch by batch.</param>
    /// <param name="loss">ℓ, the per-example loss of the linear model.</param>
    /// <param name="fullData">f over all m rows of <paramref name="source"/> (same loss and weights), used once the batches cover the data.</param>
    /// <param name="start">θ⁰.</param>
    /// <param name="options">s, the initial γ, the iteration cap, tolerances, tie-breaking (as for <see cref="IhtSolver"/>).</param>
    /// <param name="batches">The batch schedule and the epoch cap.</param>
    /// <param name="observer">Progress and cancellation; may be null.</param>
    /// <param name="cancellationToken">Cancels between steps.</param>
    /// <exception cref="ArgumentException">The start or the shapes do not fit.</exception>
    /// <exception cref="NonFiniteLossException">f_B or ∇f_B is not finite at θ, or at every step size tried.</exception>
    public static StochasticIhtSolution Solve(IMiniBatchSource source, IMarginLoss loss, IDifferentiableObjective fullData,
        ReadOnlySpan<float> start, IhtSolverOptions options, MiniBatchOptions batches,
        IIhtObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckShapes(source, loss, fullData);
        options.Validate(fullData.ParameterCount);
        return Solve(source, loss, fullData, IhtSolver.HardThreshold(options, fullData.ParameterCount), start, options, batches,
            observer, cancellationToken);
    }

    /// <summary>
    /// Runs mini-batch IHT with the projection <paramref name="projection"/> in place of H_s, from
    /// <paramref name="start"/> in its set; the other arguments are as for the H_s overload, whose
    /// <see cref="IhtSolverOptions.Sparsity"/> is then only reported and whose tie-breaking settings are not used.
    /// </summary>
    /// <exception cref="ArgumentException">The start or the shapes do not fit.</exception>
    /// <exception cref="NonFiniteLossException">f_B or ∇f_B is not finite at θ, or at every step size tried.</exception>
    public static StochasticIhtSolution Solve(IMiniBatchSource source, IMarginLoss loss, IDifferentiableObjective fullData,
        ISparsityProjection projection, ReadOnlySpan<float> start, IhtSolverOptions options, MiniBatchOptions batches,
        IIhtObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(batches);
        CheckShapes(source, loss, fullData);
        int n = fullData.ParameterCount;
        options.Validate(n);
        batches.Validate();
        IhtSolver.CheckStart(start, n, projection);

        var stream = new BatchStream(source, loss, RidgePenalty.Apply(fullData, options.L2Regularization), batches, options.L2Regularization);
        var run = new IhtIterate(stream.First(), projection, options, start);
        // Sized up front (up to 64k steps) so that the step loop allocates nothing.
        var history = new List<double>(Math.Min(options.MaximumIterations, 65_536) + 1) { run.Loss };
        IhtStopReason reason;
        int iteration = 0, heldSteps = 0;
        while (true)
        {
            if (options.LossTolerance > 0 && run.Loss <= options.LossTolerance) { reason = IhtStopReason.LossToleranceReached; break; }
            if (iteration == options.MaximumIterations) { reason = IhtStopReason.MaximumIterations; break; }
            cancellationToken.ThrowIfCancellationRequested();
            bool moved = run.TryDescend(iteration + 1);
            if (!moved && stream.CoversAllRows) { reason = IhtStopReason.RoundingLimit; break; }
            iteration++;
            stream.CountStep();
            heldSteps += moved ? 0 : 1;
            history.Add(run.Loss);
            var report = moved
                ? new IhtIteration(iteration, options.Sparsity, run.Loss, run.LastStepSize, run.Change, run.SupportChanged, run.Backtracks)
                : new IhtIteration(iteration, options.Sparsity, run.Loss, 0, 0, false, run.Backtracks);
            observer?.OnIteration(report);
            if (stream.CoversAllRows && IhtSolver.HasConverged(run, options))
            {
                reason = IhtStopReason.Converged;
                break;
            }
            // Stop here rather than at the top: no batch is drawn that no step would use.
            if (!stream.CoversAllRows && iteration == options.MaximumIterations) { reason = IhtStopReason.MaximumIterations; break; }
            if (!stream.TryAdvance(out IDifferentiableObjective? next)) { reason = IhtStopReason.MaximumEpochs; break; }
            if (next is not null)
                run.Rebase(next, iteration);
        }
        return new StochasticIhtSolution(
            new IhtSolution(run.Parameters, run.Gradient, [.. history], iteration, options.RequiredStepSize, run.StepSize, run.Backtracks, reason, run.Passes),
            batches, stream.CurrentSize, stream.RowsProcessed, source.RowsPerEpoch, stream.FullDataFromIteration, heldSteps,
            stream.LargestBufferedRows, endedOnFullData: stream.CoversAllRows);
    }

    private static void CheckShapes(IMiniBatchSource source, IMarginLoss loss, IDifferentiableObjective fullData)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(fullData);
        var layout = new LinearModelLayout(loss.OutputCount, source.FeatureCount);
        if (fullData.ParameterCount != layout.ParameterCount)
            throw new ArgumentException($"fullData must have {layout.ParameterCount} parameters, k·(n + 1) for {loss.OutputCount} output(s) and the source's " +
                $"{source.FeatureCount} features; got {fullData.ParameterCount}.", nameof(fullData));
        if (source.RowsPerEpoch < 1)
            throw new ArgumentException($"source must have at least one row per epoch; got {source.RowsPerEpoch}.", nameof(source));
    }

    /// <summary>The batches of one run: the schedule, the buffer, and the switch to all rows.</summary>
    private sealed class BatchStream
    {
        private readonly IMiniBatchSource _source;
        private readonly IDifferentiableObjective _fullData;
        private readonly MiniBatchSchedule _schedule;
        private readonly MiniBatch _batch;
        private readonly IDifferentiableObjective _batchObjective;
        private readonly double _rowLimit;
        private int _step;

        public BatchStream(IMiniBatchSource source, IMarginLoss loss, IDifferentiableObjective fullData, MiniBatchOptions options,
            double l2Regularization)
        {
            _source = source;
            _fullData = fullData;
            _schedule = new MiniBatchSchedule(options, source.RowsPerEpoch);
            _batch = new MiniBatch(source.FeatureCount, source.PreferredStorage);
            _batchObjective = RidgePenalty.Apply(new MiniBatchObjective(_batch, loss), l2Regularization);
            _rowLimit = (double)options.MaximumEpochs * source.RowsPerEpoch;
        }

        public bool CoversAllRows => _schedule.CoversAllRows;
        public int CurrentSize => _schedule.Current;
        public long RowsProcessed { get; private set; }
        public int? FullDataFromIteration { get; private set; }
        public int LargestBufferedRows => _batch.LargestRowCount;

        /// <summary>The objective of the first step: b₀ rows, or all of them.</summary>
        public IDifferentiableObjective First()
        {
            _source.Restart();
            return Draw();
        }

        /// <summary>Counts the rows of the batch a step has just used.</summary>
        public void CountStep() => RowsProcessed += CoversAllRows ? _source.RowsPerEpoch : _batch.RowCount;

        /// <summary>
        /// Moves to the next step's batch: null when the batch is all rows again (θ's loss and
        /// gradient on it are already known); false when its rows would pass the epoch cap.
        /// </summary>
        public bool TryAdvance(out IDifferentiableObjective? next)
        {
            bool wasFull = CoversAllRows;
            int size = _schedule.Next();
            next = null;
            if (RowsProcessed + (CoversAllRows ? _source.RowsPerEpoch : (double)size) > _rowLimit)
                return false;
            _step++;
            if (!wasFull)
                next = Draw();
            return true;
        }

        private IDifferentiableObjective Draw()
        {
            if (CoversAllRows)
            {
                FullDataFromIteration ??= _step + 1;
                return _fullData;
            }
            // A batch of zero weight has no loss: draw the next one (its rows count as processed), up to an epoch's worth.
            long skipped = 0;
            _source.Fill(_schedule.Current, _batch);
            while (!(_batch.WeightSum > 0))
            {
                skipped += _batch.RowCount;
                RowsProcessed += _batch.RowCount;
                if (skipped >= _source.RowsPerEpoch)
                    throw new InvalidOperationException($"Every row drawn over a whole epoch ({skipped} rows) has example weight 0: there is no loss to minimise.");
                _source.Fill(_schedule.Current, _batch);
            }
            return _batchObjective;
        }
    }
}
