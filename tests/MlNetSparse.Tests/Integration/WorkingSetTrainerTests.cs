using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSparse.Core.Training;
using MlNetSparse.Trainers;

namespace MlNetSparse.Tests.Integration;

/// <summary>
/// The working set through ML.NET (docs/algorithms.md#working-set): on by default on wide sparse rows, it fits the same
/// model as IHT over all columns (WorkingSet = Off) and the report counts its passes in a phase of its own.
/// </summary>
public class WorkingSetTrainerTests
{
    private const int Columns = 400;

    [Fact]
    public void WideSparseRows_DefaultFit_UsesAWorkingSet_AndEqualsTheFitOverAllColumns()
    {
        var ml = new MLContext(seed: 5);
        IDataView data = ml.Data.LoadFromEnumerable(Rows(rows: 800, seed: 9));
        var defaults = new SparseIhtBinaryTrainer.Options { Sparsity = 7 };
        Assert.Equal(WorkingSetMode.Auto, defaults.WorkingSet);
        SparseIhtTrainingReport onWorkingSet = ml.BinaryClassification.Trainers.SparseIht(defaults).Fit(data).GetSparseIhtReport();
        SparseIhtTrainingReport full = ml.BinaryClassification.Trainers.SparseIht(
            new SparseIhtBinaryTrainer.Options { Sparsity = 7, WorkingSet = WorkingSetMode.Off }).Fit(data).GetSparseIhtReport();

        Assert.True(onWorkingSet.Phases!.WorkingSet.Passes >= 4, $"{onWorkingSet.Phases}");
        Assert.Equal(0, full.Phases!.WorkingSet.Passes);
        Assert.True(onWorkingSet.Phases.Iterations.Passes < full.Phases.Iterations.Passes / 2,
            $"working set {onWorkingSet.Phases.Iterations.Passes} passes, all columns {full.Phases.Iterations.Passes}");
        Assert.Equal(full.Support.Select(p => p.Index), onWorkingSet.Support.Select(p => p.Index));
        Assert.Equal(full.FinalLoss, onWorkingSet.FinalLoss, 1e-6 * full.FinalLoss);
        Assert.Equal(full.Certificate.Verdict, onWorkingSet.Certificate.Verdict);

        // The rounds: the last full check found nothing missing, on fewer columns than the data has.
        WorkingSetReport rounds = onWorkingSet.WorkingSet!;
        Assert.Equal(Columns, rounds.FeatureCount);
        Assert.Equal(0, rounds.Rounds[^1].Violators);
        Assert.InRange(rounds.FinalColumns, 7, Columns - 1);
        Assert.Null(full.WorkingSet);
        Assert.Contains($"working set: {rounds}", onWorkingSet.ToString());
        Assert.DoesNotContain("working set:", full.ToString());
    }

    [Fact]
    public void AnUndefinedMode_IsOneErrorNamingTheOption()
    {
        var ml = new MLContext(seed: 5);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.BinaryClassification.Trainers.SparseIht(
            new SparseIhtBinaryTrainer.Options { Sparsity = 7, WorkingSet = (WorkingSetMode)9 }));
        Assert.Equal(nameof(SparseIhtBinaryTrainer.Options.WorkingSet), error.ParamName);
    }

    // ±1 entries on about 6 % of the columns; the label follows 6 of them through a logistic link.
    private static Row[] Rows(int rows, int seed)
    {
        var random = new Random(seed);
        int[] truth = [.. Enumerable.Range(0, Columns).OrderBy(_ => random.Next()).Take(6)];
        var result = new Row[rows];
        for (int i = 0; i < rows; i++)
        {
            var values = new float[Columns];
            for (int j = 0; j < Columns; j++)
                if (random.NextDouble() < 0.06)
                    values[j] = random.Next(2) == 0 ? -1f : 1f;
            double z = 0.2 + truth.Sum(j => 2.5 * values[j]);
            result[i] = new Row { Features = values, Label = random.NextDouble() < 1 / (1 + Math.Exp(-z)) };
        }
        return result;
    }

    private sealed class Row
    {
        [VectorType(Columns)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }
}
