using MlNetSparse.Cli;
using MlNetSparse.Cli.Data;
using MlNetSparse.DataFiles;

namespace MlNetSparse.Tests.Cli;

/// <summary>The task follows from the label column: two values → binary, text or few integers → multiclass, else regression.</summary>
public sealed class TrainTaskInferenceTests
{
    private static DataColumn Column(ColumnKind kind, bool integers, params string[] values) => new("y", 0, kind, values, integers, 0);

    public static TheoryData<DataColumn, PredictionTask> Cases => new()
    {
        { Column(ColumnKind.Text, false, "yes", "no"), PredictionTask.Binary },
        { Column(ColumnKind.Number, true, "0", "1"), PredictionTask.Binary },
        { Column(ColumnKind.Number, false, "-1.5", "2.5"), PredictionTask.Binary },
        { Column(ColumnKind.Text, false, "a", "b", "c"), PredictionTask.Multiclass },
        { Column(ColumnKind.Number, true, "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), PredictionTask.Multiclass },
        { Column(ColumnKind.Number, true, "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"), PredictionTask.Regression },
        { Column(ColumnKind.Number, false, "0.5", "1", "2"), PredictionTask.Regression },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Task_is_inferred_from_the_label(DataColumn label, PredictionTask expected) => Assert.Equal(expected, TaskInference.Infer(label));

    [Fact]
    public void Impossible_tasks_are_user_errors()
    {
        Assert.Contains("binary needs exactly 2", Assert.Throws<UserErrorException>(
            () => TaskInference.Check(PredictionTask.Binary, Column(ColumnKind.Text, false, "a", "b", "c"))).Message);
        Assert.Contains("regression needs numbers", Assert.Throws<UserErrorException>(
            () => TaskInference.Check(PredictionTask.Regression, Column(ColumnKind.Text, false, "a", "b", "c"))).Message);
        Assert.Contains("a single value", Assert.Throws<UserErrorException>(
            () => TaskInference.Check(PredictionTask.Multiclass, Column(ColumnKind.Text, false, "a"))).Message);
    }
}
