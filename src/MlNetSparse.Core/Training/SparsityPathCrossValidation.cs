using MlNetSparse.Core.Solvers;

namespace MlNetSparse.Core.Training;

/// <summary>
/// k-fold cross-validation over the warm-started sparsity path, as cv.glmnet over its λ path
/// (docs/algorithms.md#choosing-s): each fold trains the whole path on the rows outside it and
/// scores every s on its held-out rows; the curve pools the k losses per s (mean and standard
/// error), and a <see cref="SparsitySelectionRule"/> reads s off the curve. Repeated k-fold
/// cross-validation passes the folds of every repeat, repeat after repeat; the curve then averages
/// the repeats' curves.
/// </summary>
/// <remarks>
/// Every s of every fold is trained: no early stop, since on small data the curve is noisy and a
/// stop after a few worse s skipped the better, larger ones. The folds run in parallel, each
/// on its own objectives; every run is a function of its fold's rows and the seeds alone (the
/// objectives give the same bits on any thread count), so the curve and the pick are the same
/// whatever <c>maxParallelFolds</c> is.
/// </remarks>
public static class SparsityPathCrossValidation
{
    /// <summary>Trains the path on every fold and pools the held-out losses.</summary>
    /// <param name="folds">The k ≥ 2 folds of each repeat, repeat after repeat (r·k in all), all with the same parameter count.</param>
    /// <param name="initializer">The model's random initialisation (the same seeds in every fold).</param>
    /// <param name="sparsities">The candidate s values: strictly increasing, each in [1, n].</param>
    /// <param name="options">Per-step training rules and warm starts; its early stopping is not used.</param>
    /// <param name="maxParallelFolds">How many folds train at once, ≥ 1.</param>
    /// <param name="observer">Hears every fold's steps, one call at a time (under a lock); may be null.</param>
    /// <param name="cancellationToken">Cancels between steps.</param>
    /// <param name="repeats">r ≥ 1, the repeats <paramref name="folds"/> holds; its count must be a multiple of r.</param>
    public static SparsityPathCrossValidationResult Train(IReadOnlyList<SparsityPathFold> folds, IParameterInitializer initializer,
        IReadOnlyList<int> sparsities, SparsityPathOptions options, int maxParallelFolds = 1, IIhtObserver? observer = null,
        CancellationToken cancellationToken = default, int repeats = 1)
    {
        ArgumentNullException.ThrowIfNull(folds);
        ArgumentNullException.ThrowIfNull(options);
        Guard.InRange(repeats, 1, int.MaxValue);
        if (folds.Count % repeats != 0)
            throw new ArgumentException($"folds must hold the same number of folds for each of the {repeats} repeats; got {folds.Count}.", nameof(folds));
        Guard.InRange(folds.Count / repeats, 2, int.MaxValue, nameof(folds));
        Guard.InRange(maxParallelFolds, 1, int.MaxValue);
        for (int k = 0; k < folds.Count; k++)
            if (!(folds[k].ValidationWeight > 0) || !double.IsFinite(folds[k].ValidationWeight))
                throw new ArgumentException($"folds[{k}].ValidationWeight must be positive and finite; got {folds[k].ValidationWeight}.", nameof(folds));
        var foldOptions = options with { EarlyStopping = false };
        var paths = new SparsityPathResult[folds.Count];
        IIhtObserver? shared = observer is null ? null : new SynchronizedObserver(observer);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxParallelFolds, CancellationToken = cancellationToken };
        Parallel.For(0, folds.Count, parallel, k =>
            paths[k] = SparsityPath.Train(folds[k].Training, folds[k].Validation, initializer, sparsities, foldOptions, shared, cancellationToken));
        double[] weights = [.. folds.Select(f => f.ValidationWeight)];
        return new SparsityPathCrossValidationResult(sparsities, paths, weights, repeats);
    }

    // One call at a time into the caller's observer, whichever fold's thread it comes from.
    private sealed class SynchronizedObserver(IIhtObserver inner) : IIhtObserver
    {
        private readonly Lock _lock = new();

        public void OnIteration(in IhtIteration iteration)
        {
            lock (_lock)
                inner.OnIteration(iteration);
        }

        public void OnCheckpoint()
        {
            lock (_lock)
                inner.OnCheckpoint();
        }
    }
}
