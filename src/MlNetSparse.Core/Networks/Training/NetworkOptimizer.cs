namespace MlNetSparse.Core.Networks.Training;

/// <summary>The update rule applied to the (coarse) gradient.</summary>
public enum NetworkOptimizer
{
    /// <summary>SGD with momentum μ: v ← μv + g + λ_wd·w, w ← w − η·v (the paper's optimiser).</summary>
    Sgd,

    /// <summary>Adam (β₁ = 0.9, β₂ = 0.999, ε = 1e-8) on g + λ_wd·w.</summary>
    Adam,
}
