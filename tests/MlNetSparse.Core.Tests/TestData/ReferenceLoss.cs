namespace MlNetSparse.Tests.TestData;

/// <summary>The losses of docs/algorithms.md#losses written out again in double precision, as an independent reference.</summary>
public enum LossKind
{
    Squared,
    Logistic,
    Softmax,
}

/// <summary>
/// f(θ) = Σᵢ ωᵢ ℓ(W·xᵢ + b; yᵢ) / Σᵢ ωᵢ with θ = [W (k×n row-major), b (k)], in double.
/// </summary>
internal sealed class ReferenceLoss(LossKind kind, float[] features, int rows, int columns, float[] labels, int outputCount, float[]? weights)
{
    public int ParameterCount => outputCount * (columns + 1);

    public double Value(ReadOnlySpan<double> theta)
    {
        double total = 0, weightSum = 0;
        var z = new double[outputCount];
        for (int i = 0; i < rows; i++)
        {
            double weight = weights?[i] ?? 1.0;
            for (int c = 0; c < outputCount; c++)
            {
                double sum = theta[outputCount * columns + c];
                for (int j = 0; j < columns; j++)
                    sum += theta[c * columns + j] * features[i * columns + j];
                z[c] = sum;
            }
            total += weight * PerExample(z, labels[i]);
            weightSum += weight;
        }
        return total / weightSum;
    }

    /// <summary>Central differences of <see cref="Value"/> with step h.</summary>
    public double[] FiniteDifferenceGradient(ReadOnlySpan<float> theta, double h = 1e-6)
    {
        var point = new double[theta.Length];
        for (int p = 0; p < theta.Length; p++)
            point[p] = theta[p];
        var gradient = new double[theta.Length];
        for (int p = 0; p < theta.Length; p++)
        {
            double saved = point[p];
            point[p] = saved + h;
            double up = Value(point);
            point[p] = saved - h;
            double down = Value(point);
            point[p] = saved;
            gradient[p] = (up - down) / (2 * h);
        }
        return gradient;
    }

    public double Value(ReadOnlySpan<float> theta)
    {
        var point = new double[theta.Length];
        for (int p = 0; p < theta.Length; p++)
            point[p] = theta[p];
        return Value(point);
    }

    private double PerExample(double[] z, float label) => kind switch
    {
        LossKind.Squared => 0.5 * (z[0] - label) * (z[0] - label),
        // log(1 + eᶻ) − y·z, written stably.
        LossKind.Logistic => Math.Max(z[0], 0) + Math.Log(1 + Math.Exp(-Math.Abs(z[0]))) - label * z[0],
        // log Σ exp(z_c) − z_y.
        LossKind.Softmax => LogSumExp(z) - z[(int)label],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static double LogSumExp(double[] z)
    {
        double max = z.Max(), sum = 0;
        foreach (double v in z)
            sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }
}
