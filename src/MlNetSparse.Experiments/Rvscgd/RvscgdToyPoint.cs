namespace MlNetSparse.Experiments.Rvscgd;

/// <summary>The toy's measurements after step t (t = 0: the start).</summary>
/// <param name="Step">t.</param>
/// <param name="Lagrangian">L_β(uᵗ, wᵗ) with the closed-form population loss f(wᵗ) = θ/(2kπ).</param>
/// <param name="AngleDegrees">θ(wᵗ, w*) in degrees.</param>
/// <param name="SparseAngleDegrees">θ(uᵗ, w*) in degrees; 90 when uᵗ = 0.</param>
/// <param name="SupportSize">|supp(uᵗ)|.</param>
/// <param name="FalsePositives">|supp(uᵗ) \ supp(w*)|.</param>
/// <param name="FalseNegatives">|supp(w*) \ supp(uᵗ)|.</param>
public readonly record struct RvscgdToyPoint(int Step, double Lagrangian, double AngleDegrees, double SparseAngleDegrees,
    int SupportSize, int FalsePositives, int FalseNegatives)
{
    /// <summary>supp(uᵗ) = supp(w*).</summary>
    public bool SupportRecovered => FalsePositives == 0 && FalseNegatives == 0;
}
