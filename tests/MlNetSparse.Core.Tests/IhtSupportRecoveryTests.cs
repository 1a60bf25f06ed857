using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Sparsity;
using MlNetSparse.Core.Training;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>IHT recovers the support of a noiseless sparse linear system (compressed sensing with m &lt; n).</summary>
public class IhtSupportRecoveryTests
{
    [Theory]
    [InlineData(61)]
    [InlineData(62)]
    [InlineData(63)]
    public void RecoversTheExactSupportAndWeightsOfANoiselessSparseSystem(int seed)
    {
        const int rows = 100, columns = 200, trueNonzeros = 5;
        var random = new Random(seed);
        // θ_true = [w (200), b]: five weights of magnitude in [1, 2] with random signs, bias 0.
        var truth = new float[columns + 1];
        foreach (int j in Enumerable.Range(0, columns).OrderBy(_ => random.Next()).Take(trueNonzeros))
            truth[j] = (float)((1 + random.NextDouble()) * (random.Next(2) == 0 ? -1 : 1));
        var (x, y) = SyntheticData.LinearRegression(random, rows, columns, truth);
        var objective = SyntheticData.LeastSquares(x, y, columns);

        // The budget counts every entry of θ, the bias slot included. The truth has a zero bias,
        // so ‖θ_true‖₀ = 5 and s = 5 is exactly the true sparsity: a larger s would let IHT keep
        // an extra (numerically tiny) entry, a smaller one could not represent the truth.
        var result = IhtTraining.Train(objective, UniformInitializer.ForLinearLayer(columns), new IhtSolverOptions
        {
            Sparsity = trueNonzeros,
            MaximumIterations = 3000,
            OptimizationTolerance = 1e-7,
            MonteCarloSampleCount = 100,
            MonteCarloSeed = seed,
            CompareWithDenseOptimum = false,
        });

        float[] theta = result.Solution.Parameters;
        Assert.Equal(Support.Indices(truth), Support.Indices(theta));
        Assert.True(SyntheticData.MaxAbsDifference(theta, truth) <= 1e-3, $"‖θ − θ_true‖∞ = {SyntheticData.MaxAbsDifference(theta, truth)}");
        // Noiseless: the training loss goes to (rounding-level) zero.
        Assert.True(result.Solution.Loss <= 1e-8, $"final loss {result.Solution.Loss}");
        Assert.True(result.Solution.Converged, $"stopped by {result.Solution.StopReason}");
    }
}
