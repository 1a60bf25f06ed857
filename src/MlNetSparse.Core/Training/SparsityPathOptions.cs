namespace MlNetSparse.Core.Training;

/// <summary>How a sparsity path is trained and how its s is chosen (see <see cref="SparsityPath"/>).</summary>
public sealed record SparsityPathOptions
{
    /// <summary>The default of <see cref="EarlyStoppingPatience"/>.</summary>
    public const int DefaultEarlyStoppingPatience = 3;

    /// <summary>
    /// The rules of each step's training run: budget, stopping rules, seeds. Its
    /// <see cref="IhtTrainingOptions.Sparsity"/> is replaced by each s of the path;
    /// <see cref="IhtTrainingOptions.Start"/> applies to the first s only (and to every s without
    /// <see cref="WarmStart"/>); no step trains a dense reference, which would be the same for every s.
    /// </summary>
    public required IhtTrainingOptions Training { get; init; }

    /// <summary>
    /// The parsimony rule, in the spirit of the one-standard-error rule: choose the smallest s whose
    /// validation loss is at most best + tolerance·|best|, best the smallest validation loss on the
    /// path. 0 chooses the s of the smallest validation loss. Default 0.
    /// </summary>
    public double SelectionTolerance { get; init; }

    /// <summary>Stop the path once the validation loss has not improved on its best for <see cref="EarlyStoppingPatience"/> consecutive s. Default true.</summary>
    public bool EarlyStopping { get; init; } = true;

    /// <summary>How many consecutive s without a new best validation loss end the path early, in [1, 1000]. Default 3.</summary>
    public int EarlyStoppingPatience { get; init; } = DefaultEarlyStoppingPatience;

    /// <summary>
    /// Start each s from the previous s's solution (it has fewer than s nonzeros, so it is a valid
    /// start), which saves iterations and makes the training loss non-increasing along the path.
    /// False starts every s as <see cref="IhtTrainingOptions.Start"/> says. Default true.
    /// </summary>
    public bool WarmStart { get; init; } = true;

    /// <summary>Checks every setting against a problem of <paramref name="parameterCount"/> parameters, before any work.</summary>
    public void Validate(int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(Training);
        // The template's own s is replaced by each s of the path.
        (Training with { Sparsity = 1 }).Validate(parameterCount);
        Guard.NonNegative(SelectionTolerance);
        Guard.InRange(EarlyStoppingPatience, 1, 1000);
    }
}
