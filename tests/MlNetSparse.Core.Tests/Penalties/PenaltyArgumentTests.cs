using MlNetSparse.Core.Sparsity;
using MlNetSparse.Core.Sparsity.Penalties;

namespace MlNetSparse.Tests.Core.Penalties;

/// <summary>Bad shapes, thresholds and lengths fail with a message naming the argument and its range.</summary>
public class PenaltyArgumentTests
{
    [Theory]
    [InlineData(0.0, "got 0.")]
    [InlineData(-1.0, "got -1.")]
    [InlineData(double.NaN, "got NaN.")]
    [InlineData(double.PositiveInfinity, "got Infinity.")]
    public void TransformedL1Shape_MustBeAFinitePositiveNumber(double shape, string got)
    {
        foreach (Action create in new Action[] { () => _ = new TransformedL1Penalty(shape), () => SparsityPenalty.Create(SparsityPenaltyKind.TransformedL1, shape) })
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(create);
            Assert.Equal("TransformedL1Shape", ex.ParamName);
            Assert.StartsWith("TransformedL1Shape must be a finite number > 0; " + got, ex.Message);
        }
    }

    [Fact]
    public void ShapeIsIgnored_ByL0AndL1()
    {
        Assert.Same(L0Penalty.Instance, SparsityPenalty.Create(SparsityPenaltyKind.L0, 0));
        Assert.Same(L1Penalty.Instance, SparsityPenalty.Create(SparsityPenaltyKind.L1, double.NaN));
    }

    [Fact]
    public void UndefinedKind_IsRejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SparsityPenalty.Create((SparsityPenaltyKind)7, 1));
        Assert.StartsWith("kind must be one of L0, L1, TransformedL1; got 7.", ex.Message);
    }

    [Theory]
    [InlineData(-0.1, "got -0.1.")]
    [InlineData(double.NaN, "got NaN.")]
    [InlineData(double.PositiveInfinity, "got Infinity.")]
    public void Tau_MustBeFiniteAndNonNegative_ForEveryPenalty(double tau, string got)
    {
        foreach (IProximalOperator penalty in new IProximalOperator[] { L0Penalty.Instance, L1Penalty.Instance, new TransformedL1Penalty(1) })
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => penalty.Prox([1f], tau, new float[1]));
            Assert.Equal("tau", ex.ParamName);
            Assert.StartsWith("tau must be a finite number ≥ 0; " + got, ex.Message);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransformedL1Penalty(1).Threshold(tau));
    }

    [Fact]
    public void OutputOfAnotherLength_IsRejected()
    {
        foreach (IProximalOperator penalty in new IProximalOperator[] { L0Penalty.Instance, L1Penalty.Instance, new TransformedL1Penalty(1) })
        {
            var ex = Assert.Throws<ArgumentException>(() => penalty.Prox([1f, 2f], 0.1, new float[3]));
            Assert.StartsWith("u must have length 2; got 3.", ex.Message);
        }
    }
}
