namespace MlNetSparse.Core.Sparsity.Penalties;

/// <summary>P(x) = ‖x‖₁. prox_{τP} is soft thresholding: u = sign(w)·max(|w| − τ, 0).</summary>
public sealed class L1Penalty : IThresholdingPenalty
{
    /// <summary>The penalty (it has no parameters).</summary>
    public static L1Penalty Instance { get; } = new();

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (float value in x)
            sum += Math.Abs(value);
        return sum;
    }

    /// <inheritdoc/>
    public void Prox(ReadOnlySpan<float> w, double tau, Span<float> u)
    {
        PenaltyChecks.ProxArguments(w.Length, tau, u.Length);
        for (int i = 0; i < w.Length; i++)
        {
            // In double: |w| − τ for a float w and a double τ is then rounded once.
            double magnitude = Math.Abs((double)w[i]) - tau;
            u[i] = magnitude <= 0 ? 0f : (float)Math.CopySign(magnitude, w[i]); // NaN stays NaN
        }
    }

    /// <summary>t = τ.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tau"/> is negative or not finite.</exception>
    public double Threshold(double tau)
    {
        Guard.NonNegative(tau, "tau");
        return tau;
    }

    /// <summary>τ = t.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is negative or not finite.</exception>
    public double TauForThreshold(double threshold)
    {
        Guard.NonNegative(threshold, "threshold");
        return threshold;
    }

    /// <inheritdoc/>
    public string Describe() => "ℓ1";
}
