namespace MlNetSparse.Core.Objectives;

/// <summary>
/// Logistic loss for labels y ∈ {0, 1}: ℓ(z; y) = log(1 + eᶻ) − y·z, with ∂ℓ/∂z = σ(z) − y,
/// σ(z) = 1/(1 + e⁻ᶻ). z is the log-odds of the positive class.
/// </summary>
public sealed class LogisticLoss : IMarginLoss, IMarginBlockLoss
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

    double IMarginBlockLoss.WeightedLoss(ReadOnlySpan<float> margins, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights)
    {
        double total = 0;
        for (int i = 0; i < margins.Length; i++)
        {
            double z = margins[i];
            total += (weights.IsEmpty ? 1.0 : weights[i]) * (Softplus(z, Math.Exp(-Math.Abs(z))) - labels[i] * z);
        }
        return total;
    }

    double IMarginBlockLoss.WeightedLossAndScaledDerivatives(Span<float> margins, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights, double scale)
    {
        double total = 0;
        for (int i = 0; i < margins.Length; i++)
        {
            double z = margins[i], y = labels[i], weight = weights.IsEmpty ? 1.0 : weights[i];
            // One exponential serves both: e = e^−|z| never overflows, and σ(z), σ(−z) = 1 − σ(z) are
            // 1/(1 + e) and e/(1 + e) in the order the sign of z says.
            double e = Math.Exp(-Math.Abs(z));
            total += weight * (Softplus(z, e) - y * z);
            double large = 1 / (1 + e), small = e * large;
            double positive = z >= 0 ? large : small, negative = z >= 0 ? small : large; // σ(z), σ(−z)
            // σ(z) − y as (1 − y)·σ(z) − y·σ(−z): no cancellation when σ(z) is close to y.
            margins[i] = (float)(((1 - y) * positive - y * negative) * weight * scale);
        }
        return total;
    }

    // log(1 + eᶻ) = max(z, 0) + log(1 + e^−|z|), given e = e^−|z|; the same value as Softplus(z).
    private static double Softplus(double z, double e) => z > 0 ? z + double.LogP1(e) : double.LogP1(e);

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
