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
}
