namespace MlNetSparse.Core.Training;

/// <summary>How θ⁰ is chosen.</summary>
public enum SparseStartKind
{
    /// <summary>θ⁰ = 0: deterministic; the first step picks the support from the gradient.</summary>
    Zero = 0,

    /// <summary>The paper's random sparse start: random values (initialisation seed) on a random support of size s (support seed).</summary>
    RandomSparse = 1,
}
