using static System.FormattableString;

namespace MlNetSparse.Core.Training;

/// <summary>Candidate sparsities for a <see cref="SparsityPath"/>: grids and their checks.</summary>
public static class SparsityPathGrid
{
    /// <summary>The number of values of an automatic grid.</summary>
    public const int DefaultCount = 12;

    /// <summary>
    /// Up to <paramref name="count"/> distinct integers from 1 to <paramref name="maximum"/>, strictly
    /// increasing and roughly evenly spaced on a log scale (1, 2, 3, 4, 5, 6, 8, 10, 13, 17, 23, 30
    /// for 30 and 12): small s, where each added parameter changes the model most, are sampled
    /// densely. Every integer 1 … maximum when maximum ≤ count.
    /// </summary>
    /// <param name="maximum">The largest s, ≥ 1.</param>
    /// <param name="count">How many values, ≥ 2.</param>
    public static int[] Geometric(int maximum, int count = DefaultCount)
    {
        Guard.InRange(maximum, 1, int.MaxValue);
        Guard.InRange(count, 2, int.MaxValue);
        if (maximum <= count)
            return [.. Enumerable.Range(1, maximum)];
        var values = new int[count];
        values[0] = 1;
        for (int i = 1; i < count; i++)
        {
            // The ratio that would reach the maximum in the steps left, recomputed after each value
            // so that steps forced up to +1 at the small end do not squeeze the large end.
            int previous = values[i - 1], left = count - i;
            double ratio = Math.Pow((double)maximum / previous, 1.0 / left);
            values[i] = Math.Max(previous + 1, (int)Math.Round(previous * ratio, MidpointRounding.AwayFromZero));
        }
        values[^1] = maximum;
        return values;
    }

    /// <summary>
    /// The grid used when none is given: <see cref="Geometric"/> with <see cref="DefaultCount"/>
    /// values up to min(P − 1, training rows). P − 1 because a budget of every parameter is no
    /// longer sparse; the row count because beyond it the data cannot tell the parameters apart
    /// (least squares on more nonzeros than rows interpolates).
    /// </summary>
    /// <param name="parameterCount">P, all parameters of the dense model, ≥ 2.</param>
    /// <param name="trainingRowCount">Rows the path trains on, ≥ 1.</param>
    public static int[] Automatic(int parameterCount, int trainingRowCount)
    {
        Guard.InRange(parameterCount, 2, int.MaxValue);
        Guard.InRange(trainingRowCount, 1, int.MaxValue);
        return Geometric(Math.Min(parameterCount - 1, trainingRowCount));
    }

    /// <summary>
    /// Throws unless <paramref name="values"/> is non-empty, strictly increasing and within
    /// [<paramref name="low"/>, <paramref name="high"/>] (no upper bound when null). The message
    /// names <paramref name="name"/> and the offending position.
    /// </summary>
    internal static void Check(IReadOnlyList<int> values, int low, int? high, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count == 0)
            throw new ArgumentException($"{name} must hold at least one sparsity; got an empty list.", name);
        for (int i = 0; i < values.Count; i++)
        {
            int value = values[i];
            if (value < low || value > high)
            {
                string range = high is int h ? Invariant($"in [{low}, {h}]") : Invariant($"at least {low}");
                throw new ArgumentOutOfRangeException(name, Invariant($"{name}[{i}] must be {range}; got {value}."));
            }
            if (i > 0 && value <= values[i - 1])
                throw new ArgumentException(
                    Invariant($"{name} must be strictly increasing; got {values[i - 1]} then {value} at index {i}."), name);
        }
    }

}
