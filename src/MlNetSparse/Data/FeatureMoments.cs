using Microsoft.ML.Data;

namespace MlNetSparse.Data;

/// <summary>
/// The mean and standard deviation of every feature over the usable training rows, gathered in the
/// pass that first reads them. Sums of x and x² are kept in double: a sparse row's implicit zeros add
/// nothing, so a row costs only its stored values, and the cancellation in E[x²] − E[x]² stays far
/// below what the scale checks (<see cref="FeatureScaleCheck"/>) need to tell apart.
/// </summary>
internal sealed class FeatureMoments
{
    // A feature whose standard deviation is below this share of its mean's magnitude varies less than
    // a Single can represent: it is constant as far as the trainer can tell.
    private const double ConstantRelativeSpread = 1e-6;

    private readonly double[] _sum;
    private readonly double[] _sumOfSquares;

    public FeatureMoments(int featureCount)
    {
        _sum = new double[featureCount];
        _sumOfSquares = new double[featureCount];
    }

    /// <summary>n, the number of features.</summary>
    public int FeatureCount => _sum.Length;

    /// <summary>Rows added.</summary>
    public long Rows { get; private set; }

    /// <summary>Adds one usable row.</summary>
    public void Add(in VBuffer<float> row)
    {
        Rows++;
        ReadOnlySpan<float> values = row.GetValues();
        if (row.IsDense)
        {
            for (int j = 0; j < values.Length; j++)
                Accumulate(j, values[j]);
            return;
        }
        ReadOnlySpan<int> indices = row.GetIndices();
        for (int k = 0; k < values.Length; k++)
            Accumulate(indices[k], values[k]);
    }

    /// <summary>The mean of feature <paramref name="j"/>.</summary>
    public double Mean(int j) => Rows == 0 ? 0 : _sum[j] / Rows;

    /// <summary>The (population) standard deviation of feature <paramref name="j"/>.</summary>
    public double StandardDeviation(int j)
    {
        if (Rows == 0)
            return 0;
        double mean = Mean(j);
        return Math.Sqrt(Math.Max(0, _sumOfSquares[j] / Rows - mean * mean));
    }

    /// <summary>Whether feature <paramref name="j"/> takes one value on every row (to Single precision).</summary>
    public bool IsConstant(int j) => StandardDeviation(j) <= ConstantRelativeSpread * Math.Abs(Mean(j));

    private void Accumulate(int j, float value)
    {
        double x = value;
        _sum[j] += x;
        _sumOfSquares[j] += x * x;
    }
}
