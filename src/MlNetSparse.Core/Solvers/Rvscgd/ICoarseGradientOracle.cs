namespace MlNetSparse.Core.Solvers.Rvscgd;

/// <summary>
/// What <see cref="RvscgdSolver"/> needs from the problem: a (coarse, possibly stochastic) gradient of
/// f, and f itself for the Lagrangian trace. The solver does not know which loss it minimises.
/// </summary>
public interface ICoarseGradientOracle
{
    /// <summary>d, the length of w.</summary>
    int Dimension { get; }

    /// <summary>Overwrites <paramref name="gradient"/> with g(w), the coarse gradient of f at w.</summary>
    void CoarseGradient(ReadOnlySpan<float> w, Span<float> gradient);

    /// <summary>f(w), the quantity the Lagrangian trace reports (e.g. a population loss in closed form).</summary>
    double Loss(ReadOnlySpan<float> w);
}
