using MlNetSparse.Core.Numerics;
using MlNetSparse.Data;
using MlNetSparse.Trainers;

namespace MlNetSparse.Tests.Integration;

/// <summary>The seeded, stratified split behind the sparsity path, and the validation metrics it reports.</summary>
public class ValidationSplitTests
{
    [Fact]
    public void StratifiedSplit_HoldsOutTheRoundedFractionOfEachClass_AndKeepsEveryClassInTraining()
    {
        // Classes of 50, 7, 2 and 1 rows; 20%: 10, 1, 0 and 0 held out (a class always keeps a row).
        float[] labels = [.. Enumerable.Repeat(0f, 50), .. Enumerable.Repeat(1f, 7), .. Enumerable.Repeat(2f, 2), 3f];
        var data = RowIdentified(labels, weights: null);

        var split = ValidationSplit.Create(data, 0.2, seed: 1, stratifyByClass: true);

        int[] validationRows = RowIds(split.Validation), trainingRows = RowIds(split.Training);
        Assert.Equal([10, 1, 0, 0], CountPerClass(split.Validation, 4));
        Assert.Equal([40, 6, 2, 1], CountPerClass(split.Training, 4));
        // Every row lands in exactly one part, each part in the original order, labels carried along.
        Assert.Equal(Enumerable.Range(0, labels.Length), validationRows.Concat(trainingRows).Order());
        Assert.Equal(validationRows.Order(), validationRows);
        Assert.Equal(trainingRows.Order(), trainingRows);
        Assert.Equal(validationRows.Select(i => labels[i]), split.Validation.Labels);
        Assert.Null(split.Validation.ExampleWeights);
    }

    [Fact]
    public void TheSplit_IsFixedByItsSeed()
    {
        var data = RowIdentified([.. Enumerable.Range(0, 100).Select(i => (float)(i % 3))], weights: null);
        int[] Held(int seed) => RowIds(ValidationSplit.Create(data, 0.3, seed, stratifyByClass: true).Validation);

        Assert.Equal(Held(5), Held(5));
        Assert.NotEqual(Held(5), Held(6));
    }

    [Fact]
    public void RowsOfWeightZero_StayInTraining_AndTheRestSplitsAsIfTheyWereAbsent()
    {
        float[] labels = [.. Enumerable.Range(0, 40).Select(i => (float)(i % 2))];
        float[] weights = [.. Enumerable.Range(0, 40).Select(i => i < 10 ? 0f : 1f + i % 3)];
        var split = ValidationSplit.Create(RowIdentified(labels, weights), 0.5, seed: 2, stratifyByClass: true);

        Assert.All(RowIds(split.Validation), i => Assert.True(weights[i] > 0));
        // Each class has 15 weighted rows; half of 15 rounds to 8.
        Assert.Equal([8, 8], CountPerClass(split.Validation, 2));
        Assert.Equal(RowIds(split.Training).Select(i => weights[i]), split.Training.ExampleWeights!);
    }

    [Fact]
    public void RegressionSplit_IsOneStratum()
    {
        float[] labels = [.. Enumerable.Range(0, 23).Select(i => i * 0.5f)];
        var split = ValidationSplit.Create(RowIdentified(labels, weights: null), 0.2, seed: 3, stratifyByClass: false);
        Assert.Equal(5, split.Validation.Labels.Length); // round(4.6)
        Assert.Equal(18, split.Training.Labels.Length);
    }

    [Fact]
    public void AUC_IsTheWeightedShareOfCorrectlyOrderedPairs_TiesCountingHalf()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 50; trial++)
        {
            int m = 2 + random.Next(40);
            // Few distinct scores, so ties are common.
            float[] scores = [.. Enumerable.Range(0, m).Select(_ => (float)random.Next(6) - 2.5f)];
            float[] labels = [.. Enumerable.Range(0, m).Select(i => i < 2 ? i : random.Next(2))];
            float[]? weights = trial % 2 == 0 ? null : [.. Enumerable.Range(0, m).Select(_ => (float)random.NextDouble())];
            double pairs = 0, total = 0;
            for (int p = 0; p < m; p++)
                for (int q = 0; q < m; q++)
                {
                    if (labels[p] != 1 || labels[q] != 0)
                        continue;
                    double w = (double)(weights?[p] ?? 1) * (weights?[q] ?? 1);
                    total += w;
                    pairs += w * (scores[p] > scores[q] ? 1 : scores[p] == scores[q] ? 0.5 : 0);
                }
            Assert.Equal(pairs / total, ValidationMetrics.AreaUnderRocCurve(scores, labels, weights)!.Value, 1e-12);
        }
        Assert.Null(ValidationMetrics.AreaUnderRocCurve([1f, 2f], [1f, 1f], null));
    }

    [Fact]
    public void AccuracyAndRmse_MatchTheirDefinitions()
    {
        // Rows: margins of 3 classes; the prediction is the largest (the first on a tie).
        float[] margins = [1, 2, 0, /**/ 5, 5, 1, /**/ 0, 0, 3, /**/ -1, -2, -3];
        float[] labels = [1, 1, 2, 0];
        Assert.Equal(0.75, ValidationMetrics.MulticlassAccuracy(margins, 3, labels, null));
        Assert.Equal((1 + 3 + 4) / 10.0, ValidationMetrics.MulticlassAccuracy(margins, 3, labels, [1, 2, 3, 4]), 1e-12);

        Assert.Equal(2 / 3.0, ValidationMetrics.BinaryAccuracy([0.5f, -1f, 0f], [1, 0, 1], null), 1e-12);
        Assert.Equal(Math.Sqrt((1 * 1 + 2 * 4) / 3.0), ValidationMetrics.RootMeanSquaredError([1, 2], [0, 4], [1, 2]), 1e-12);
    }

    // Feature 0 of row i is i, so each part's rows can be traced back.
    private static TrainingSet RowIdentified(float[] labels, float[]? weights)
        => new(new DenseFeatureMatrix([.. Enumerable.Range(0, labels.Length).Select(i => (float)i)], labels.Length, 1), labels, weights, labels.Length, default);

    private static int[] RowIds(TrainingSet part)
    {
        var ids = new float[part.Labels.Length];
        part.Features.Multiply([1f], 1, ids);
        return [.. ids.Select(v => (int)v)];
    }

    private static int[] CountPerClass(TrainingSet part, int classes)
        => [.. Enumerable.Range(0, classes).Select(c => part.Labels.Count(l => l == c))];
}
