namespace MlNetSparse.Core.Solvers;

/// <summary>What the HT-stability certificate says of a trained point θ* (docs/algorithms.md#ht-stability).</summary>
public enum HtStabilityVerdict
{
    /// <summary>
    /// An IHT fixed point where inequality (8) holds strictly: min_{i∈S}|θ*ᵢ| &gt; γ·max_{j∉S}|∇ⱼf(θ*)|.
    /// The support is locally fixed: the sparse analogue of a local minimum.
    /// </summary>
    Stable = 0,

    /// <summary>
    /// An IHT fixed point where (8) holds with equality (a tie at the boundary): a "saddle in the
    /// sparse sense" that IHT started arbitrarily close by leaves.
    /// </summary>
    Unstable = 1,

    /// <summary>
    /// Not an IHT fixed point: the gradient on the support is not (numerically) zero, or (8) fails
    /// so that a further step would change the support. Typically the run stopped early.
    /// </summary>
    NotStationary = 2,

    /// <summary>
    /// Fewer than s nonzeros and ∇f(θ*) ≈ 0 everywhere: a stationary point of the unconstrained
    /// problem that the budget does not bind; (8) does not apply.
    /// </summary>
    StationaryBelowBudget = 3,
}
