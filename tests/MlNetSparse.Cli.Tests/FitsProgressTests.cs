using MlNetSparse.Cli.Commands;
using MlNetSparse.Cli.Data;
using MlNetSparse.Networks;
using MlNetSparse.Tests.TestData;
using MlNetSparse.DataFiles;

namespace MlNetSparse.Tests.Cli;

/// <summary>
/// The progress bar of `train`: one bar over every Fit (each fold, then the model on all rows), fed by
/// the trainers' own progress; it only moves forward and names the Fit and the stage running.
/// </summary>
public class FitsProgressTests
{
    private sealed class RecordingBar : IProgressBar
    {
        public List<(double Fraction, string Description)> Updates { get; } = [];

        public void Update(double fraction, string description) => Updates.Add((fraction, description));
    }

    private static TrainSettings Settings(string data, string label, int? folds) =>
        new(BundledData.PathOf(data), new DataFileOverrides(null, null, null), label, null, 0.2, folds, Seed: 1,
            Path.Combine(InspectTestModels.NewFolder(), "model.zip"), Force: false, Json: false, PlotFolder: null);

    [Fact]
    public void ThreeFolds_NameEachFold_ThenTheModelOnAllRows_AndTheBarOnlyMovesForward()
    {
        var bar = new RecordingBar();

        TrainRun.Execute(Settings("iris.csv", "Species", folds: 3), new IhtSettings(Sparsity: null, MaximumIterations: 1000), new FitsProgress(bar, folds: 3));

        string[] fits = [.. bar.Updates.Select(u => u.Description.Split(':')[0]).Distinct()];
        Assert.Equal(["fold 1/3", "fold 2/3", "fold 3/3", "model on all rows"], fits);
        Assert.Contains(bar.Updates, u => u.Description.StartsWith("fold 2/3: sparsity path s = 1 (1/12)", StringComparison.Ordinal));
        Assert.Contains(bar.Updates, u => u.Description.StartsWith("model on all rows: refit at s = ", StringComparison.Ordinal));
        // No dense reference: the library trains it only on request (CompareWithDenseOptimum), which the tool does not make.
        Assert.DoesNotContain(bar.Updates, u => u.Description.EndsWith("dense reference", StringComparison.Ordinal));
        AssertMovesForward(bar);
        // The last Fit is the fourth of four equal parts.
        Assert.InRange(bar.Updates.First(u => u.Description.StartsWith("model on all rows", StringComparison.Ordinal)).Fraction, 0.75, 1);
    }

    [Fact]
    public void OneS_OnATestSplit_IsOneFit()
    {
        var bar = new RecordingBar();

        TrainRun.Execute(Settings("breast_cancer.csv", "Diagnosis", folds: null), new IhtSettings(Sparsity: 8, MaximumIterations: 1000), new FitsProgress(bar, folds: null));

        Assert.Contains(bar.Updates, u => u.Description.StartsWith("training: IHT s = 8, step 1", StringComparison.Ordinal));
        Assert.All(bar.Updates, u => Assert.StartsWith("training: ", u.Description));
        AssertMovesForward(bar);
    }

    [Fact]
    public void Cnn_CountsEpochs_AndEndsFull()
    {
        var bar = new RecordingBar();

        TrainCnnRun.Execute(Settings("digits.csv", "Digit", folds: null), new CnnSettings(null, 2, BinarizedCnnSparsification.None),
            new FitsProgress(bar, folds: null));

        Assert.Equal(["training: epoch 1/2", "training: epoch 2/2"], bar.Updates.Select(u => u.Description).Distinct());
        AssertMovesForward(bar);
        Assert.Equal(1.0, bar.Updates[^1].Fraction, 12);
    }

    private static void AssertMovesForward(RecordingBar bar)
    {
        Assert.NotEmpty(bar.Updates);
        Assert.All(bar.Updates, u => Assert.InRange(u.Fraction, 0, 1));
        for (int i = 1; i < bar.Updates.Count; i++)
            Assert.True(bar.Updates[i].Fraction >= bar.Updates[i - 1].Fraction,
                $"update {i} ({bar.Updates[i].Description}): {bar.Updates[i].Fraction} < {bar.Updates[i - 1].Fraction}");
    }
}
