namespace MlNetSparse.Core.Objectives;

/// <summary>
/// An objective that bounds its curvature along each coordinate: dᵢ ≥ ∂²f/∂θᵢ² for every θ.
/// |∇ᵢf|/dᵢ is then the length of a per-coordinate Newton step, a scale-free measure of how far θᵢ
/// still is from stationary. It does not depend on γ, which one steep direction can make tiny.
/// </summary>
public interface IDiagonalCurvature
{
    /// <summary>Writes dᵢ ≥ 0 for every parameter (0 for a parameter f does not depend on).</summary>
    void DiagonalCurvatureBounds(Span<float> destination);
}
