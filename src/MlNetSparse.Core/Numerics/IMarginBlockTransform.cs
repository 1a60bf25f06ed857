namespace MlNetSparse.Core.Numerics;

/// <summary>
/// The per-row part of a linear model's loss, which the fused passes of <see cref="IFeatureMatrix"/>
/// apply to one block of rows at a time while the block's features are still in cache: margins
/// Z_B = X_B·Wᵀ + b in, those rows' share of the objective f and (for a gradient) the coefficients
/// C_B = ∂f/∂Z_B out, so that ∇_W f = Cᵀ·X and ∇_b f = Cᵀ·1.
/// </summary>
/// <remarks>
/// Blocks are k-wide row-major slices (<c>block[r·k + c]</c> belongs to row firstRow + r). A pass
/// calls the transform concurrently from several threads on disjoint blocks: implementations may
/// read shared state (labels, example weights) but write only into the span they are given.
/// For the same block both methods must return the same value bit for bit, so that a loss-only
/// pass and a gradient pass agree exactly.
/// </remarks>
public interface IMarginBlockTransform
{
    /// <summary>k, the number of margins per row.</summary>
    int OutputCount { get; }

    /// <summary>The block's rows' share of f.</summary>
    /// <param name="firstRow">The index in X of the block's first row.</param>
    /// <param name="margins">Z_B, count×k.</param>
    double Loss(int firstRow, ReadOnlySpan<float> margins);

    /// <summary>The block's rows' share of f, overwriting Z_B with C_B = ∂f/∂Z_B.</summary>
    /// <param name="firstRow">The index in X of the block's first row.</param>
    /// <param name="block">Z_B, count×k, on entry; C_B on return.</param>
    double LossAndCoefficients(int firstRow, Span<float> block);
}
