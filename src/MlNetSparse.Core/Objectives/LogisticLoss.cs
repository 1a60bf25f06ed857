using System.Numerics.Tensors;

namespace MlNetSparse.Core.Objectives;

/// <summary>
/// Logistic loss for labels y ∈ {0, 1}: ℓ(z; y) = log(1 + eᶻ) − y·z, with ∂ℓ/∂z = σ(z) − y,
/// σ(z) = 1/(1 + e⁻ᶻ). z is the log-odds of the positive class.
/// </summary>
public sealed class LogisticLoss : ITwiceDifferentiableMarginLoss
{
    /// <inheritdoc/>
    public int OutputCount => 1;

    /// <inheritdoc/>
    public string LabelDescription => "0 or 1";

    /// <inheritdoc/>
    /// <remarks>∂²ℓ/∂z² = σ(z)(1 − σ(z)) ≤ ¼.</remarks>
    public double CurvatureBound => 0.25;

    /// <inheritdoc/>
    public bool IsValidLabel(float label) => label == 0f || label == 1f;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<float> margins, float label)
        => Softplus(margins[0]) - label * (double)margins[0];

    /// <inheritdoc/>
    public double ValueAndDerivative(ReadOnlySpan<float> margins, float label, Span<float> derivative)
    {
        double z = margins[0];
        derivative[0] = (float)(Sigmoid(z) - label);
        return Softplus(z) - label * z;
    }

    /// <inheritdoc/>
    public double WeightedLoss(ReadOnlySpan<float> margins, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights)
    {
        Span<double> e = stackalloc double[Stride], softplus = stackalloc double[Stride];
        double total = 0;
        for (int start = 0; start < margins.Length; start += Stride)
        {
            int count = Math.Min(Stride, margins.Length - start);
            ExpAndSoftplus(margins.Slice(start, count), e, softplus);
            for (int r = 0; r < count; r++)
            {
                int i = start + r;
                total += (weights.IsEmpty ? 1.0 : weights[i]) * (softplus[r] - labels[i] * (double)margins[i]);
            }
        }
        return total;
    }

    /// <inheritdoc/>
    public double WeightedLossAndScaledDerivatives(Span<float> margins, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights, double scale)
    {
        Span<double> e = stackalloc double[Stride], softplus = stackalloc double[Stride];
        double total = 0;
        for (int start = 0; start < margins.Length; start += Stride)
        {
            int count = Math.Min(Stride, margins.Length - start);
            ExpAndSoftplus(margins.Slice(start, count), e, softplus);
            for (int r = 0; r < count; r++)
            {
                int i = start + r;
                double z = margins[i], y = labels[i], weight = weights.IsEmpty ? 1.0 : weights[i];
                total += weight * (softplus[r] - y * z);
                // σ(z) and σ(−z) = 1 − σ(z) are 1/(1 + e) and e/(1 + e), e = e^−|z|, in the order the sign of z says.
                double large = 1 / (1 + e[r]), small = e[r] * large;
                double positive = z >= 0 ? large : small, negative = z >= 0 ? small : large;
                // σ(z) − y as (1 − y)·σ(z) − y·σ(−z): no cancellation when σ(z) is close to y.
                margins[i] = (float)(((1 - y) * positive - y * negative) * weight * scale);
            }
        }
        return total;
    }

    /// <inheritdoc/>
    /// <remarks>∂²ℓ/∂z² = σ(z)·σ(−z), from e = e^−|z| as e/(1 + e)² (no cancellation for large |z|).</remarks>
    public double ValueDerivativeAndHessian(ReadOnlySpan<double> margins, float label, Span<double> derivative, Span<double> hessian)
    {
        double z = margins[0], e = Math.Exp(-Math.Abs(z)), large = 1 / (1 + e), small = e * large;
        double positive = z >= 0 ? large : small, negative = z >= 0 ? small : large; // σ(z), σ(−z)
        derivative[0] = (1 - label) * positive - label * negative; // σ(z) − y without cancellation
        hessian[0] = positive * negative;
        return Softplus(z) - label * z;
    }

    // Rows go through the vectorized exponential and logarithm this many at a time (4 KiB of stack).
    private const int Stride = 256;

    // e = e^−|z| (never overflows) and softplus = log(1 + eᶻ) = max(z, 0) + log(1 + e), vectorized over the rows:
    // the same values as Softplus(z) computes one at a time, an order of magnitude faster.
    private static void ExpAndSoftplus(ReadOnlySpan<float> margins, Span<double> e, Span<double> softplus)
    {
        e = e[..margins.Length];
        softplus = softplus[..margins.Length];
        for (int r = 0; r < margins.Length; r++)
            e[r] = -Math.Abs((double)margins[r]);
        TensorPrimitives.Exp(e, e);
        TensorPrimitives.LogP1(e, softplus);
        for (int r = 0; r < margins.Length; r++)
            if (margins[r] > 0)
                softplus[r] += margins[r];
    }

    /// <summary>log(1 + eᶻ) without overflow for large |z|.</summary>
    internal static double Softplus(double z) => z > 0 ? z + double.LogP1(Math.Exp(-z)) : double.LogP1(Math.Exp(z));

    /// <summary>σ(z) = 1/(1 + e⁻ᶻ) without overflow for large |z|.</summary>
    internal static double Sigmoid(double z)
    {
        if (z >= 0)
            return 1 / (1 + Math.Exp(-z));
        double e = Math.Exp(z);
        return e / (1 + e);
    }
}
