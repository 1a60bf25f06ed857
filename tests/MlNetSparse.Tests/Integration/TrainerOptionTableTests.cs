using Microsoft.ML;
using MlNetSparse.Core.Sparsity.Penalties;
using MlNetSparse.Networks;
using MlNetSparse.Tests.TestData;
using MlNetSparse.Trainers;

namespace MlNetSparse.Tests.Integration;

/// <summary>
/// The ML.NET Options classes read their ranges and defaults from the algorithms' declarations: every
/// value outside a declared range is rejected when the trainer is created, with one message that names
/// the option (under its public name) and its range; each Options default is the declared one.
/// </summary>
public class TrainerOptionTableTests
{
    private static readonly MLContext Ml = new(seed: 1);

    private static readonly OptionTableSubject[] Subjects =
    [
        new("Sparse IHT", SparseIhtOptionsBase.Table, () => new SparseIhtRegressionTrainer.Options { Sparsity = 1 },
            o => Ml.Regression.Trainers.SparseIht((SparseIhtRegressionTrainer.Options)o)),
        // Sparsification on, so that Lambda, Beta and TransformedL1Shape are checked too.
        new("Binarized CNN", BinarizedCnnTrainer.Options.Table, () => new BinarizedCnnTrainer.Options { Sparsification = BinarizedCnnSparsification.L1 },
            o => Ml.MulticlassClassification.Trainers.BinarizedCnn((BinarizedCnnTrainer.Options)o)),
    ];

    public static TheoryData<string, string, double> OutOfRange() => OptionTableSubject.Cases(Subjects);

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void EveryValueOutsideADeclaredRange_IsRejectedWhenTheTrainerIsCreated(string subject, string option, double value)
        => Subjects.Single(s => s.Name == subject).AssertRejected(option, value);

    [Fact]
    public void TheOptionsDefaults_AreTheDeclaredOnes()
    {
        Subjects[0].AssertDefaultsAreTheDeclared(new SparseIhtBinaryTrainer.Options());
        Subjects[0].AssertDefaultsAreTheDeclared(new SparseIhtMulticlassTrainer.Options());
        Subjects[1].AssertDefaultsAreTheDeclared(new BinarizedCnnTrainer.Options());
    }

    [Fact]
    public void EveryTableOption_IsAPublicPropertyOfItsOptions()
    {
        foreach (var spec in SparseIhtOptionsBase.Table.Options)
            Assert.NotNull(typeof(SparseIhtOptionsBase).GetProperty(spec.Name));
        foreach (var spec in BinarizedCnnTrainer.Options.Table.Options)
            Assert.NotNull(typeof(BinarizedCnnTrainer.Options).GetProperty(spec.Name));
    }

    [Fact]
    public void TheCnnSparsifications_AreTheCorePenaltiesPlusNone_NameForName()
    {
        Assert.Equal(["None", .. Enum.GetNames<SparsityPenaltyKind>()], Enum.GetNames<BinarizedCnnSparsification>());
        foreach (SparsityPenaltyKind kind in Enum.GetValues<SparsityPenaltyKind>())
            Assert.Equal(kind, BinarizedCnnTrainer.PenaltyOf(Enum.Parse<BinarizedCnnSparsification>(kind.ToString())));
    }
}
