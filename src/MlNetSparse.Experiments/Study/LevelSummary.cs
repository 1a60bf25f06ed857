using MlNetSparse.Core.Solvers;

namespace MlNetSparse.Experiments.Study;

/// <summary>The distribution of one quantity over a level's runs: quartiles and extremes.</summary>
/// <param name="Minimum">Smallest value.</param>
/// <param name="LowerQuartile">25th percentile.</param>
/// <param name="Median">50th percentile.</param>
/// <param name="UpperQuartile">75th percentile.</param>
/// <param name="Maximum">Largest value.</param>
public readonly record struct Distribution(double Minimum, double LowerQuartile, double Median, double UpperQuartile, double Maximum)
{
    /// <summary>The distribution of <paramref name="values"/> (linear interpolation between order statistics).</summary>
    public static Distribution Of(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        if (sorted.Length == 0)
            return new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        return new(sorted[0], Quantile(sorted, 0.25), Quantile(sorted, 0.5), Quantile(sorted, 0.75), sorted[^1]);
    }

    private static double Quantile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}

/// <summary>One sparsity level of the study: the distributions the paper plots (Figs. 9–13) and how the runs ended.</summary>
public sealed record LevelSummary
{
    /// <summary>s.</summary>
    public required int Level { get; init; }

    /// <summary>Runs at this level.</summary>
    public required int Runs { get; init; }

    /// <summary>γ = 1/L̂₂ₛ (Fig. 9).</summary>
    public required Distribution StepSize { get; init; }

    /// <summary>Training loss (Fig. 10).</summary>
    public required Distribution TrainLoss { get; init; }

    /// <summary>Test loss (Fig. 11).</summary>
    public required Distribution TestLoss { get; init; }

    /// <summary>Training accuracy (Fig. 12).</summary>
    public required Distribution TrainAccuracy { get; init; }

    /// <summary>Test accuracy (Fig. 13).</summary>
    public required Distribution TestAccuracy { get; init; }

    /// <summary>Steps taken.</summary>
    public required Distribution Steps { get; init; }

    /// <summary>f(θ*ₛ) − f(θ*dense) on the same split; NaN without dense references.</summary>
    public required Distribution Gap { get; init; }

    /// <summary>Fraction of runs that reached the loss threshold.</summary>
    public required double ReachedThreshold { get; init; }

    /// <summary>Fraction of runs whose trained point is HT-stable.</summary>
    public required double Stable { get; init; }

    /// <summary>Summarises the runs of one level.</summary>
    public static LevelSummary Of(int level, IReadOnlyCollection<RunResult> runs) => new()
    {
        Level = level,
        Runs = runs.Count,
        StepSize = Distribution.Of(runs.Select(r => r.StepSize)),
        TrainLoss = Distribution.Of(runs.Select(r => r.TrainLoss)),
        TestLoss = Distribution.Of(runs.Select(r => r.TestLoss)),
        TrainAccuracy = Distribution.Of(runs.Select(r => r.TrainAccuracy)),
        TestAccuracy = Distribution.Of(runs.Select(r => r.TestAccuracy)),
        Steps = Distribution.Of(runs.Select(r => (double)r.Steps)),
        Gap = Distribution.Of(runs.Where(r => r.Gap is not null).Select(r => r.Gap!.Value)),
        ReachedThreshold = runs.Count(r => r.StopReason == IhtStopReason.LossToleranceReached) / (double)runs.Count,
        Stable = runs.Count(r => r.Verdict == HtStabilityVerdict.Stable) / (double)runs.Count,
    };
}
