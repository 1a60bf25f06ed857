using MlNetSparse.Core.Networks.Training;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Stochastic;
using MlNetSparse.Core.Training;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>
/// The core's option declarations drive validation: every value just outside a declared range is
/// rejected with one message that names the option and its range, and each record's defaults are the declared ones.
/// </summary>
public class OptionTableTests
{
    // Validated against the largest problem, so that Sparsity's data-bound maximum is its declared one.
    private static readonly OptionTableSubject[] Subjects =
    [
        new("IHT", IhtSolverOptions.Table, () => new IhtSolverOptions { Sparsity = 1 }, o => ((IhtSolverOptions)o).Validate(parameterCount: int.MaxValue)),
        new("Sparsity path", SparsityPathOptions.Table, () => new SparsityPathOptions { Training = new() { Sparsity = 1 } },
            o => ((SparsityPathOptions)o).Validate(parameterCount: int.MaxValue)),
        new("Mini-batch IHT", MiniBatchOptions.Table, () => new MiniBatchOptions { InitialSize = 1 }, o => ((MiniBatchOptions)o).Validate()),
        new("Network training", NetworkTrainingOptions.Table, () => new NetworkTrainingOptions(), o => ((NetworkTrainingOptions)o).Validate()),
    ];

    public static TheoryData<string, string, double> OutOfRange() => OptionTableSubject.Cases(Subjects);

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void EveryValueOutsideADeclaredRange_IsRejected_NamingTheOptionAndItsRange(string subject, string option, double value)
        => Subjects.Single(s => s.Name == subject).AssertRejected(option, value);

    [Fact]
    public void TheRecordsDefaults_AreTheDeclaredOnes()
    {
        Subjects[0].AssertDefaultsAreTheDeclared(new IhtSolverOptions { Sparsity = 1 });
        Subjects[1].AssertDefaultsAreTheDeclared(new SparsityPathOptions { Training = new() { Sparsity = 1 } });
        Subjects[2].AssertDefaultsAreTheDeclared(new MiniBatchOptions { InitialSize = 1 });
        Subjects[3].AssertDefaultsAreTheDeclared(new NetworkTrainingOptions());
    }

    [Fact]
    public void EveryRangedOption_HasValuesOutside_SoTheTheoryCannotBeEmpty()
    {
        foreach (OptionSpec option in Subjects.SelectMany(s => s.Table.Options).Where(o => !o.Allowed.AcceptsAll))
            Assert.NotEmpty(option.Allowed.ValuesOutside());
    }

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(0.5, true)]
    [InlineData(-1e-300, false)]
    [InlineData(0.5000001, false)]
    [InlineData(double.NaN, false)]
    public void ARange_ContainsItsClosedEnds_AndNothingBeyond(double value, bool contained)
        => Assert.Equal(contained, OptionRange.Between(0, 0.5).Contains(value));

    [Fact]
    public void RangesAreWorded_InTheOneMessageShape()
    {
        Assert.Equal("in [1, 1000]", OptionRange.Integer(1, 1000).Describe());
        Assert.Equal("an integer ≥ 0", OptionRange.Integer(0).Describe());
        Assert.Equal("a finite number > 0", OptionRange.AtLeast(0, open: true).Describe());
        Assert.Equal("in (0, 0.5]", OptionRange.Between(0, 0.5, lowerOpen: true).Describe());
        Assert.Equal("in [0, 1)", OptionRange.Between(0, 1, upperOpen: true).Describe());
        Assert.Equal("one of Zero, RandomSparse", OptionRange.OneOf<SparseStartKind>().Describe());
        Assert.False(OptionRange.Integer(1, 10).Contains(2.5));
    }

    [Fact]
    public void ATableNamesTheMissingOption()
        => Assert.Contains("IHT has no option named Nope", Assert.Throws<KeyNotFoundException>(() => IhtSolverOptions.Table["Nope"]).Message);
}
