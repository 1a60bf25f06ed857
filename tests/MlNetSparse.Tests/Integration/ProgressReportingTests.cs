using Microsoft.ML.Data;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using MlNetSparse.Internals;
using MlNetSparse.Tests.TestData;
using MlNetSparse.Trainers;

namespace MlNetSparse.Tests.Integration;

/// <summary>
/// <see cref="SparseIhtOptionsBase.Progress"/>: the runs of a Fit are named in order, the share done
/// only grows and ends near 1, the callback can cancel, and watching does not change the model.
/// </summary>
public class ProgressReportingTests
{
    // Progress<T> posts to the thread pool; the tests want every report, in order, before Fit returns.
    private sealed class Recorder : IProgress<SparseIhtProgress>
    {
        public List<SparseIhtProgress> Reports { get; } = [];
        public Action<SparseIhtProgress>? OnReport { get; init; }

        public void Report(SparseIhtProgress value)
        {
            Reports.Add(value);
            OnReport?.Invoke(value);
        }
    }

    [Fact]
    public void APath_ReportsEachS_ThenTheFinalFit_ThenTheDenseReference_WithAGrowingShare()
    {
        var ml = new MLContext(seed: 1);
        var recorder = new Recorder();
        int[] grid = [1, 2, 4, 8, 12];
        var options = new SparseIhtMulticlassTrainer.Options { NumberOfFolds = 1, SparsityPath = grid, PathEarlyStopping = false, Progress = recorder, CompareWithDenseOptimum = true };

        var model = ml.MulticlassClassification.Trainers.SparseIht(options).Fit(PreparedIris(ml));

        List<SparseIhtProgress> reports = recorder.Reports;
        SparseIhtProgress[] path = [.. reports.Where(r => r.Stage == SparseIhtStage.SparsityPath)];
        // Every s of the grid reports at least its first step, with its 1-based place on the path.
        Assert.Equal(grid, path.Select(r => r.Sparsity).Distinct());
        Assert.All(path, r => Assert.Equal(Array.IndexOf(grid, r.Sparsity) + 1, r.PathStep));
        Assert.All(reports, r => Assert.Equal(grid.Length, r.PathSteps));
        // The stages come in order: path, final fit at the chosen s, dense reference at P = 15.
        SparseIhtStage[] stages = [.. reports.Select(r => r.Stage).Distinct()];
        Assert.Equal([SparseIhtStage.SparsityPath, SparseIhtStage.FinalFit, SparseIhtStage.DenseReference], stages);
        Assert.All(reports.Where(r => r.Stage == SparseIhtStage.FinalFit), r => Assert.Equal(model.GetSparseIhtReport().Sparsity, r.Sparsity));
        Assert.All(reports.Where(r => r.Stage == SparseIhtStage.DenseReference), r => Assert.Equal(15, r.Sparsity));
        // The share done never falls, stays in [0, 1], and the dense run is the last of 7 equal parts.
        for (int i = 1; i < reports.Count; i++)
            Assert.True(reports[i].Fraction >= reports[i - 1].Fraction, $"report {i}: {reports[i].Fraction} < {reports[i - 1].Fraction}");
        Assert.All(reports, r => Assert.InRange(r.Fraction, 0, 1));
        Assert.InRange(reports.First(r => r.Stage == SparseIhtStage.DenseReference).Fraction, 6.0 / 7, 1);
        // Steps done so far: from 1, but the final fit's start is reported once with 0 (it may take no step from a converged point).
        Assert.Single(reports, r => r.Iteration == 0);
        Assert.Equal(0, reports.First(r => r.Stage == SparseIhtStage.FinalFit).Iteration);
        Assert.All(reports, r => Assert.True(double.IsFinite(r.Loss) && r.Iteration >= (r.Stage == SparseIhtStage.FinalFit ? 0 : 1) && r.Iteration <= r.MaximumIterations));
    }

    [Fact]
    public void OneS_WithoutDenseReference_IsOneTrainingRun()
    {
        var ml = new MLContext(seed: 2);
        var recorder = new Recorder();
        var options = new SparseIhtMulticlassTrainer.Options { Sparsity = 4, CompareWithDenseOptimum = false, Progress = recorder };

        ml.MulticlassClassification.Trainers.SparseIht(options).Fit(PreparedIris(ml));

        Assert.NotEmpty(recorder.Reports);
        Assert.All(recorder.Reports, r => Assert.Equal((SparseIhtStage.Training, 4, 0, 0), (r.Stage, r.Sparsity, r.PathStep, r.PathSteps)));
        Assert.Equal(1, recorder.Reports[0].Iteration);
        // One run: the share is the iterations done over the cap.
        Assert.All(recorder.Reports, r => Assert.Equal(r.Iteration / (double)r.MaximumIterations, r.Fraction, 12));
    }

    [Fact]
    public void Watching_DoesNotChangeTheModel()
    {
        float[] Train(IProgress<SparseIhtProgress>? progress)
        {
            var ml = new MLContext(seed: 3);
            var options = new SparseIhtMulticlassTrainer.Options { NumberOfFolds = 1, SparsityPath = [], Progress = progress };
            var model = ml.MulticlassClassification.Trainers.SparseIht(options).Fit(PreparedIris(ml));
            return ModelInspection.Parameters((MaximumEntropyModelParameters)model.Model);
        }

        Assert.Equal(Train(null), Train(new Recorder()));
    }

    [Fact]
    public void CancellingFromTheCallback_StopsFit()
    {
        var ml = new MLContext(seed: 4);
        var recorder = new Recorder { OnReport = _ => MlNetInternals.CancelExecution(ml) };
        var options = new SparseIhtMulticlassTrainer.Options { Sparsity = 5, MaximumNumberOfIterations = 1_000_000, OptimizationTolerance = 0, Progress = recorder };

        Assert.ThrowsAny<OperationCanceledException>(() => ml.MulticlassClassification.Trainers.SparseIht(options).Fit(PreparedIris(ml)));
        Assert.Single(recorder.Reports);
    }

    private static IDataView PreparedIris(MLContext ml) => BundledData.IrisPreparation(ml).Fit(BundledData.Iris(ml)).Transform(BundledData.Iris(ml));
}
