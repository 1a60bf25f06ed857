namespace MlNetSparse.Core.Sparsity.Penalties;

/// <summary>
/// A separable sparsity penalty P(x) = Σᵢ p(xᵢ) with a closed-form proximal operator
/// (docs/algorithms.md#proximal-operators): the "thresholding" step of RVSCGD.
/// </summary>
public interface ISparsityPenalty
{
    /// <summary>P(x) = Σᵢ p(xᵢ), accumulated in double.</summary>
    double Value(ReadOnlySpan<float> x);

    /// <summary>
    /// u = prox_{τP}(w) = argmin_u ½‖u − w‖² + τ P(u), element by element, in closed form. Allocates
    /// nothing; <paramref name="u"/> may be <paramref name="w"/> itself. Where two minimisers tie, 0 is chosen;
    /// a NaN entry stays NaN, so a diverged iterate is not hidden.
    /// </summary>
    /// <param name="w">The point to threshold.</param>
    /// <param name="tau">τ, a finite number ≥ 0 (τ = 0 copies w).</param>
    /// <param name="u">The result, the same length as <paramref name="w"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tau"/> is negative or not finite.</exception>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    void Prox(ReadOnlySpan<float> w, double tau, Span<float> u);

    /// <summary>A short human-readable name with the parameters, e.g. "Tℓ1 (a = 1)".</summary>
    string Describe();
}
