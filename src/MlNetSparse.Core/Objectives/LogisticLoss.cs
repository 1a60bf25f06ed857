namespace MlNetSparse.Core.Objectives;

/// <summary>
/// Logistic loss for labels y ∈ {0, 1}: ℓ(z; y) = log(1 + eᶻ) − y·z, with ∂ℓ/∂z = σ(z) − y,
/// σ(z) = 1/(1 + e⁻ᶻ). z is the log-odds of the positive class.
/// </summary>
public sealed class LogisticLoss : IMarginLoss
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
