namespace MlNetSparse.Core.Sparsity;

/// <summary>
/// A sparsity operator in its proximal form: a penalty P(x) = Σᵢ p(xᵢ) with a closed-form proximal
/// operator prox_{τP}, the thresholding step of RVSCGD (docs/algorithms.md#proximal-operators).
/// The ℓ0, ℓ1 and transformed-ℓ1 penalties are proximal operators; so is every
/// <see cref="ISparsityProjection"/> (the prox of its set's indicator), so RVSCGD can also keep u in
/// a hard constraint such as ‖u‖₀ ≤ s.
/// </summary>
public interface IProximalOperator
{
    /// <summary>P(x), accumulated in double (+∞ outside a projection's set).</summary>
    double Value(ReadOnlySpan<float> x);

    /// <summary>
    /// u = prox_{τP}(w) = argmin_u ½‖u − w‖² + τ P(u), in closed form. Allocates nothing;
    /// <paramref name="u"/> may be <paramref name="w"/> itself. Where two minimisers tie, 0 is chosen;
    /// a NaN entry stays NaN, so a diverged iterate is not hidden.
    /// </summary>
    /// <param name="w">The point to threshold.</param>
    /// <param name="tau">τ, a finite number ≥ 0 (τ = 0 copies w for a penalty; a projection ignores τ).</param>
    /// <param name="u">The result, the same length as <paramref name="w"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tau"/> is negative or not finite.</exception>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    void Prox(ReadOnlySpan<float> w, double tau, Span<float> u);

    /// <summary>A short human-readable name with the parameters, e.g. "Tℓ1 (a = 1)".</summary>
    string Describe();
}
