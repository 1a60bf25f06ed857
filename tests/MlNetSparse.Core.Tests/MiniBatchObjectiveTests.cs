using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Stochastic;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>f_B on a mini-batch is the same function as the full-data objective on the same rows.</summary>
public class MiniBatchObjectiveTests
{
    public static TheoryData<MiniBatchStorage, int, bool> Cases => new()
    {
        { MiniBatchStorage.Dense, 1, false },
        { MiniBatchStorage.Dense, 3, true },
        { MiniBatchStorage.Sparse, 1, true },
        { MiniBatchStorage.Sparse, 3, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ValueAndGradient_MatchLinearModelObjective_OnTheSameRows(MiniBatchStorage storage, int classes, bool weighted)
    {
        const int rows = 700, columns = 9; // > 256 rows: crosses a partial-sum block
        var random = new Random(5);
        float[] x = SyntheticData.GaussianMatrix(random, rows, columns, zeroFraction: 0.4);
        IMarginLoss loss = classes == 1 ? new LogisticLoss() : new SoftmaxCrossEntropyLoss(classes);
        float[] labels = SyntheticData.ClassLabels(random, rows, Math.Max(classes, 2));
        float[]? weights = weighted ? SyntheticData.ExampleWeights(random, rows) : null;
        var reference = new LinearModelObjective(new DenseFeatureMatrix(x, rows, columns), labels, loss, weights);
        var batch = new MiniBatch(columns, storage);
        for (int i = 0; i < rows; i++)
            batch.AddDenseRow(x.AsSpan(i * columns, columns), labels[i], weights?[i] ?? 1f);
        var objective = new MiniBatchObjective(batch, loss);
        float[] theta = SyntheticData.Gaussian(random, reference.ParameterCount, 0.5);

        var expected = new float[theta.Length];
        var actual = new float[theta.Length];
        double expectedValue = reference.ValueAndGradient(theta, expected);
        double actualValue = objective.ValueAndGradient(theta, actual);

        Assert.Equal(expectedValue, actualValue, 1e-7 * Math.Max(1, expectedValue));
        Assert.Equal(expectedValue, objective.Value(theta), 1e-7 * Math.Max(1, expectedValue));
        Assert.True(SyntheticData.MaxAbsDifference(expected, actual) <= 1e-5 * Math.Max(1, SyntheticData.MaxAbs(expected)),
            $"‖∇f_B − ∇f‖∞ = {SyntheticData.MaxAbsDifference(expected, actual)}");
    }

    [Fact]
    public void SparseRowsGivenBySparseIndices_EqualTheSameRowsGivenDensely()
    {
        var random = new Random(6);
        const int columns = 12;
        var dense = new MiniBatch(columns, MiniBatchStorage.Dense);
        var sparse = new MiniBatch(columns, MiniBatchStorage.Sparse);
        for (int i = 0; i < 50; i++)
        {
            int[] indices = [.. Enumerable.Range(0, columns).Where(_ => random.NextDouble() < 0.3)];
            float[] values = SyntheticData.Gaussian(random, indices.Length);
            float label = (float)random.NextGaussian();
            dense.AddSparseRow(indices, values, label);
            sparse.AddSparseRow(indices, values, label);
        }
        float[] theta = SyntheticData.Gaussian(random, columns + 1);
        var g1 = new float[columns + 1];
        var g2 = new float[columns + 1];
        double f1 = new MiniBatchObjective(dense, new SquaredLoss()).ValueAndGradient(theta, g1);
        double f2 = new MiniBatchObjective(sparse, new SquaredLoss()).ValueAndGradient(theta, g2);
        Assert.Equal(f1, f2, 1e-6);
        Assert.True(SyntheticData.MaxAbsDifference(g1, g2) <= 1e-5);
    }

    [Fact]
    public void RefillingTheBatch_ChangesTheFunction_AndReusesTheBuffers()
    {
        var batch = new MiniBatch(2, MiniBatchStorage.Dense);
        var objective = new MiniBatchObjective(batch, new SquaredLoss());
        float[] theta = [1, 0, 0]; // z = x₀
        batch.AddDenseRow([2, 5], 0);
        Assert.Equal(2.0, objective.Value(theta), 12); // ½·2²
        batch.Clear();
        batch.AddDenseRow([1, 5], 0, weight: 3);
        batch.AddDenseRow([3, 5], 0, weight: 1);
        Assert.Equal((3 * 0.5 + 4.5) / 4, objective.Value(theta), 12); // weighted mean of ½x₀²
        Assert.Equal(2, batch.LargestRowCount);
    }

    [Fact]
    public void BadRowsAndEmptyOrWeightlessBatches_AreRejectedWithTheirReason()
    {
        var batch = new MiniBatch(2, MiniBatchStorage.Sparse);
        Assert.Contains("must have length 2", Assert.Throws<ArgumentException>(() => batch.AddDenseRow([1], 0)).Message);
        Assert.Contains("finite feature values", Assert.Throws<ArgumentException>(() => batch.AddDenseRow([1, float.NaN], 0)).Message);
        Assert.Contains("weight must be a finite number ≥ 0; got -1", Assert.Throws<ArgumentOutOfRangeException>(() => batch.AddDenseRow([1, 2], 0, -1)).Message);
        Assert.Contains("Column indices must be in [0, 1]; got 2", Assert.Throws<ArgumentOutOfRangeException>(() => batch.AddSparseRow([2], [1f], 0)).Message);

        var objective = new MiniBatchObjective(batch, new LogisticLoss());
        Assert.Contains("is empty", Assert.Throws<InvalidOperationException>(() => objective.Value(new float[3])).Message);
        batch.AddDenseRow([1, 2], 1, weight: 0);
        Assert.Contains("has weight 0", Assert.Throws<InvalidOperationException>(() => objective.Value(new float[3])).Message);
        batch.AddDenseRow([1, 2], 0.5f);
        Assert.Contains("must be 0 or 1", Assert.Throws<ArgumentException>(() => objective.Value(new float[3])).Message);
    }
}
