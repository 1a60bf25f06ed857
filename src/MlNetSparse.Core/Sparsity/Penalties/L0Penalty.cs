namespace MlNetSparse.Core.Sparsity.Penalties;

/// <summary>P(x) = ‖x‖₀. prox_{τP} is hard thresholding: u = w where |w| &gt; √(2τ), else 0.</summary>
/// <remarks>
/// For one entry the two candidates are u = 0 (cost ½w²) and u = w (cost τ), so w is kept exactly
/// when ½w² &gt; τ; at |w| = √(2τ) both are minimisers and 0 is chosen.
/// </remarks>
public sealed class L0Penalty : IThresholdingPenalty
{
    /// <summary>The penalty (it has no parameters).</summary>
    public static L0Penalty Instance { get; } = new();

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<float> x) => Support.CountNonzero(x);

    /// <inheritdoc/>
    public void Prox(ReadOnlySpan<float> w, double tau, Span<float> u)
    {
        PenaltyChecks.ProxArguments(w.Length, tau, u.Length);
        double threshold = Threshold(tau);
        for (int i = 0; i < w.Length; i++)
            u[i] = Math.Abs(w[i]) <= threshold ? 0f : w[i]; // NaN stays NaN, so a diverged w shows
    }

    /// <summary>t = √(2τ).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tau"/> is negative or not finite.</exception>
    public double Threshold(double tau)
    {
        Guard.NonNegative(tau, "tau");
        return Math.Sqrt(2 * tau);
    }

    /// <summary>τ = t²/2. For a float t, t² is exact in double, so √(2τ) gives t back exactly.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is negative or not finite.</exception>
    public double TauForThreshold(double threshold)
    {
        Guard.NonNegative(threshold, "threshold");
        return threshold * threshold / 2;
    }

    /// <inheritdoc/>
    public string Describe() => "ℓ0";
}
