using MlNetSparse.Core.Solvers.Rvscgd;
using MlNetSparse.Core.Sparsity.Penalties;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core.Rvscgd;

/// <summary>The per-step pieces an optimiser calls on every weight tensor allocate nothing.</summary>
public class RvscgdAllocationTests
{
    [Theory]
    [InlineData(SparsityPenaltyKind.L0)]
    [InlineData(SparsityPenaltyKind.L1)]
    [InlineData(SparsityPenaltyKind.TransformedL1)]
    public void ProxAndSplittingSteps_AllocateNothing(SparsityPenaltyKind kind)
    {
        var splitting = new RvscgdSplitting(new RvscgdSettings(1e-3, 0.05, kind, 0.5));
        float[] w = [.. Enumerable.Range(0, 1000).Select(i => (float)Math.Sin(i))], u = new float[1000], gradient = new float[1000];
        void Step()
        {
            splitting.UpdateAuxiliary(w, u);
            splitting.AddCouplingGradient(w, u, gradient);
            _ = splitting.Lagrangian(0.5, w, u);
        }
        Assert.Equal(0, Allocations.PerCall(Step));
    }
}
