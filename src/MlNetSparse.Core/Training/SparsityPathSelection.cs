namespace MlNetSparse.Core.Training;

/// <summary>
/// The rules that pick s from the validation losses of a sparsity path (in increasing s), and
/// that end a path early. Pure functions of the losses, so a finished path can be re-read with
/// another tolerance.
/// </summary>
public static class SparsityPathSelection
{
    /// <summary>The index of the smallest finite validation loss; the smaller s on a tie.</summary>
    /// <exception cref="InvalidOperationException">No loss is finite.</exception>
    public static int Best(IReadOnlyList<double> validationLosses)
    {
        int best = BestOrNone(validationLosses);
        if (best < 0)
            throw new InvalidOperationException(
                $"None of the {validationLosses.Count} validation losses of the sparsity path is finite, so no s can be chosen.");
        return best;
    }

    /// <summary>
    /// The smallest index (the smallest s) whose validation loss is at most best + tolerance·|best|:
    /// with tolerance 0, <see cref="Best"/>; larger tolerances trade validation loss for fewer nonzeros.
    /// </summary>
    /// <param name="validationLosses">f_val(θₛ) in increasing s.</param>
    /// <param name="tolerance">The relative tolerance, ≥ 0.</param>
    public static int Choose(IReadOnlyList<double> validationLosses, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(validationLosses);
        Guard.NonNegative(tolerance);
        double best = validationLosses[Best(validationLosses)];
        double limit = best + tolerance * Math.Abs(best);
        for (int i = 0; ; i++)
            if (validationLosses[i] <= limit)
                return i;
    }

    /// <summary>
    /// True when the last <paramref name="patience"/> losses did not improve on the best one before
    /// them (an equal loss is no improvement): the validation loss has stopped falling.
    /// </summary>
    public static bool ShouldStop(IReadOnlyList<double> validationLosses, int patience)
    {
        ArgumentNullException.ThrowIfNull(validationLosses);
        Guard.InRange(patience, 1, int.MaxValue);
        int best = BestOrNone(validationLosses);
        return validationLosses.Count - 1 - best >= patience;
    }

    // −1 when no loss is finite.
    private static int BestOrNone(IReadOnlyList<double> validationLosses)
    {
        ArgumentNullException.ThrowIfNull(validationLosses);
        int best = -1;
        for (int i = 0; i < validationLosses.Count; i++)
            if (double.IsFinite(validationLosses[i]) && (best < 0 || validationLosses[i] < validationLosses[best]))
                best = i;
        return best;
    }
}
