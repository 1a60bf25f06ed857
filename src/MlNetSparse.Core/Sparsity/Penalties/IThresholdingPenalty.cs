namespace MlNetSparse.Core.Sparsity.Penalties;

/// <summary>
/// A penalty whose prox zeroes exactly the entries with |w| ≤ t(τ), t non-decreasing in τ: ℓ0, ℓ1 and
/// Tℓ1. Inverting t turns "this fraction of the weights zero" into the τ that zeroes them
/// (<see cref="ZeroFractionThreshold"/>), so a user can ask for a sparsity instead of guessing λ.
/// </summary>
public interface IThresholdingPenalty : IProximalOperator
{
    /// <summary>t(τ): prox_{τP}(w) is 0 exactly when |w| ≤ t.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tau"/> is negative or not finite.</exception>
    double Threshold(double tau);

    /// <summary>The τ with <see cref="Threshold"/>(τ) = <paramref name="threshold"/> (the inverse of t).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is negative or not finite.</exception>
    double TauForThreshold(double threshold);
}
