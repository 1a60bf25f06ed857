using Microsoft.ML;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Tests.TestData;
using MlNetSparse.Trainers;

namespace MlNetSparse.Tests.Integration;

/// <summary>
/// How a fit stopped and what it cost, as the report tells it through the real pipeline: <c>Converged</c> only
/// for a converged run, the passes over the rows per phase (counts, never times), the paper preset.
/// </summary>
public class ReportCostTests
{
    [Fact]
    public void ADefaultFit_EndsConverged_AndCountsItsPassesPerPhase()
    {
        var ml = new MLContext(seed: 3);
        SparseIhtTrainingReport report = Fit(ml, new SparseIhtRegressionTrainer.Options { Sparsity = 4 });

        Assert.Equal(IhtStopReason.Converged, report.StopReason);
        Assert.True(report.Converged);
        var phases = report.Phases!;
        // 3 samples of L̂₂ₛ, two passes each; the support polish's passes as its own report counts them.
        Assert.Equal(6, phases.Smoothness.Passes);
        Assert.Equal(0, phases.DenseReference.Passes);
        Assert.True(report.Polish!.Passes > 0, "the default fit polishes its support");
        Assert.Equal(report.Polish.Passes, phases.Polish.Passes);
        Assert.Equal(phases.Smoothness.Passes + phases.Iterations.Passes + phases.Polish.Passes, phases.Total.Passes);
        Assert.Null(report.OptimalityGap);
        Assert.Contains("passes over the rows: L̂₂ₛ 6, iterations", report.ToString());
    }

    [Fact]
    public void IhtAlone_CountsOnePassPerEvaluation()
    {
        var ml = new MLContext(seed: 3);
        SparseIhtTrainingReport report = Fit(ml, new SparseIhtRegressionTrainer.Options { Sparsity = 4, PolishSupport = false });
        Assert.Equal(IhtStopReason.Converged, report.StopReason);
        // The start, each step and each halving, the curvature bounds once.
        Assert.Equal(1 + report.Iterations + report.Backtracks + 1, report.Phases!.Iterations.Passes);
        Assert.Equal(0, report.Phases.Polish.Passes);
        Assert.Null(report.Polish);
    }

    [Fact]
    public void ACappedFit_IsNotConverged()
    {
        // IHT alone: a polish that reaches a fixed point would make the capped run converged.
        var ml = new MLContext(seed: 3);
        SparseIhtTrainingReport report = Fit(ml, new SparseIhtRegressionTrainer.Options { Sparsity = 4, MaximumNumberOfIterations = 2, PolishSupport = false });

        Assert.Equal(IhtStopReason.MaximumIterations, report.StopReason);
        Assert.False(report.Converged);
        Assert.Equal(1 + 2 + report.Backtracks + 1, report.Phases!.Iterations.Passes);
    }

    [Fact]
    public void WithPaperRules_RunsTheOldRules_TheDenseReferenceWithItsCost()
    {
        var ml = new MLContext(seed: 3);
        var options = new SparseIhtRegressionTrainer.Options { Sparsity = 5, MonteCarloSeed = 4, InitializationSeed = 1, SupportSeed = 2 }.WithPaperRules();
        Assert.Equal((50, true, 0.0), (options.MonteCarloSampleCount, options.CompareWithDenseOptimum, options.RelativeLossTolerance));
        SparseIhtTrainingReport report = Fit(ml, options);

        Assert.Equal(100, report.Phases!.Smoothness.Passes);
        Assert.True(report.Phases.DenseReference.Passes > 100, $"{report.Phases.DenseReference.Passes} passes");
        Assert.NotNull(report.OptimalityGap);
        Assert.NotNull(report.DenseStopReason);
        Assert.True(report.DenseLoss <= report.FinalLoss + 1e-6, "the dense model fits at least as well as the 5-sparse one");
        // The old rules never stop for a settled loss: a run to the rounding limit or the Newton-step test.
        Assert.Contains(report.StopReason, new[] { IhtStopReason.RoundingLimit, IhtStopReason.Converged, IhtStopReason.MaximumIterations });
        SparseIhtTrainingReport byDefault = Fit(new MLContext(seed: 3), new SparseIhtRegressionTrainer.Options { Sparsity = 5, MonteCarloSeed = 4 });
        Assert.True(report.Iterations > byDefault.Iterations, $"{report.Iterations} vs {byDefault.Iterations}");
    }

    private static SparseIhtTrainingReport Fit(MLContext ml, SparseIhtRegressionTrainer.Options options)
    {
        // Diabetes (442 rows, 10 features): not separable, so a fit converges rather than growing its weights to the cap.
        IDataView data = BundledData.DiabetesPreparation(ml).Fit(BundledData.Diabetes(ml)).Transform(BundledData.Diabetes(ml));
        return ml.Regression.Trainers.SparseIht(options).Fit(data).GetSparseIhtReport();
    }
}
