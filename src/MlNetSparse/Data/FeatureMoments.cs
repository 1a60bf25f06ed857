using System.Numerics;
using System.Runtime.InteropServices;
using Microsoft.ML.Data;

namespace MlNetSparse.Data;

/// <summary>
/// The mean and standard deviation of every feature over the usable training rows, gathered in the
/// pass that first reads them. Sums of x and x² are kept in double: a sparse row's implicit zeros add
/// nothing, so a row costs only its stored values, and the cancellation in E[x²] − E[x]² stays far
/// below what the scale checks (<see cref="FeatureScaleCheck"/>) need to tell apart.
/// </summary>
/// <remarks>
/// A dense row is added a vector of features at a time (every feature row passes here as it is read,
/// docs/architecture.md#training-call, step 4). Each feature's sums still add its rows one by one in row
/// order, and x² of a Single is exact in double, so the sums have the same bits as one entry at a time.
/// </remarks>
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
            AddDense(values);
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

    // Widened to double a vector at a time: lanes [0, half) of a float vector go to the first double vector, the rest to the second.
    private void AddDense(ReadOnlySpan<float> values)
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<float>.Count)
        {
            ReadOnlySpan<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
            Span<Vector<double>> sums = MemoryMarshal.Cast<double, Vector<double>>(_sum.AsSpan(0, vectors.Length * Vector<float>.Count));
            Span<Vector<double>> squares = MemoryMarshal.Cast<double, Vector<double>>(_sumOfSquares.AsSpan(0, vectors.Length * Vector<float>.Count));
            for (int k = 0; k < vectors.Length; k++)
            {
                Vector.Widen(vectors[k], out Vector<double> low, out Vector<double> high);
                sums[2 * k] += low;
                sums[2 * k + 1] += high;
                squares[2 * k] += low * low;
                squares[2 * k + 1] += high * high;
            }
            j = vectors.Length * Vector<float>.Count;
        }
        for (; j < values.Length; j++)
            Accumulate(j, values[j]);
    }

    private void Accumulate(int j, float value)
    {
        double x = value;
        _sum[j] += x;
        _sumOfSquares[j] += x * x;
    }
}
