namespace MlNetSparse.Core.Objectives;

/// <summary>
/// An objective that can give its value, gradient and Hessian restricted to a set S of parameters in one
/// pass over its data: what Newton's method on a fixed support needs (the support polish,
/// docs/algorithms.md#support-polish).
/// </summary>
public interface IRestrictedHessian
{
    /// <summary>
    /// The arithmetic of one <see cref="ValueGradientAndHessian"/> over <paramref name="supportSize"/>
    /// parameters, in units of one <see cref="IDifferentiableObjective.ValueAndGradient"/>: what a caller
    /// weighs before choosing a Newton step over gradient steps.
    /// </summary>
    double RestrictedPassCost(int supportSize);

    /// <summary>
    /// The multiply-adds of one <see cref="IDifferentiableObjective.ValueAndGradient"/> pass: what a caller weighs before a
    /// search whose cost is counted in passes (∞ when not known, the default).
    /// </summary>
    double GradientPassWork => double.PositiveInfinity;

    /// <summary>
    /// f(θ), ∇_S f(θ) and ∇²_SS f(θ) in one pass, accumulated in double.
    /// </summary>
    /// <param name="parameters">θ, all n parameters (entries off S count in f too).</param>
    /// <param name="support">S: distinct indices into θ, in any order; the outputs follow this order.</param>
    /// <param name="gradient">|S| entries: gradient[a] = ∂f/∂θ[S[a]]; overwritten.</param>
    /// <param name="hessian">|S|·|S| entries, row-major: hessian[a·|S| + b] = ∂²f/∂θ[S[a]]∂θ[S[b]]; overwritten.</param>
    /// <returns>f(θ), computed in double (it may differ from <see cref="IDifferentiableObjective.Value"/> in the last float digits).</returns>
    double ValueGradientAndHessian(ReadOnlySpan<float> parameters, ReadOnlySpan<int> support, Span<double> gradient, Span<double> hessian);
}
