namespace MlNetSparse.Core.Objectives;

/// <summary>
/// A per-example loss that also gives its curvature in the outputs: ∂²ℓ/∂z², a k×k symmetric matrix.
/// What a Newton step on a linear model's support needs (<see cref="IRestrictedHessian"/>,
/// docs/algorithms.md#support-polish); the losses of this library implement it.
/// </summary>
/// <remarks>
/// Everything in double, margins included: the Newton step refines a point IHT already reached, so the
/// gradient it solves with must be more accurate than the float32 passes that got there. Stateless and
/// thread-safe, as <see cref="IMarginLoss"/>.
/// </remarks>
public interface ITwiceDifferentiableMarginLoss : IMarginLoss
{
    /// <summary>
    /// ℓ(z; y), writing ∂ℓ/∂z_c into <paramref name="derivative"/>[c] and ∂²ℓ/∂z_c∂z_c′ into
    /// <paramref name="hessian"/>[c·k + c′] (both triangles).
    /// </summary>
    /// <param name="margins">z, k outputs.</param>
    /// <param name="label">y, a label this loss accepts.</param>
    /// <param name="derivative">k entries; overwritten.</param>
    /// <param name="hessian">k·k entries, row-major; overwritten.</param>
    double ValueDerivativeAndHessian(ReadOnlySpan<double> margins, float label, Span<double> derivative, Span<double> hessian);
}
