namespace MlNetSparse.Core.Sparsity;

/// <summary>
/// A sparsity operator in its projection form: a Euclidean projection P_C(x) ∈ argmin_{v ∈ C} ‖v − x‖
/// onto a constraint set C ⊂ ℝⁿ, the thresholding step of IHT (docs/algorithms.md#hard-thresholding).
/// Top-k hard thresholding H_s (C = {‖θ‖₀ ≤ s}) is one; box constraints would be others.
/// </summary>
/// <remarks>
/// As a <see cref="IProximalOperator"/> a projection is the prox of C's indicator (P = 0 on C, +∞ off
/// it) for every τ, so RVSCGD takes it as well as IHT does.
/// </remarks>
public interface ISparsityProjection : IProximalOperator
{
    /// <summary>n, the length of the vectors it projects.</summary>
    int Length { get; }

    /// <summary>
    /// Null when <paramref name="x"/> ∈ C; otherwise what is wrong with it, phrased to follow a
    /// vector's name in an error message ("must have at most 7 nonzero entries (the sparsity); got 9").
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="x"/>'s length is not n.</exception>
    string? Violation(ReadOnlySpan<float> x);

    /// <summary>destination = P_C(source); <paramref name="destination"/> may be <paramref name="source"/> itself.</summary>
    /// <exception cref="ArgumentException">A span's length is not n, or source contains NaN.</exception>
    void Project(ReadOnlySpan<float> source, Span<float> destination);
}
