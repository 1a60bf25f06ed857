using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Sparsity;
using MlNetSparse.Tests.Core.Rvscgd;

namespace MlNetSparse.Tests.Core;

/// <summary>IHT takes any <see cref="ISparsityProjection"/>, not only H_s: here a box, the constraint family to come.</summary>
public class IhtProjectionTests
{
    [Fact]
    public void Iht_WithABoxProjection_ReachesTheClampedMinimiser()
    {
        // f(θ) = ½‖θ − c‖² over the box [−1, 1]ⁿ: the minimiser is clamp(c), one step of γ = 1 away.
        float[] center = [0.5f, -3f, 2f, 0f, -0.25f];
        var solution = IhtSolver.Solve(new QuadraticOracle(center), new BoxProjection(center.Length, 1f), new float[center.Length],
            new IhtSolverOptions { Sparsity = center.Length, StepSize = 1, MaximumIterations = 20 });

        Assert.Equal([0.5f, -1f, 1f, 0f, -0.25f], solution.Parameters);
        Assert.Equal(IhtStopReason.Converged, solution.StopReason);
    }

    [Fact]
    public void Iht_WithAProjection_RejectsAStartOutsideItsSet()
    {
        var error = Assert.Throws<ArgumentException>(() => IhtSolver.Solve(new QuadraticOracle([0f, 0f]), new BoxProjection(2, 1f), [0f, 2f],
            new IhtSolverOptions { Sparsity = 2, StepSize = 1 }));
        Assert.Equal("start", error.ParamName);
        Assert.Contains("start must lie in [−1, 1]; entry 1 is 2", error.Message);
    }
}
