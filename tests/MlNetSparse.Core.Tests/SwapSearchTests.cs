using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Sparsity;
using MlNetSparse.Core.Training;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>
/// The swap search after the hand-over's polish (docs/algorithms.md#swap-search): on CSR columns of very different
/// popularity, where IHT's single step size weighs rare and common columns alike, swaps are taken only where f falls,
/// and the fit ends at a fixed point at least as good as IHT run to its own stop and polished.
/// </summary>
public class SwapSearchTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(16)]
    public void OnColumnsOfDifferentPopularity_SwapsLowerTheLoss_AndEndNoWorseThanIhtToItsOwnStop(int seed)
    {
        var (objective, sparsity) = PopularityProblem(seed);
        var options = new IhtSolverOptions { Sparsity = sparsity, MonteCarloSeed = 7, WorkingSet = WorkingSetMode.Off };
        var initializer = UniformInitializer.ForLinearLayer(Columns);
        IhtTrainingResult swapped = IhtTraining.Train(objective, initializer, options);
        IhtTrainingResult withoutHandOver = IhtTraining.Train(objective, initializer, options with { PolishAfterStableSteps = 0 });
        output.WriteLine($"seed {seed}: swaps {swapped.Polish!.Swaps}, f {swapped.Solution.Loss:R} in {swapped.Phases.Total.Passes} passes; " +
            $"IHT to its stop then the polish: f {withoutHandOver.Solution.Loss:R} in {withoutHandOver.Phases.Total.Passes} passes");

        Assert.True(swapped.Polish.Swaps > 0, "no swap was taken on this design");
        Assert.True(swapped.Solution.Loss <= withoutHandOver.Solution.Loss * (1 + 1e-6), $"{swapped.Solution.Loss} vs {withoutHandOver.Solution.Loss}");
        Assert.True(swapped.Phases.Total.Passes < withoutHandOver.Phases.Total.Passes, $"{swapped.Phases.Total.Passes} vs {withoutHandOver.Phases.Total.Passes} passes");
        Assert.Equal(IhtStopReason.Converged, swapped.Solution.StopReason);
        Assert.True(Support.CountNonzero(swapped.Solution.Parameters) <= sparsity);
        IhtMonotoneLossTests.AssertNonIncreasing(swapped.Solution.LossHistory);
    }

    private const int Rows = 3000, Columns = 300, TrueWeights = 12;

    // CSR rows: column j present in a share 0.5·0.98ʲ of the rows (0.5 down to 0.0014), N(0, 1) where present; a
    // 12-sparse truth of weights ±(1 to 2) spread over common and rare columns; logistic labels; s = 13 with the bias.
    private static (LinearModelObjective Objective, int Sparsity) PopularityProblem(int seed)
    {
        var random = new Random(seed);
        var x = new float[Rows * Columns];
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++)
                if (random.NextDouble() < 0.5 * Math.Pow(0.98, j))
                    x[i * Columns + j] = (float)random.NextGaussian();
        var truth = new double[Columns];
        foreach (int j in Enumerable.Range(0, Columns).OrderBy(_ => random.Next()).Take(TrueWeights))
            truth[j] = (1 + random.NextDouble()) * (random.Next(2) == 0 ? -1 : 1);
        var labels = new float[Rows];
        for (int i = 0; i < Rows; i++)
        {
            double z = 0.2;
            for (int j = 0; j < Columns; j++)
                z += truth[j] * x[i * Columns + j];
            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1f : 0f;
        }
        return (new LinearModelObjective(SyntheticData.ToSparse(x, Rows, Columns), labels, new LogisticLoss()), TrueWeights + 1);
    }
}
