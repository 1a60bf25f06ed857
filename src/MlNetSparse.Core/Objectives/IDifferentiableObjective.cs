namespace MlNetSparse.Core.Objectives;

/// <summary>
/// A smooth training loss f: ℝⁿ → ℝ that a solver minimises, seen only through its value and gradient.
/// Solvers know nothing else of it: which loss, which model, which data.
/// </summary>
public interface IDifferentiableObjective
{
    /// <summary>n, the number of parameters θ.</summary>
    int ParameterCount { get; }

    /// <summary>f(θ).</summary>
    double Value(ReadOnlySpan<float> parameters);

    /// <summary>f(θ), writing ∇f(θ) into <paramref name="gradient"/>.</summary>
    double ValueAndGradient(ReadOnlySpan<float> parameters, Span<float> gradient);
}
