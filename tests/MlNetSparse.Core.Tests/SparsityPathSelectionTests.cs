using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Training;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>The rules that choose s from validation losses and end a path, the grids, and the row split they rely on.</summary>
public class SparsityPathSelectionTests
{
    [Fact]
    public void Choose_WithoutTolerance_IsTheArgmin_TheSmallerSOnATie()
    {
        Assert.Equal(4, SparsityPathSelection.Choose([3, 2, 1, 1.005, 0.999, 1.2], 0));
        Assert.Equal(1, SparsityPathSelection.Choose([3, 0.5, 1, 0.5], 0));
        Assert.Equal(0, SparsityPathSelection.Choose([7], 0));
    }

    [Fact]
    public void Choose_WithATolerance_IsTheSmallestSWithinItOfTheBest()
    {
        double[] losses = [3, 2, 1, 1.005, 0.999, 1.2];
        // best 0.999: limit 0.999·1.01 = 1.00899 admits index 2 (1.0) first.
        Assert.Equal(2, SparsityPathSelection.Choose(losses, 0.01));
        // limit 0.999·1.0005 = 0.9995: only the best itself.
        Assert.Equal(4, SparsityPathSelection.Choose(losses, 0.0005));
        Assert.Equal(0, SparsityPathSelection.Choose(losses, 3));
        // Against a brute-force reading of the rule, on random losses and tolerances.
        var random = new Random(5);
        for (int trial = 0; trial < 200; trial++)
        {
            double[] values = [.. Enumerable.Range(0, 1 + random.Next(15)).Select(_ => random.NextDouble())];
            double tolerance = random.NextDouble() * 0.5;
            double limit = values.Min() * (1 + tolerance);
            Assert.Equal(Array.FindIndex(values, v => v <= limit), SparsityPathSelection.Choose(values, tolerance));
        }
    }

    [Fact]
    public void NonFiniteLosses_AreNeverChosen_AndAllNonFiniteIsAnError()
    {
        Assert.Equal(2, SparsityPathSelection.Choose([double.NaN, 5, 1, double.PositiveInfinity], 0));
        var error = Assert.Throws<InvalidOperationException>(() => SparsityPathSelection.Best([double.NaN, double.PositiveInfinity]));
        Assert.Contains("None of the 2 validation losses of the sparsity path is finite", error.Message);
    }

    [Fact]
    public void ShouldStop_AfterPatienceStepsWithoutANewBest_EqualLossesIncluded()
    {
        Assert.False(SparsityPathSelection.ShouldStop([5, 4, 3], 3));
        Assert.False(SparsityPathSelection.ShouldStop([5, 4, 3, 3.1, 3.2], 3));
        Assert.True(SparsityPathSelection.ShouldStop([5, 4, 3, 3.1, 3.2, 3], 3));
        Assert.False(SparsityPathSelection.ShouldStop([5, 4, 3, 3.1, 3.2, 2.9], 3));
        Assert.True(SparsityPathSelection.ShouldStop([5, 4, 3, 3.1], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SparsityPathSelection.ShouldStop([1], 0));
    }

    [Fact]
    public void GeometricGrid_IsLogSpacedFromOneToTheMaximum()
    {
        Assert.Equal([1, 2, 3, 4, 5, 6, 8, 10, 13, 17, 23, 30], SparsityPathGrid.Geometric(30, 12));
        Assert.Equal([.. Enumerable.Range(1, 14)], SparsityPathGrid.Geometric(14, 20));
        Assert.Equal([1], SparsityPathGrid.Geometric(1));
        int[] large = SparsityPathGrid.Geometric(100_000, 12);
        Assert.Equal(1, large[0]);
        Assert.Equal(100_000, large[^1]);
        // Roughly constant ratios, 100000^(1/11) ≈ 2.85, once past the forced +1 steps.
        for (int i = 4; i < large.Length; i++)
            Assert.InRange((double)large[i] / large[i - 1], 2.3, 3.5);
    }

    [Fact]
    public void GeometricGrid_IsStrictlyIncreasing_WithTheAskedCount_ForEveryMaximumAndCount()
    {
        for (int count = 2; count <= 20; count++)
        {
            for (int maximum = 1; maximum <= 600; maximum++)
            {
                int[] grid = SparsityPathGrid.Geometric(maximum, count);
                Assert.Equal(Math.Min(maximum, count), grid.Length);
                Assert.Equal(1, grid[0]);
                Assert.Equal(maximum, grid[^1]);
                for (int i = 1; i < grid.Length; i++)
                    Assert.True(grid[i] > grid[i - 1], $"maximum {maximum}, count {count}: {string.Join(", ", grid)}");
            }
        }
    }

    [Fact]
    public void AutomaticGrid_StopsBelowEveryParameter_AndAtTheTrainingRowCount()
    {
        Assert.Equal(SparsityPathGrid.Geometric(14, SparsityPathGrid.DefaultCount), SparsityPathGrid.Automatic(15, 120));
        Assert.Equal(40, SparsityPathGrid.Automatic(1001, 40)[^1]);
        Assert.Equal(1000, SparsityPathGrid.Automatic(1001, 5000)[^1]);
        Assert.Equal(12, SparsityPathGrid.Automatic(1001, 5000).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => SparsityPathGrid.Automatic(1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => SparsityPathGrid.Geometric(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SparsityPathGrid.Geometric(10, 1));
    }

    [Fact]
    public void SelectRows_CopiesTheChosenRows_OfDenseAndSparseMatrices()
    {
        var random = new Random(3);
        const int rows = 9, columns = 5;
        float[] values = SyntheticData.GaussianMatrix(random, rows, columns, zeroFraction: 0.5);
        int[] chosen = [7, 0, 3, 3, 8];
        float[] expected = [.. chosen.SelectMany(i => values.AsSpan(i * columns, columns).ToArray())];
        var weights = SyntheticData.Gaussian(random, 2 * columns);

        foreach (IFeatureMatrix matrix in new IFeatureMatrix[] { new DenseFeatureMatrix(values, rows, columns), SyntheticData.ToSparse(values, rows, columns) })
        {
            IFeatureMatrix subset = matrix.SelectRows(chosen);
            Assert.Equal(matrix.GetType(), subset.GetType());
            Assert.Equal((chosen.Length, columns), (subset.RowCount, subset.ColumnCount));
            // Z = X·Wᵀ of the subset against the same product on the copied rows.
            var margins = new float[chosen.Length * 2];
            subset.Multiply(weights, 2, margins);
            var reference = new DenseFeatureMatrix(expected, chosen.Length, columns);
            var expectedMargins = new float[chosen.Length * 2];
            reference.Multiply(weights, 2, expectedMargins);
            for (int p = 0; p < margins.Length; p++)
                Assert.Equal(expectedMargins[p], margins[p], 1e-5f);
        }
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DenseFeatureMatrix(values, rows, columns).SelectRows([9]));
        Assert.Contains("Row indices must be in [0, 8]; got 9", error.Message);
    }
}
