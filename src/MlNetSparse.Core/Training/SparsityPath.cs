using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;

namespace MlNetSparse.Core.Training;

/// <summary>
/// The sparsity path, the IHT counterpart of glmnet's λ path: train s₁ &lt; s₂ &lt; … in turn, each
/// with its own γ = 1/L̂₂ₛ and warm-started from the previous s's solution, measure each model's
/// loss on held-out rows, and choose s by that validation loss.
/// </summary>
/// <remarks>
/// A warm start is valid because θₛ₋ has at most s₋ &lt; s nonzeros, and it makes the training loss
/// non-increasing along the path (IHT never raises the loss of its start). The path stops early
/// once the validation loss has not improved for <see cref="SparsityPathOptions.EarlyStoppingPatience"/>
/// consecutive s: past the right s, added parameters fit noise.
/// </remarks>
public static class SparsityPath
{
    /// <summary>Trains the path and chooses s.</summary>
    /// <param name="trainObjective">f, the loss on the training rows.</param>
    /// <param name="validationObjective">f_val, the same loss on the held-out rows (same parameters).</param>
    /// <param name="initializer">The model's usual random initialisation (random start, L̂₂ₛ samples).</param>
    /// <param name="sparsities">The candidate s values: strictly increasing, each in [1, n].</param>
    /// <param name="options">Per-step training rules, the selection tolerance, early stopping, warm starts.</param>
    /// <param name="observer">Progress and cancellation; an <see cref="ISparsityPathObserver"/> also hears of each finished s. May be null.</param>
    /// <param name="cancellationToken">Cancels between steps.</param>
    public static SparsityPathResult Train(IDifferentiableObjective trainObjective, IDifferentiableObjective validationObjective,
        IParameterInitializer initializer, IReadOnlyList<int> sparsities, SparsityPathOptions options,
        IIhtObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trainObjective);
        ArgumentNullException.ThrowIfNull(validationObjective);
        ArgumentNullException.ThrowIfNull(initializer);
        ArgumentNullException.ThrowIfNull(options);
        int n = trainObjective.ParameterCount;
        if (validationObjective.ParameterCount != n)
            throw new ArgumentException(
                $"validationObjective must have the training objective's {n} parameters; got {validationObjective.ParameterCount}.", nameof(validationObjective));
        SparsityPathGrid.Check(sparsities, 1, n, nameof(sparsities));
        options.Validate(n);

        var steps = new List<SparsityPathStep>(sparsities.Count);
        var validationLosses = new List<double>(sparsities.Count);
        float[]? previous = null;
        bool stoppedEarly = false;
        foreach (int sparsity in sparsities)
        {
            observer?.OnCheckpoint();
            cancellationToken.ThrowIfCancellationRequested();
            var stepOptions = options.Training with { Sparsity = sparsity, CompareWithDenseOptimum = false };
            bool warm = options.WarmStart && previous is not null;
            IhtTrainingResult result = warm
                ? IhtTraining.TrainFrom(trainObjective, initializer, stepOptions, previous, observer, cancellationToken)
                : IhtTraining.Train(trainObjective, initializer, stepOptions, observer, cancellationToken);
            var step = new SparsityPathStep(sparsity, result, validationObjective.Value(result.Solution.Parameters), warm);
            steps.Add(step);
            validationLosses.Add(step.ValidationLoss);
            (observer as ISparsityPathObserver)?.OnPathStep(step);
            previous = result.Solution.Parameters;
            if (options.EarlyStopping && steps.Count < sparsities.Count
                && SparsityPathSelection.ShouldStop(validationLosses, options.EarlyStoppingPatience))
            {
                stoppedEarly = true;
                break;
            }
        }
        return new SparsityPathResult(sparsities, [.. steps], options.SelectionTolerance, stoppedEarly);
    }
}
