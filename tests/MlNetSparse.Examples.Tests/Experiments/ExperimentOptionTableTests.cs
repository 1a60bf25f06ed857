using MlNetSparse.Experiments.Data;
using MlNetSparse.Experiments.Escape;
using MlNetSparse.Experiments.Rvscgd;
using MlNetSparse.Experiments.Study;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Experiments;

/// <summary>
/// The experiments declare their options the way the library does (an option table per options record):
/// every value just outside a declared range is rejected with the one message shape, and each record's
/// defaults are the declared ones.
/// </summary>
public class ExperimentOptionTableTests
{
    private static readonly ClassificationData Iris = CsvClassificationReader.Read(BundledData.PathOf("iris.csv"), "Species", out _);

    // Each valid instance sets the option that bounds another (PatchSize for TeacherNonzeros, RunCount for
    // TrajectoryCount) to its largest value, so that the bound in force is the declared one.
    private static readonly OptionTableSubject[] Subjects =
    [
        new("RVSCGD toy", RvscgdToyOptions.Table, () => new RvscgdToyOptions { PatchSize = 1000 }, o => ((RvscgdToyOptions)o).Validate()),
        new("Escape", EscapeOptions.Table, () => new EscapeOptions { RunCount = 10_000_000 }, o => ((EscapeOptions)o).Validate()),
        new("IRIS study", StudyOptions.Table, () => new StudyOptions(), o => ((StudyOptions)o).Validate(Iris)),
    ];

    public static TheoryData<string, string, double> OutOfRange() => OptionTableSubject.Cases(Subjects);

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void EveryValueOutsideADeclaredRange_IsRejected_NamingTheOptionAndItsRange(string subject, string option, double value)
        => Subjects.Single(s => s.Name == subject).AssertRejected(option, value);

    [Fact]
    public void TheRecordsDefaults_AreTheDeclaredOnes()
    {
        Subjects[0].AssertDefaultsAreTheDeclared(new RvscgdToyOptions());
        Subjects[1].AssertDefaultsAreTheDeclared(new EscapeOptions());
        Subjects[2].AssertDefaultsAreTheDeclared(new StudyOptions());
    }

    [Fact]
    public void ABoundSetByAnotherOption_IsStatedInTheMessage()
    {
        var teacher = Assert.Throws<ArgumentOutOfRangeException>(() => new RvscgdToyOptions { PatchSize = 50, TeacherNonzeros = 51 }.Validate());
        Assert.StartsWith("TeacherNonzeros must be in [1, 50] (‖w*‖₀, at most d); got 51.", teacher.Message, StringComparison.Ordinal);
        var trajectories = Assert.Throws<ArgumentOutOfRangeException>(() => new EscapeOptions { RunCount = 100, TrajectoryCount = 101 }.Validate());
        Assert.StartsWith("TrajectoryCount must be in [0, 100]", trajectories.Message, StringComparison.Ordinal);
    }
}
