namespace MlNetSparse.Networks;

/// <summary>How <see cref="BinarizedCnnTrainer"/> sparsifies the weights (RVSCGD's penalty P).</summary>
public enum BinarizedCnnSparsification
{
    /// <summary>No sparsification: plain coarse-gradient training of the dense network.</summary>
    None,

    /// <summary>RVSCGD with P = ℓ0 (hard thresholding at √(2λ/β)).</summary>
    L0,

    /// <summary>RVSCGD with P = ℓ1 (soft thresholding at λ/β).</summary>
    L1,

    /// <summary>RVSCGD with the transformed ℓ1 penalty (a+1)|x|/(a+|x|), a = TransformedL1Shape.</summary>
    TransformedL1,
}
