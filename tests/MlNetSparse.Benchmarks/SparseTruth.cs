namespace MlNetSparse.Benchmarks;

/// <summary>
/// The model the synthetic labels come from: a few nonzero weights w* and a bias b, with
/// y ~ Bernoulli(σ(x·w* + b)). Margins are summed in double over the truth's own entries, in a
/// fixed order, so a label never depends on the vector width or the thread that drew it.
/// </summary>
internal sealed class SparseTruth
{
    private readonly float[] _denseWeights;

    public SparseTruth(int featureCount, int[] columns, float[] weights, float bias)
    {
        Columns = columns;
        Weights = weights;
        Bias = bias;
        _denseWeights = new float[featureCount];
        for (int k = 0; k < columns.Length; k++)
            _denseWeights[columns[k]] = weights[k];
    }

    public int[] Columns { get; }

    public float[] Weights { get; }

    public float Bias { get; }

    /// <summary>x·w* + b for a dense row.</summary>
    public double Margin(ReadOnlySpan<float> row)
    {
        double margin = Bias;
        for (int k = 0; k < Columns.Length; k++)
            margin += (double)row[Columns[k]] * Weights[k];
        return margin;
    }

    /// <summary>x·w* + b for a sparse row.</summary>
    public double Margin(ReadOnlySpan<int> columns, ReadOnlySpan<float> values)
    {
        double margin = Bias;
        for (int p = 0; p < columns.Length; p++)
            margin += (double)values[p] * _denseWeights[columns[p]];
        return margin;
    }

    /// <summary>A draw of y ~ Bernoulli(σ(margin)).</summary>
    public static bool DrawLabel(ref SplitMix64 random, double margin) => random.NextDouble() < 1 / (1 + Math.Exp(-margin));
}
