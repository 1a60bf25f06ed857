using MlNetSparse.Experiments.Study;

namespace MlNetSparse.Experiments.Output;

/// <summary>
/// A Tukey box of one level's values: the quartiles and median of <see cref="Distribution"/>,
/// whiskers at the most extreme values within 1.5 IQR of the box, and the values beyond them.
/// </summary>
internal sealed record TukeyBox(double Position, Distribution Quartiles, double LowerWhisker, double UpperWhisker, IReadOnlyList<double> Outliers)
{
    /// <summary>How far past the box, in interquartile ranges, a whisker may reach.</summary>
    public const double WhiskerReach = 1.5;

    /// <summary>The box of the finite <paramref name="values"/> at <paramref name="position"/>; null when none is finite.</summary>
    public static TukeyBox? Of(double position, IEnumerable<double> values)
    {
        double[] finite = [.. values.Where(double.IsFinite).Order()];
        if (finite.Length == 0)
            return null;
        Distribution quartiles = Distribution.Of(finite);
        double reach = WhiskerReach * (quartiles.UpperQuartile - quartiles.LowerQuartile);
        double lowFence = quartiles.LowerQuartile - reach, highFence = quartiles.UpperQuartile + reach;
        double lower = finite.First(v => v >= lowFence), upper = finite.Last(v => v <= highFence);
        return new TukeyBox(position, quartiles, lower, upper, [.. finite.Where(v => v < lowFence || v > highFence)]);
    }

    /// <summary>The largest value drawn: the upper whisker or the largest outlier.</summary>
    public double Highest => Quartiles.Maximum;
}
