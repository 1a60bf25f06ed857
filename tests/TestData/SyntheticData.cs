using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;

namespace MlNetSparse.Tests.TestData;

/// <summary>Seeded synthetic problems for the numerics tests: every draw comes from <see cref="Random"/> with a fixed seed.</summary>
internal static class SyntheticData
{
    /// <summary>One N(0, 1) draw (Box–Muller), independent of the library's own generator.</summary>
    public static double NextGaussian(this Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary><paramref name="count"/> independent N(0, σ²) draws.</summary>
    public static float[] Gaussian(Random random, int count, double sigma = 1.0)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
            values[i] = (float)(sigma * random.NextGaussian());
        return values;
    }

    /// <summary>U(−a, a) draws.</summary>
    public static float[] Uniform(Random random, int count, double bound = 1.0)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
            values[i] = (float)((2 * random.NextDouble() - 1) * bound);
        return values;
    }

    /// <summary>An m×n row-major Gaussian matrix in which each entry is zeroed with probability <paramref name="zeroFraction"/>.</summary>
    public static float[] GaussianMatrix(Random random, int rows, int columns, double zeroFraction = 0)
    {
        var values = Gaussian(random, rows * columns);
        for (int p = 0; p < values.Length; p++)
            if (random.NextDouble() < zeroFraction)
                values[p] = 0f;
        return values;
    }

    /// <summary>The CSR form of a row-major dense matrix, storing only its nonzeros.</summary>
    public static SparseFeatureMatrix ToSparse(float[] values, int rows, int columns)
    {
        var rowStarts = new int[rows + 1];
        var columnIndices = new List<int>();
        var stored = new List<float>();
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                float x = values[i * columns + j];
                if (x == 0f)
                    continue;
                columnIndices.Add(j);
                stored.Add(x);
            }
            rowStarts[i + 1] = stored.Count;
        }
        return new SparseFeatureMatrix(rowStarts, [.. columnIndices], [.. stored], columns);
    }

    /// <summary>Class indices 0 … k−1, each class present at least once when m ≥ k.</summary>
    public static float[] ClassLabels(Random random, int rows, int classCount)
    {
        var labels = new float[rows];
        for (int i = 0; i < rows; i++)
            labels[i] = i < classCount ? i : random.Next(classCount);
        return labels;
    }

    /// <summary>Labels 0 or 1.</summary>
    public static float[] BinaryLabels(Random random, int rows) => ClassLabels(random, rows, 2);

    /// <summary>Example weights in [0.1, 2], with one of them 0 to exercise zero weights.</summary>
    public static float[] ExampleWeights(Random random, int rows)
    {
        var weights = new float[rows];
        for (int i = 0; i < rows; i++)
            weights[i] = (float)(0.1 + 1.9 * random.NextDouble());
        weights[rows / 2] = 0f;
        return weights;
    }

    /// <summary>
    /// A least-squares problem y = X·w + b + noise with the given true parameters θ = [w, b]
    /// (<see cref="LinearModelLayout"/> with one output).
    /// </summary>
    public static (float[] Features, float[] Labels) LinearRegression(Random random, int rows, int columns,
        ReadOnlySpan<float> truth, double noise = 0)
    {
        if (truth.Length != columns + 1)
            throw new ArgumentException("truth must hold n weights and the bias.", nameof(truth));
        float[] x = GaussianMatrix(random, rows, columns);
        var y = new float[rows];
        for (int i = 0; i < rows; i++)
        {
            double z = truth[columns];
            for (int j = 0; j < columns; j++)
                z += (double)x[i * columns + j] * truth[j];
            y[i] = (float)(z + noise * random.NextGaussian());
        }
        return (x, y);
    }

    /// <summary>The mean squared-loss objective f(θ) = (1/2m)‖Xw + b − y‖² on a dense matrix.</summary>
    public static LinearModelObjective LeastSquares(float[] features, float[] labels, int columns)
        => new(new DenseFeatureMatrix(features, labels.Length, columns), labels, new SquaredLoss());

    /// <summary>Every subset of {0, …, n−1} with between 1 and <paramref name="maxSize"/> elements.</summary>
    public static IEnumerable<int[]> Subsets(int n, int maxSize)
    {
        for (int mask = 1; mask < 1 << n; mask++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) > maxSize)
                continue;
            var subset = new List<int>();
            for (int i = 0; i < n; i++)
                if ((mask & (1 << i)) != 0)
                    subset.Add(i);
            yield return [.. subset];
        }
    }

    /// <summary>‖a − b‖∞ in double.</summary>
    public static double MaxAbsDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException("lengths differ");
        double max = 0;
        for (int i = 0; i < a.Length; i++)
            max = Math.Max(max, Math.Abs((double)a[i] - b[i]));
        return max;
    }

    /// <summary>‖a‖∞ in double.</summary>
    public static double MaxAbs(ReadOnlySpan<float> a)
    {
        double max = 0;
        foreach (float v in a)
            max = Math.Max(max, Math.Abs((double)v));
        return max;
    }
}
