namespace MlNetSparse.Core.Solvers;

/// <summary>
/// The HT-stability certificate of a point θ* for IHT with step γ and sparsity s: both sides of
/// inequality (8) of learning-sparse-nn-iht, min_{i∈S}|θ*ᵢ| ≥ γ·max_{j∉S}|∇ⱼf(θ*)| with
/// S = supp(θ*), the stationarity residual ‖∇_S f(θ*)‖∞, and a verdict.
/// </summary>
public sealed record HtStabilityCertificate
{
    /// <summary>Relative size of the step IHT would still take on the support, below which θ* counts as stationary. Default 1e-3.</summary>
    public const double DefaultStationarityTolerance = 1e-3;

    /// <summary>Relative gap between the two sides of (8) below which they count as tied. Default 1e-4.</summary>
    public const double DefaultTieTolerance = 1e-4;

    /// <summary>s, the budget.</summary>
    public required int Sparsity { get; init; }

    /// <summary>|S|, the number of nonzeros of θ*.</summary>
    public required int SupportSize { get; init; }

    /// <summary>γ, the step the certificate is stated for.</summary>
    public required double StepSize { get; init; }

    /// <summary>Left side of (8): min_{i∈S}|θ*ᵢ| (0 when |S| &lt; s: H_s keeps a zero entry).</summary>
    public required double SmallestSupportMagnitude { get; init; }

    /// <summary>max_{j∉S}|∇ⱼf(θ*)| (0 when S is everything).</summary>
    public required double LargestOffSupportGradient { get; init; }

    /// <summary>Right side of (8): γ·max_{j∉S}|∇ⱼf(θ*)|.</summary>
    public double OffSupportThreshold => StepSize * LargestOffSupportGradient;

    /// <summary>Left side minus right side of (8): positive when the support is locally fixed.</summary>
    public double Margin => SmallestSupportMagnitude - OffSupportThreshold;

    /// <summary>‖∇_S f(θ*)‖∞, zero at an exact fixed point.</summary>
    public required double SupportGradientNorm { get; init; }

    /// <summary>γ‖∇_S f‖∞ / max(1, ‖θ*‖∞): how far IHT would still move θ* on its support.</summary>
    public required double RelativeStationarityResidual { get; init; }

    /// <summary>The tolerance <see cref="RelativeStationarityResidual"/> was held to.</summary>
    public required double StationarityTolerance { get; init; }

    /// <summary>The verdict.</summary>
    public required HtStabilityVerdict Verdict { get; init; }

    /// <summary>Computes the certificate of θ* = <paramref name="parameters"/> with ∇f(θ*) = <paramref name="gradient"/>.</summary>
    public static HtStabilityCertificate Evaluate(ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradient, int sparsity, double stepSize,
        double stationarityTolerance = DefaultStationarityTolerance, double tieTolerance = DefaultTieTolerance)
    {
        Guard.Length(gradient.Length, parameters.Length, nameof(gradient));
        Guard.InRange(sparsity, 1, parameters.Length);
        Guard.Positive(stepSize);
        Guard.NonNegative(stationarityTolerance);
        Guard.NonNegative(tieTolerance);

        int supportSize = 0;
        double smallestOnSupport = double.PositiveInfinity, largestParameter = 0;
        double largestOffSupportGradient = 0, supportGradientNorm = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            double magnitude = Math.Abs(parameters[i]), slope = Math.Abs(gradient[i]);
            if (magnitude != 0)
            {
                supportSize++;
                smallestOnSupport = Math.Min(smallestOnSupport, magnitude);
                largestParameter = Math.Max(largestParameter, magnitude);
                supportGradientNorm = Math.Max(supportGradientNorm, slope);
            }
            else
            {
                largestOffSupportGradient = Math.Max(largestOffSupportGradient, slope);
            }
        }
        if (supportSize < sparsity)
            smallestOnSupport = 0; // H_s keeps s entries, so one of them is a zero.

        double residual = stepSize * supportGradientNorm / Math.Max(1.0, largestParameter);
        double right = stepSize * largestOffSupportGradient;
        return new HtStabilityCertificate
        {
            Sparsity = sparsity,
            SupportSize = supportSize,
            StepSize = stepSize,
            SmallestSupportMagnitude = smallestOnSupport,
            LargestOffSupportGradient = largestOffSupportGradient,
            SupportGradientNorm = supportGradientNorm,
            RelativeStationarityResidual = residual,
            StationarityTolerance = stationarityTolerance,
            Verdict = Judge(supportSize, sparsity, smallestOnSupport, right, residual, largestParameter,
                stationarityTolerance, tieTolerance),
        };
    }

    private static HtStabilityVerdict Judge(int supportSize, int sparsity, double left, double right, double residual,
        double largestParameter, double stationarityTolerance, double tieTolerance)
    {
        if (residual > stationarityTolerance)
            return HtStabilityVerdict.NotStationary;
        if (supportSize < sparsity)
        {
            // Off the support, IHT would move an entry by γ|∇ⱼf|: that too must be negligible.
            bool flat = right / Math.Max(1.0, largestParameter) <= stationarityTolerance;
            return flat ? HtStabilityVerdict.StationaryBelowBudget : HtStabilityVerdict.NotStationary;
        }
        double gap = left - right;
        if (Math.Abs(gap) <= tieTolerance * Math.Max(left, right))
            return HtStabilityVerdict.Unstable;
        return gap > 0 ? HtStabilityVerdict.Stable : HtStabilityVerdict.NotStationary;
    }

    /// <summary>One line: both sides of (8), the residual and the verdict.</summary>
    public override string ToString()
        => $"{Verdict}: min|θ_S| = {SmallestSupportMagnitude:G4} vs γ·max|∇_off f| = {OffSupportThreshold:G4} " +
           $"(margin {Margin:G4}), ‖∇_S f‖∞ = {SupportGradientNorm:G3}, |S| = {SupportSize}/{Sparsity}";
}
