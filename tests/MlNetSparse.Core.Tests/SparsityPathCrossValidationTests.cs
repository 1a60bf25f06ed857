using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Training;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>The cross-validated sparsity path: the pooled curve, the one-standard-error rule, the extended BIC, the folds, determinism.</summary>
public class SparsityPathCrossValidationTests
{
    [Fact]
    public void Pool_IsTheWeightedMean_WithCvGlmnetsStandardError()
    {
        // values 1, 3, 5 with weights 1, 1, 2: mean (1 + 3 + 10)/4 = 3.5;
        // spread Σ w (v − 3.5)² / Σ w = (6.25 + 0.25 + 2·2.25)/4 = 2.75; SE = √(2.75 / 2).
        CrossValidationEstimate estimate = CrossValidationEstimate.Pool([1, 3, 5], [1, 1, 2]);
        Assert.Equal(3.5, estimate.Mean, 12);
        Assert.Equal(Math.Sqrt(2.75 / 2), estimate.StandardError, 12);
        Assert.Equal(double.PositiveInfinity, CrossValidationEstimate.Pool([1, double.PositiveInfinity], [1, 1]).Mean);
    }

    [Fact]
    public void PoolRepeats_AveragesTheRepeatsMeans_AndTheirStandardErrors()
    {
        // Two repeats of two folds, weights 1: repeat 0 has values 1, 3 (mean 2, SE √(1/1) = 1),
        // repeat 1 has 2, 6 (mean 4, SE √(4/1) = 2); pooled: mean 3, SE (1 + 2)/2 = 1.5, not the SE of four independent values.
        CrossValidationEstimate estimate = CrossValidationEstimate.PoolRepeats([1, 3, 2, 6], [1, 1, 1, 1], repeats: 2);
        Assert.Equal(3, estimate.Mean, 12);
        Assert.Equal(1.5, estimate.StandardError, 12);
        // One repeat is Pool itself.
        Assert.Equal(CrossValidationEstimate.Pool([1, 3, 5], [1, 1, 2]), CrossValidationEstimate.PoolRepeats([1, 3, 5], [1, 1, 2], repeats: 1));
        // A non-finite fold makes the pooled loss infinite, as one repeat does.
        Assert.Equal(double.PositiveInfinity, CrossValidationEstimate.PoolRepeats([1, 3, 2, double.PositiveInfinity], [1, 1, 1, 1], 2).Mean);
        Assert.Throws<ArgumentException>(() => CrossValidationEstimate.PoolRepeats([1, 3, 2], [1, 1, 1], repeats: 2));
    }

    [Fact]
    public void Rules_ReadARepeatedCurve_AsComputedByHand()
    {
        // Three s, two repeats of two folds each (weights 1). Per repeat and s (fold values):
        //   s₀: (4, 4) (4, 4)          → means 4, 4     → 4,    SE (0 + 0)/2 = 0
        //   s₁: (2, 3) (3.5, 2.5)      → means 2.5, 3   → 2.75, SE (0.5 + 0.5)/2 = 0.5
        //   s₂: (2.25, 2.75) (2.5, 2.9) → means 2.5, 2.7 → 2.6,  SE (0.25 + 0.2)/2 = 0.225
        // The minimum is s₂ (2.6); the first repeat alone ties s₁ and s₂ at 2.5 and takes s₁, the smaller.
        // One-SE limit 2.6 + 0.225 = 2.825: s₁ (2.75) is within it, so the rule takes s₁.
        double[][] folds = [[4, 2, 2.25], [4, 3, 2.75], [4, 3.5, 2.5], [4, 2.5, 2.9]];
        CrossValidationEstimate[] curve = [.. Enumerable.Range(0, 3).Select(i =>
            CrossValidationEstimate.PoolRepeats([.. folds.Select(f => f[i])], [1, 1, 1, 1], repeats: 2))];
        Assert.Equal([4, 2.75, 2.6], curve.Select(c => Math.Round(c.Mean, 12)));
        Assert.Equal([0, 0.5, 0.225], curve.Select(c => Math.Round(c.StandardError, 12)));
        Assert.Equal(2, SparsityPathSelection.Best([.. curve.Select(c => c.Mean)]));
        Assert.Equal(1, SparsityPathSelection.OneStandardError(curve));
        CrossValidationEstimate[] first = [.. Enumerable.Range(0, 3).Select(i => CrossValidationEstimate.Pool([folds[0][i], folds[1][i]], [1, 1]))];
        Assert.Equal(1, SparsityPathSelection.Best([.. first.Select(c => c.Mean)]));
    }

    [Fact]
    public void RepeatSeeds_AreTheSeedItselfFirst_ThenDistinctAndFixed()
    {
        Assert.Equal(7, CrossValidationFolds.RepeatSeed(7, 0));
        int[] seeds = [.. Enumerable.Range(0, 5).Select(r => CrossValidationFolds.RepeatSeed(7, r))];
        Assert.Equal(seeds, Enumerable.Range(0, 5).Select(r => CrossValidationFolds.RepeatSeed(7, r)));
        Assert.Equal(5, seeds.Distinct().Count());
        Assert.All(seeds, s => Assert.True(s >= 0));
        // Nearby first seeds do not share later repeats' folds: seed 8's repeat 1 is not seed 7's repeat 2.
        Assert.NotEqual(CrossValidationFolds.RepeatSeed(7, 2), CrossValidationFolds.RepeatSeed(8, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CrossValidationFolds.RepeatSeed(7, -1));
    }

    [Theory]
    [InlineData(30, 5)]      // ⌈2000/30⌉ = 67, capped
    [InlineData(400, 5)]
    [InlineData(401, 5)]     // ⌈4.99⌉
    [InlineData(569, 4)]     // ⌈3.51⌉
    [InlineData(1000, 2)]
    [InlineData(1999, 2)]
    [InlineData(2000, 1)]
    [InlineData(100_000, 1)]
    public void AutomaticRepeats_AimAt2000HeldOutRows_AtMost5(int rows, int repeats)
    {
        Assert.Equal(repeats, SparsityPathOptions.AutomaticRepeats(rows));
        var options = new SparsityPathOptions { Training = new IhtSolverOptions { Sparsity = 1 } };
        Assert.Equal(repeats, options.RepeatsFor(rows));
        Assert.Equal(3, (options with { CrossValidationRepeats = 3 }).RepeatsFor(rows));
    }

    [Fact]
    public void RepeatedCrossValidation_IsDeterministic_AndItsFirstRepeatIsPlainKFold()
    {
        SparsityPathCrossValidationResult once = Run(threads: 1), repeated = Run(threads: 2, repeats: 3), again = Run(threads: 1, repeats: 3);
        Assert.Equal(3, repeated.Repeats);
        Assert.Equal(12, repeated.Folds.Count);
        Assert.Equal(repeated.Curve, again.Curve);
        // The first repeat's folds are plain k-fold's, bit for bit.
        for (int k = 0; k < once.Folds.Count; k++)
            for (int i = 0; i < once.Sparsities.Count; i++)
                Assert.Equal(once.Folds[k].Steps[i].Parameters, repeated.Folds[k].Steps[i].Parameters);
        // The curve is the mean of the repeats' curves.
        for (int i = 0; i < once.Sparsities.Count; i++)
        {
            double mean = Enumerable.Range(0, 3).Average(r => Enumerable.Range(0, 4).Sum(k => repeated.Folds[r * 4 + k].Steps[i].ValidationLoss * repeated.FoldWeights[r * 4 + k])
                / Enumerable.Range(0, 4).Sum(k => repeated.FoldWeights[r * 4 + k]));
            Assert.Equal(mean, repeated.Curve[i].Mean, 10);
        }
    }

    [Fact]
    public void OneStandardError_TakesTheSmallestSWithinOneErrorOfTheMinimum()
    {
        // Minimum 2.4 ± 0.2 at index 3: the limit is 2.6, and index 2 (2.5) is the first at or below it, index 1 (3.0) is not.
        CrossValidationEstimate[] curve = [new(5, 0.1), new(3.0, 0.3), new(2.5, 0.1), new(2.4, 0.2), new(2.6, 0.05)];
        Assert.Equal(2, SparsityPathSelection.OneStandardError(curve));
        // With a smaller error at the minimum the rule stays there.
        curve[3] = new(2.4, 0.05);
        Assert.Equal(3, SparsityPathSelection.OneStandardError(curve));
    }

    [Fact]
    public void ExtendedBic_MatchesItsFormula_AndPicksTheKneeOfAConstructedPath()
    {
        // Gaussian, f = ½ (mean squared residual 1): deviance 0; k = 2, n = 100, P = 10, γ = 1: 2·(ln 100 + 2 ln 10).
        Assert.Equal(2 * (Math.Log(100) + 2 * Math.Log(10)), SparsityPathSelection.ExtendedBic(0.5, true, 2, 100, 10), 10);
        // Log loss: deviance 2·n·f.
        Assert.Equal(2 * 50 * 0.3 + 3 * Math.Log(50), SparsityPathSelection.ExtendedBic(0.3, false, 3, 50, 7, gamma: 0), 10);

        // A path whose loss falls steeply to k = 3, then by 1 % per step: deviance 100·ln(2f) against a penalty of
        // ln 100 + 2 ln 20 ≈ 10.6 per nonzero. By hand: k = 2: 69.3 + 21.2 = 90.5; k = 3: 0 + 31.8; k = 4: −2.0 + 42.4.
        double[] losses = [2.0, 1.0, 0.5, 0.495, 0.49, 0.485];
        double[] bic = [.. losses.Select((f, i) => SparsityPathSelection.ExtendedBic(f, true, i + 1, 100, 20))];
        Assert.Equal(2, SparsityPathSelection.Best(bic));
    }

    [Fact]
    public void Folds_AreBalanced_Stratified_AndSeeded()
    {
        float[] classes = [.. Enumerable.Range(0, 30).Select(i => i < 20 ? 0f : 1f)];
        int[] folds = CrossValidationFolds.Assign(30, 5, seed: 3, strata: classes);
        for (int f = 0; f < 5; f++)
        {
            Assert.Equal(6, folds.Count(x => x == f));
            Assert.Equal(4, Enumerable.Range(0, 20).Count(i => folds[i] == f));   // 20 of class 0 spread 4 per fold
        }
        Assert.Equal(folds, CrossValidationFolds.Assign(30, 5, seed: 3, strata: classes));
        Assert.NotEqual(folds, CrossValidationFolds.Assign(30, 5, seed: 4, strata: classes));
        float[] weights = [0, .. Enumerable.Repeat(1f, 29)];
        Assert.Equal(-1, CrossValidationFolds.Assign(30, 5, 3, default, weights)[0]);
    }

    [Fact]
    public void Curve_AndPick_AreTheSameBits_OnOneOrManyThreads()
    {
        SparsityPathCrossValidationResult serial = Run(threads: 1), parallel = Run(threads: 4);
        Assert.Equal(serial.Curve, parallel.Curve);
        Assert.Equal((serial.MinimumIndex, serial.OneStandardErrorIndex), (parallel.MinimumIndex, parallel.OneStandardErrorIndex));
        for (int k = 0; k < serial.Folds.Count; k++)
            for (int i = 0; i < serial.Sparsities.Count; i++)
                Assert.Equal(serial.Folds[k].Steps[i].Parameters, parallel.Folds[k].Steps[i].Parameters);
        // Every s of every fold is trained (no early stop), and the planted 4 weights + bias are found.
        Assert.All(serial.Folds, path => Assert.Equal(serial.Sparsities.Count, path.Steps.Count));
        Assert.InRange(serial.Sparsities[serial.MinimumIndex], 5, 8);
        Assert.InRange(serial.Sparsities[serial.OneStandardErrorIndex], 5, serial.Sparsities[serial.MinimumIndex]);
    }

    // 120 rows, 12 features, 4 true weights, noise σ = 0.5; 4 folds, each repeat on its seed (CrossValidationFolds.RepeatSeed).
    private static SparsityPathCrossValidationResult Run(int threads, int repeats = 1)
    {
        const int rows = 120, columns = 12, k = 4;
        var random = new Random(7);
        float[] x = SyntheticData.GaussianMatrix(random, rows, columns);
        float[] truth = [1.5f, -1, 0.8f, 0, 0, 0, 0, 0, -1.2f, 0, 0, 0];
        float[] y = [.. Enumerable.Range(0, rows).Select(i => (float)(Enumerable.Range(0, columns).Sum(j => x[i * columns + j] * truth[j]) + 0.3 + 0.5 * random.NextGaussian()))];
        var folds = new SparsityPathFold[repeats * k];
        for (int r = 0; r < repeats; r++)
        {
            int[] fold = CrossValidationFolds.Assign(rows, k, seed: CrossValidationFolds.RepeatSeed(11, r));
            for (int f = 0; f < k; f++)
            {
                int[] train = [.. Enumerable.Range(0, rows).Where(i => fold[i] != f)], held = [.. Enumerable.Range(0, rows).Where(i => fold[i] == f)];
                folds[r * k + f] = new SparsityPathFold(Objective(x, y, train, columns, threads), Objective(x, y, held, columns, threads), held.Length);
            }
        }
        var options = new SparsityPathOptions { Training = new IhtSolverOptions { Sparsity = 1, MaximumIterations = 2000, MonteCarloSeed = 5 }, EarlyStopping = true };
        return SparsityPathCrossValidation.Train(folds, UniformInitializer.ForLinearLayer(columns), [1, 2, 3, 4, 5, 6, 7, 8, 10, 12], options, maxParallelFolds: threads,
            repeats: repeats);
    }

    private static LinearModelObjective Objective(float[] x, float[] y, int[] rows, int columns, int threads)
    {
        float[] features = [.. rows.SelectMany(i => x.AsSpan(i * columns, columns).ToArray())];
        return new LinearModelObjective(new DenseFeatureMatrix(features, rows.Length, columns), [.. rows.Select(i => y[i])], new SquaredLoss()) { MaxDegreeOfParallelism = threads };
    }
}
