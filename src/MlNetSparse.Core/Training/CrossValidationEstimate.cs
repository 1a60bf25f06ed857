namespace MlNetSparse.Core.Training;

/// <summary>A quantity estimated on k held-out folds: its weighted mean and the standard error of that mean.</summary>
/// <param name="Mean">Σ wₖ vₖ / Σ wₖ, wₖ the weight of fold k's held-out rows.</param>
/// <param name="StandardError">
/// √(Σ wₖ (vₖ − mean)² / Σ wₖ / (k − 1)), cv.glmnet's cvsd: the spread of the fold values over √(k − 1).
/// Infinite when the mean is.
/// </param>
public readonly record struct CrossValidationEstimate(double Mean, double StandardError)
{
    /// <summary>Pools one value per fold (at least two folds); a non-finite value makes the mean non-finite.</summary>
    /// <param name="values">vₖ, one per fold.</param>
    /// <param name="weights">wₖ &gt; 0, one per fold: the held-out rows' weight.</param>
    public static CrossValidationEstimate Pool(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        Guard.Length(weights.Length, values.Length, nameof(weights));
        Guard.InRange(values.Length, 2, int.MaxValue, nameof(values));
        double total = 0, sum = 0;
        for (int k = 0; k < values.Length; k++)
        {
            total += weights[k];
            sum += weights[k] * values[k];
        }
        double mean = sum / total;
        if (!double.IsFinite(mean))
            return new(double.IsNaN(mean) ? double.PositiveInfinity : mean, double.PositiveInfinity);
        double spread = 0;
        for (int k = 0; k < values.Length; k++)
            spread += weights[k] * (values[k] - mean) * (values[k] - mean);
        return new(mean, Math.Sqrt(spread / total / (values.Length - 1)));
    }

    /// <summary>
    /// Pools r repeats of k-fold cross-validation, the k values of each repeat one after the other:
    /// the mean of the repeats' <see cref="Pool"/> means (weighted by each repeat's total weight, which
    /// is the same for every repeat when all rows are held out once per repeat), and the mean of their
    /// standard errors. Averaging repeats makes the mean less noisy; the standard error stays that of
    /// one k-fold split, which is what the one-standard-error rule's margin means (the repeats share
    /// their rows, so pooling all r·k values as independent would shrink it by about √r for no reason).
    /// With r = 1, <see cref="Pool"/>.
    /// </summary>
    /// <param name="values">r·k values, repeat after repeat.</param>
    /// <param name="weights">Their weights, &gt; 0.</param>
    /// <param name="repeats">r ≥ 1; the value count is a multiple of it, with at least two folds per repeat.</param>
    public static CrossValidationEstimate PoolRepeats(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, int repeats)
    {
        Guard.Length(weights.Length, values.Length, nameof(weights));
        Guard.InRange(repeats, 1, int.MaxValue);
        if (values.Length % repeats != 0)
            throw new ArgumentException($"values must hold the same number of folds for each of the {repeats} repeats; got {values.Length}.", nameof(values));
        if (repeats == 1)
            return Pool(values, weights);
        int k = values.Length / repeats;
        double total = 0, sum = 0, errors = 0;
        for (int r = 0; r < repeats; r++)
        {
            CrossValidationEstimate one = Pool(values.Slice(r * k, k), weights.Slice(r * k, k));
            double weight = 0;
            foreach (double w in weights.Slice(r * k, k))
                weight += w;
            total += weight;
            sum += weight * one.Mean;
            errors += one.StandardError;
        }
        double mean = sum / total;
        if (!double.IsFinite(mean))
            return new(double.IsNaN(mean) ? double.PositiveInfinity : mean, double.PositiveInfinity);
        return new(mean, errors / repeats);
    }
}
