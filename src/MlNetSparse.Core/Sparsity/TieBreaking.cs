namespace MlNetSparse.Core.Sparsity;

/// <summary>
/// How hard thresholding chooses among entries of equal magnitude at the boundary, where
/// H_s(x) is set-valued: H₂([1, −3, 1]) holds both [1, −3, 0] and [0, −3, 1].
/// </summary>
public enum TieBreaking
{
    /// <summary>Keep the tied entries with the smaller indices (the default; deterministic).</summary>
    SmallerIndex = 0,

    /// <summary>Keep a uniformly random subset of the tied entries, drawn from a seeded stream.</summary>
    Random = 1,
}
