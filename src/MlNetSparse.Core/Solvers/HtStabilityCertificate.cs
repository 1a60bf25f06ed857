namespace MlNetSparse.Core.Solvers;

/// <summary>
/// The HT-stability certificate of a point θ* for IHT with step γ and sparsity s: both sides of
/// inequality (8) of the IHT paper (docs/algorithms.md#ht-stability), min_{i∈S}|θ*ᵢ| ≥ γ·max_{j∉S}|∇ⱼf(θ*)| with
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

    /// <summary>
    /// How far θ* still is from stationary on its support, relative to max(1, ‖θ*‖∞): the largest
    /// per-coordinate Newton step max_{i∈S} |∇ᵢf|/dᵢ when the objective bounds its curvature dᵢ
    /// (scale-free across features), else the largest IHT step γ‖∇_S f‖∞.
    /// </summary>
    public required double RelativeStationarityResidual { get; init; }

    /// <summary>Whether <see cref="RelativeStationarityResidual"/> used per-coordinate curvature bounds.</summary>
    public required bool CurvatureScaled { get; init; }

    /// <summary>The tolerance <see cref="RelativeStationarityResidual"/> was held to.</summary>
    public required double StationarityTolerance { get; init; }

    /// <summary>The verdict.</summary>
    public required HtStabilityVerdict Verdict { get; init; }

    /// <summary>Computes the certificate of θ* = <paramref name="parameters"/> with ∇f(θ*) = <paramref name="gradient"/>.</summary>
    /// <param name="parameters">θ*.</param>
    /// <param name="gradient">∇f(θ*).</param>
    /// <param name="sparsity">s.</param>
    /// <param name="stepSize">γ, the IHT step the inequality is stated for.</param>
    /// <param name="stationarityTolerance">Relative residual up to which θ* counts as stationary.</param>
    /// <param name="tieTolerance">Relative gap up to which the two sides of (8) count as tied.</param>
    /// <param name="curvature">Per-coordinate curvature bounds dᵢ (see <see cref="Objectives.IDiagonalCurvature"/>); empty to judge stationarity by γ.</param>
    public static HtStabilityCertificate Evaluate(ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradient, int sparsity, double stepSize,
        double stationarityTolerance = DefaultStationarityTolerance, double tieTolerance = DefaultTieTolerance,
        ReadOnlySpan<float> curvature = default)
    {
        if (!curvature.IsEmpty)
            Guard.Length(curvature.Length, parameters.Length, nameof(curvature));
        Guard.Length(gradient.Length, parameters.Length, nameof(gradient));
        Guard.InRange(sparsity, 1, parameters.Length);
        Guard.Positive(stepSize);
        Guard.NonNegative(stationarityTolerance);
        Guard.NonNegative(tieTolerance);

        int supportSize = 0;
        double smallestOnSupport = double.PositiveInfinity;
        double largestOffSupportGradient = 0, supportGradientNorm = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            double magnitude = Math.Abs(parameters[i]), slope = Math.Abs(gradient[i]);
            if (magnitude != 0)
            {
                supportSize++;
                smallestOnSupport = Math.Min(smallestOnSupport, magnitude);
                supportGradientNorm = Math.Max(supportGradientNorm, slope);
            }
            else
            {
                largestOffSupportGradient = Math.Max(largestOffSupportGradient, slope);
            }
        }
        if (supportSize < sparsity)
            smallestOnSupport = 0; // H_s keeps s entries, so one of them is a zero.

        double scale = StationarityMeasure.Scale(parameters);
        double residual = StationarityMeasure.LargestStep(parameters, gradient, curvature, stepSize, onSupport: true) / scale;
        double offSupportResidual = StationarityMeasure.LargestStep(parameters, gradient, curvature, stepSize, onSupport: false) / scale;
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
            CurvatureScaled = !curvature.IsEmpty,
            StationarityTolerance = stationarityTolerance,
            Verdict = Judge(supportSize, sparsity, smallestOnSupport, right, residual, offSupportResidual,
                stationarityTolerance, tieTolerance),
        };
    }

    private static HtStabilityVerdict Judge(int supportSize, int sparsity, double left, double right, double residual,
        double offSupportResidual, double stationarityTolerance, double tieTolerance)
    {
        if (residual > stationarityTolerance)
            return HtStabilityVerdict.NotStationary;
        if (supportSize < sparsity)
        {
            // The budget does not bind, so the zero entries must be stationary too.
            bool flat = offSupportResidual <= stationarityTolerance;
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
