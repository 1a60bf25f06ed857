using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Sparsity;
using MlNetSparse.Core.Training;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>
/// The thorough swap search on small data (docs/algorithms.md#support-polish): on a few dozen rows of strongly correlated
/// features, where IHT settles on whichever support of a correlated group it meets first, the fit is checked against the
/// exact best subset of each size, found by enumerating every support and solving its least squares in double.
/// </summary>
public class ThoroughSwapSearchTests(ITestOutputHelper output)
{
    private const int Rows = 40, Features = 12, GroupSize = 3;

    [Fact]
    public void OnCorrelatedFeatures_TheFitReachesTheExactBestSubset_WhereIhtAloneDoesNot()
    {
        int exact = 0, withoutSearchExact = 0, runs = 0, swapped = 0;
        for (int seed = 1; seed <= 8; seed++)
        {
            var (x, labels) = CorrelatedProblem(seed);
            var objective = new LinearModelObjective(new DenseFeatureMatrix(x, Rows, Features), labels, new SquaredLoss());
            var initializer = UniformInitializer.ForLinearLayer(Features);
            foreach (int sparsity in new[] { 3, 4, 5 })
            {
                runs++;
                double best = BestSubsetLoss(x, labels, sparsity);
                IhtTrainingResult fit = IhtTraining.Train(objective, initializer, new IhtSolverOptions { Sparsity = sparsity, MonteCarloSeed = seed });
                // IHT alone, to its own stop: the optimiser without the polish and the searches.
                IhtTrainingResult plain = IhtTraining.Train(objective, initializer, new IhtSolverOptions { Sparsity = sparsity, MonteCarloSeed = seed, PolishSupport = false });
                output.WriteLine($"seed {seed}, s = {sparsity}: exact {best:R}, fit {fit.Solution.Loss:R} ({fit.Polish!.Swaps} swaps, {fit.Phases.Total.Passes} passes), " +
                    $"IHT alone {plain.Solution.Loss:R}");

                Assert.True(Support.CountNonzero(fit.Solution.Parameters) <= sparsity);
                Assert.True(fit.Solution.Loss >= best * (1 - 1e-5), "below the exact optimum: the enumeration is wrong");
                Assert.True(fit.Solution.Loss <= plain.Solution.Loss * (1 + 1e-6), $"the fit ended above IHT alone: {fit.Solution.Loss} vs {plain.Solution.Loss}");
                IhtMonotoneLossTests.AssertNonIncreasing(fit.Solution.LossHistory);
                if (fit.Solution.Loss <= best * (1 + 1e-5))
                    exact++;
                if (fit.Polish.Swaps > 0)
                    swapped++;
                if (plain.Solution.Loss <= best * (1 + 1e-5))
                    withoutSearchExact++;
            }
        }
        output.WriteLine($"exact best subset reached: {exact} of {runs} fits ({swapped} with a swap); IHT alone {withoutSearchExact}");
        Assert.True(swapped >= runs / 3, $"only {swapped} of {runs} fits took a swap: the design does not exercise the search");
        Assert.True(withoutSearchExact < runs, "IHT alone found every best subset: the design does not test the search");
        Assert.True(exact >= runs - 1, $"the fit reached the exact best subset in {exact} of {runs} fits");
        Assert.True(exact > withoutSearchExact);
    }

    // Four groups of three features, each a shared N(0, 1) factor plus N(0, 0.35²) noise (correlation ≈ 0.89 within a
    // group); y = 2·x₀ − 1.5·x₄ + x₈ + 0.8·x₁₁ + 3 + N(0, 1).
    private static (float[] X, float[] Labels) CorrelatedProblem(int seed)
    {
        var random = new Random(seed);
        var x = new float[Rows * Features];
        var labels = new float[Rows];
        for (int i = 0; i < Rows; i++)
        {
            for (int g = 0; g < Features / GroupSize; g++)
            {
                double factor = random.NextGaussian();
                for (int k = 0; k < GroupSize; k++)
                    x[i * Features + g * GroupSize + k] = (float)(factor + 0.35 * random.NextGaussian());
            }
            labels[i] = (float)(2 * x[i * Features] - 1.5 * x[i * Features + 4] + x[i * Features + 8] + 0.8 * x[i * Features + 11] + 3 + random.NextGaussian());
        }
        return (x, labels);
    }

    // min over supports S of at most s parameters (weights and the bias alike, as IHT counts them) of ½·mean (y − X_S θ_S)²,
    // by the normal equations in double on every S of exactly s parameters (a smaller one is never better).
    private static double BestSubsetLoss(float[] x, float[] labels, int sparsity)
    {
        int parameters = Features + 1;
        double best = double.PositiveInfinity;
        foreach (int[] support in Subsets(parameters, sparsity))
        {
            double Column(int i, int j) => j == Features ? 1 : x[i * Features + j];
            var gram = new double[sparsity, sparsity];
            var right = new double[sparsity];
            for (int i = 0; i < Rows; i++)
                for (int a = 0; a < sparsity; a++)
                {
                    right[a] += Column(i, support[a]) * labels[i];
                    for (int b = 0; b < sparsity; b++)
                        gram[a, b] += Column(i, support[a]) * Column(i, support[b]);
                }
            double[] theta = Solve(gram, right);
            double loss = 0;
            for (int i = 0; i < Rows; i++)
            {
                double residual = labels[i];
                for (int a = 0; a < sparsity; a++)
                    residual -= theta[a] * Column(i, support[a]);
                loss += residual * residual;
            }
            best = Math.Min(best, 0.5 * loss / Rows);
        }
        return best;
    }

    private static IEnumerable<int[]> Subsets(int n, int k)
    {
        var current = new int[k];
        for (int i = 0; i < k; i++)
            current[i] = i;
        while (true)
        {
            yield return (int[])current.Clone();
            int position = k - 1;
            while (position >= 0 && current[position] == n - k + position)
                position--;
            if (position < 0)
                yield break;
            current[position]++;
            for (int i = position + 1; i < k; i++)
                current[i] = current[i - 1] + 1;
        }
    }

    // Gaussian elimination with partial pivoting (the Gram matrices here are small and well conditioned).
    private static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        var m = (double[,])a.Clone();
        var v = (double[])b.Clone();
        for (int c = 0; c < n; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < n; r++)
                if (Math.Abs(m[r, c]) > Math.Abs(m[pivot, c]))
                    pivot = r;
            for (int k = 0; k < n; k++)
                (m[c, k], m[pivot, k]) = (m[pivot, k], m[c, k]);
            (v[c], v[pivot]) = (v[pivot], v[c]);
            for (int r = c + 1; r < n; r++)
            {
                double factor = m[r, c] / m[c, c];
                for (int k = c; k < n; k++)
                    m[r, k] -= factor * m[c, k];
                v[r] -= factor * v[c];
            }
        }
        var x = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double sum = v[r];
            for (int k = r + 1; k < n; k++)
                sum -= m[r, k] * x[k];
            x[r] = sum / m[r, r];
        }
        return x;
    }
}
