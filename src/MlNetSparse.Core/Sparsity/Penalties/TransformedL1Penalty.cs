namespace MlNetSparse.Core.Sparsity.Penalties;

/// <summary>
/// Transformed ℓ1: P(x) = Σ (a+1)|xᵢ|/(a+|xᵢ|), a &gt; 0. It tends to ‖x‖₀ as a → 0⁺ and to ‖x‖₁ as
/// a → ∞; its prox has a closed form (Zhang and Xin 2017, docs/algorithms.md#proximal-operators).
/// </summary>
/// <remarks>
/// The prox: u = 0 where |w| ≤ t, with t = τ(a+1)/a if τ ≤ a²/(2(a+1)), else √(2τ(a+1)) − a/2;
/// elsewhere u = sign(w)·[(2/3)(a+|w|)cos(φ/3) − 2a/3 + |w|/3], φ = arccos(1 − ε),
/// ε = 27τa(a+1)/(2(a+|w|)³). Written that way the bracket subtracts two numbers of size a from each
/// other (all digits lost for a large a) and arccos near 1 loses half of them, so it is evaluated in
/// the algebraically identical form |w| − (4/3)(a+|w|)·sin²(φ/6) with φ = 2·arcsin(√(ε/2)), in double.
/// </remarks>
public sealed class TransformedL1Penalty : IThresholdingPenalty
{
    /// <summary>The penalty with shape <paramref name="shape"/>.</summary>
    /// <param name="shape">a, a finite number &gt; 0: small a behaves like ℓ0, large a like ℓ1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shape"/> is not a finite number &gt; 0.</exception>
    public TransformedL1Penalty(double shape)
    {
        Guard.Positive(shape, "TransformedL1Shape");
        Shape = shape;
    }

    /// <summary>a, the shape.</summary>
    public double Shape { get; }

    /// <summary>t: prox_{τP}(w) is 0 exactly when |w| ≤ t.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tau"/> is negative or not finite.</exception>
    public double Threshold(double tau)
    {
        Guard.NonNegative(tau, "tau");
        double a = Shape;
        return tau <= a * a / (2 * (a + 1)) ? tau * (a + 1) / a : Math.Sqrt(2 * tau * (a + 1)) - a / 2;
    }

    /// <summary>
    /// τ = t·a/(a+1) for t ≤ a/2, else (t + a/2)²/(2(a+1)): the two branches of <see cref="Threshold"/> inverted
    /// (they meet at τ = a²/(2(a+1)), t = a/2).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is negative or not finite.</exception>
    public double TauForThreshold(double threshold)
    {
        Guard.NonNegative(threshold, "threshold");
        double a = Shape;
        return threshold <= a / 2 ? threshold * a / (a + 1) : (threshold + a / 2) * (threshold + a / 2) / (2 * (a + 1));
    }

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<float> x)
    {
        double a = Shape, sum = 0;
        foreach (float value in x)
        {
            double magnitude = Math.Abs((double)value);
            sum += (a + 1) * magnitude / (a + magnitude);
        }
        return sum;
    }

    /// <inheritdoc/>
    public void Prox(ReadOnlySpan<float> w, double tau, Span<float> u)
    {
        PenaltyChecks.ProxArguments(w.Length, tau, u.Length);
        double a = Shape, threshold = Threshold(tau), numerator = 27 * tau * a * (a + 1) / 2;
        for (int i = 0; i < w.Length; i++)
        {
            double magnitude = Math.Abs((double)w[i]);
            if (magnitude <= threshold)
            {
                u[i] = 0f;
                continue;
            }
            double sum = a + magnitude;
            // ε ∈ [0, 2] above the threshold in exact arithmetic; the clamp only absorbs rounding.
            double epsilon = Math.Min(numerator / (sum * sum * sum), 2.0);
            double phi = 2 * Math.Asin(Math.Sqrt(epsilon / 2));
            double sine = Math.Sin(phi / 6);
            double shrunk = magnitude - 4.0 / 3.0 * sum * sine * sine;
            u[i] = (float)Math.CopySign(Math.Max(shrunk, 0), w[i]);
        }
    }

    /// <inheritdoc/>
    public string Describe() => $"Tℓ1 (a = {Shape:G4})";
}
