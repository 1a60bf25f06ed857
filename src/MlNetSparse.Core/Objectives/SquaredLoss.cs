namespace MlNetSparse.Core.Objectives;

/// <summary>
/// Squared error for real labels: ℓ(z; y) = ½(z − y)², with ∂ℓ/∂z = z − y. Averaged over the
/// rows this is f(θ) = (1/2m)‖Xw + b − y‖², whose L₂ₛ is the largest eigenvalue of X̃_Sᵀ X̃_S / m
/// over column sets |S| ≤ 2s of X̃ = [X, 1] (docs/algorithms.md#restricted-smoothness).
/// </summary>
public sealed class SquaredLoss : ITwiceDifferentiableMarginLoss
{
    /// <inheritdoc/>
    public int OutputCount => 1;

    /// <inheritdoc/>
    public string LabelDescription => "a finite real number";

    /// <inheritdoc/>
    public double CurvatureBound => 1;

    /// <inheritdoc/>
    public bool IsValidLabel(float label) => float.IsFinite(label);

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<float> margins, float label)
    {
        double r = (double)margins[0] - label;
        return 0.5 * r * r;
    }

    /// <inheritdoc/>
    public double ValueAndDerivative(ReadOnlySpan<float> margins, float label, Span<float> derivative)
    {
        double r = (double)margins[0] - label;
        derivative[0] = (float)r;
        return 0.5 * r * r;
    }

    /// <inheritdoc/>
    public double WeightedLoss(ReadOnlySpan<float> margins, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights)
    {
        double total = 0;
        for (int i = 0; i < margins.Length; i++)
        {
            double r = (double)margins[i] - labels[i];
            total += (weights.IsEmpty ? 1.0 : weights[i]) * (0.5 * r * r);
        }
        return total;
    }

    /// <inheritdoc/>
    public double WeightedLossAndScaledDerivatives(Span<float> margins, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights, double scale)
    {
        double total = 0;
        for (int i = 0; i < margins.Length; i++)
        {
            double r = (double)margins[i] - labels[i], weight = weights.IsEmpty ? 1.0 : weights[i];
            total += weight * (0.5 * r * r);
            margins[i] = (float)(r * weight * scale); // ∂ℓ/∂z = z − y
        }
        return total;
    }

    /// <inheritdoc/>
    /// <remarks>∂²ℓ/∂z² = 1.</remarks>
    public double ValueDerivativeAndHessian(ReadOnlySpan<double> margins, float label, Span<double> derivative, Span<double> hessian)
    {
        double r = margins[0] - label;
        derivative[0] = r;
        hessian[0] = 1;
        return 0.5 * r * r;
    }
}
