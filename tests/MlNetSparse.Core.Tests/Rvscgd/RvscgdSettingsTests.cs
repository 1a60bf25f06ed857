using MlNetSparse.Core.Solvers.Rvscgd;
using MlNetSparse.Core.Sparsity.Penalties;

namespace MlNetSparse.Tests.Core.Rvscgd;

/// <summary>Bad λ, β, a, penalty and η are rejected with the option's name and allowed range.</summary>
public class RvscgdSettingsTests
{
    private static readonly RvscgdSettings Valid = new(1e-4, 4e-3, SparsityPenaltyKind.TransformedL1, 0.5);

    public static TheoryData<string, RvscgdSettings, string, string> Bad() => new()
    {
        { "λ = 0", Valid with { Lambda = 0 }, "Lambda", "Lambda must be a finite number > 0; got 0." },
        { "λ < 0", Valid with { Lambda = -1e-4 }, "Lambda", "Lambda must be a finite number > 0; got -0.0001." },
        { "λ NaN", Valid with { Lambda = double.NaN }, "Lambda", "Lambda must be a finite number > 0; got NaN." },
        { "β = 0", Valid with { Beta = 0 }, "Beta", "Beta must be a finite number > 0; got 0." },
        { "β ∞", Valid with { Beta = double.PositiveInfinity }, "Beta", "Beta must be a finite number > 0; got Infinity." },
        { "a = 0", Valid with { TransformedL1Shape = 0 }, "TransformedL1Shape", "TransformedL1Shape must be a finite number > 0; got 0." },
        { "penalty 9", Valid with { Penalty = (SparsityPenaltyKind)9 }, "Penalty", "Penalty must be one of L0, L1, TransformedL1; got 9." },
        { "λ/β overflows", Valid with { Lambda = 1e300, Beta = 1e-300 }, "Beta", "Lambda/Beta must be finite" },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Validate_RejectsOutOfRangeSettings(string name, RvscgdSettings settings, string option, string message)
    {
        foreach (Action use in new Action[] { settings.Validate, () => _ = new RvscgdSplitting(settings), () => _ = new RvscgdSolver(settings, 1) })
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(use);
            Assert.True(option == ex.ParamName, $"{name}: ParamName {ex.ParamName}");
            Assert.StartsWith(message, ex.Message);
        }
    }

    [Theory]
    [MemberData(nameof(Bad))]
    public void SplittingWithAnyProx_RejectsOutOfRangeLambdaAndBeta_AsTheSettingsDo(string name, RvscgdSettings settings, string option, string message)
    {
        if (option is not ("Lambda" or "Beta"))
            return; // a and the penalty kind belong to the settings' own penalty, not to a prox passed in
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RvscgdSplitting(settings.Lambda, settings.Beta, L1Penalty.Instance));
        Assert.True(option == ex.ParamName, $"{name}: ParamName {ex.ParamName}");
        Assert.StartsWith(message, ex.Message);
    }

    [Fact]
    public void ShapeIsChecked_EvenForL0_SoATypoIsNotSilentlyCarried()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => (Valid with { Penalty = SparsityPenaltyKind.L0, TransformedL1Shape = -1 }).Validate());
    }

    [Theory]
    [InlineData(0.0, "got 0.")]
    [InlineData(-1.0, "got -1.")]
    [InlineData(double.NaN, "got NaN.")]
    public void LearningRate_MustBeAFinitePositiveNumber(double eta, string got)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RvscgdSolver(Valid, eta));
        Assert.Equal("LearningRate", ex.ParamName);
        Assert.StartsWith("LearningRate must be a finite number > 0; " + got, ex.Message);
    }

    [Fact]
    public void Tau_IsLambdaOverBeta() => Assert.Equal(0.025, Valid.Tau, 15);
}
