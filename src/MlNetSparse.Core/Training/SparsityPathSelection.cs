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
    /// The one-standard-error rule (cv.glmnet's λ.1se, docs/algorithms.md#choosing-s): the smallest
    /// index whose mean is at most the smallest mean plus that point's standard error.
    /// </summary>
    /// <param name="curve">The pooled held-out loss per s, in increasing s.</param>
    /// <exception cref="InvalidOperationException">No mean is finite.</exception>
    public static int OneStandardError(IReadOnlyList<CrossValidationEstimate> curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        int best = Best([.. curve.Select(c => c.Mean)]);
        double limit = curve[best].Mean + curve[best].StandardError;
        for (int i = 0; ; i++)
            if (curve[i].Mean <= limit)
                return i;
    }

    /// <summary>
    /// The extended BIC of a model fitted on all rows (Chen and Chen 2008; abess's form,
    /// docs/algorithms.md#choosing-s): D + k·(ln n + 2γ·ln P), with the deviance
    /// D = n·ln(2f) for the squared loss ½r² (Gaussian, σ² profiled out: 2f is the mean squared
    /// residual) and D = 2n·f for a log loss (−2 × the log-likelihood), f the mean training loss.
    /// </summary>
    /// <param name="meanLoss">f, the (weighted) mean training loss.</param>
    /// <param name="gaussian">True for the squared loss, false for a log loss (logistic, softmax).</param>
    /// <param name="nonzeroCount">k, the model's nonzero parameters.</param>
    /// <param name="rowCount">n, the rows (their weight sum), &gt; 1.</param>
    /// <param name="parameterCount">P, the dense model's parameters, ≥ 1.</param>
    /// <param name="gamma">γ ≥ 0; 0 is the plain BIC, 1 (abess's default) penalises each nonzero by about ln C(P, k) more.</param>
    public static double ExtendedBic(double meanLoss, bool gaussian, int nonzeroCount, double rowCount, int parameterCount, double gamma = 1)
    {
        Guard.NonNegative(gamma);
        Guard.InRange(parameterCount, 1, int.MaxValue);
        if (!(rowCount > 1))
            throw new ArgumentOutOfRangeException(nameof(rowCount), $"rowCount must be more than 1; got {rowCount}.");
        double deviance = gaussian ? rowCount * Math.Log(2 * meanLoss) : 2 * rowCount * meanLoss;
        return deviance + nonzeroCount * (Math.Log(rowCount) + 2 * gamma * Math.Log(parameterCount));
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
