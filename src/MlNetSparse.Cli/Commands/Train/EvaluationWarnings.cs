using System.Globalization;

namespace MlNetSparse.Cli.Commands;

/// <summary>What `train` warns of in its own evaluation: a test split too small to mean much, and metrics that are not finite.</summary>
internal static class EvaluationWarnings
{
    /// <summary>
    /// The fewest held-out rows whose metrics the tool reports without a caveat. An accuracy measured on
    /// n rows has a 95 % margin of error of 1.96·√(p(1 − p)/n), at most 0.98/√n (p = 0.5); from n = 43
    /// on it is within ±0.15, so below that a single split cannot tell a good model from a poor one.
    /// </summary>
    public const int MinimumTestRows = 43;

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The warning for a test split of <paramref name="testRows"/> out of <paramref name="rows"/>; null from <see cref="MinimumTestRows"/> on.</summary>
    public static string? SmallTestSplit(double testFraction, long testRows, long rows)
    {
        if (testRows >= MinimumTestRows)
            return null;
        return string.Create(C, $"--test-fraction {testFraction:0.###} of {rows} rows holds out {testRows}: metrics on so few rows are noise ") +
            string.Create(C, $"(on {testRows} rows even an accuracy's 95 % margin of error is up to ±{0.98 / Math.Sqrt(testRows):0.00}); --folds {SuggestedFolds(rows)} tests every row once.");
    }

    /// <summary>A metric as the text report prints it: F4, or ∞, −∞, NaN.</summary>
    public static string Number(double value, string format = "F4") => value switch
    {
        double.PositiveInfinity => "∞",
        double.NegativeInfinity => "−∞",
        double.NaN => "NaN",
        _ => value.ToString(format, C),
    };

    /// <summary>k for the remedy "--folds k": 5, or every row once on fewer rows.</summary>
    public static long SuggestedFolds(long rows) => Math.Min(5, rows);

    /// <summary>
    /// One warning per metric that is not finite, saying why: the log loss of a confident wrong
    /// prediction (probability 0 for the true class) is ∞, and a metric the test rows cannot define is NaN.
    /// </summary>
    public static IEnumerable<string> NonFiniteMetrics(IReadOnlyList<MetricValue> metrics)
    {
        foreach (MetricValue metric in metrics.Where(m => !double.IsFinite(m.Mean)))
        {
            string value = Number(metric.Mean);
            string where = metric.FoldValues is { } folds
                ? $"in fold {string.Join(", ", folds.Select((v, i) => (v, i)).Where(f => !double.IsFinite(f.v)).Select(f => f.i + 1))} of {folds.Count}, so its mean is {value} too"
                : "on the test split";
            yield return metric.Name switch
            {
                "LogLoss" => $"LogLoss is {value} {where}: a held-out row got probability 0 for its true class (a confident wrong prediction), and log 0 = −∞. " +
                    "The other metrics are unaffected; a model this sure of itself may be overfitting, or trained on too few rows.",
                "LogLossReduction" => $"LogLossReduction is {value} because LogLoss is ∞.",
                _ => $"{metric.Name} is {value} {where}: the held-out rows cannot define it (for example, they hold one class only).",
            };
        }
    }
}
