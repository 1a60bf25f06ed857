namespace MlNetSparse.Core.Sparsity.Penalties;

/// <summary>The sparsity penalties RVSCGD can threshold with (docs/algorithms.md#proximal-operators).</summary>
public enum SparsityPenaltyKind
{
    /// <summary>P(x) = ‖x‖₀; its prox is hard thresholding at √(2τ).</summary>
    L0,

    /// <summary>P(x) = ‖x‖₁; its prox is soft thresholding by τ.</summary>
    L1,

    /// <summary>Transformed ℓ1, p(x) = (a+1)|x|/(a+|x|): ℓ0 as a → 0⁺, ℓ1 as a → ∞.</summary>
    TransformedL1,
}
