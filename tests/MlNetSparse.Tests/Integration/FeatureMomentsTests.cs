using Microsoft.ML.Data;
using MlNetSparse.Data;

namespace MlNetSparse.Tests.Integration;

/// <summary>The features' means and deviations the scale checks judge by, against closed forms and a two-pass reference.</summary>
public class FeatureMomentsTests
{
    [Fact]
    public void MeanAndDeviation_MatchTheClosedForm()
    {
        var moments = new FeatureMoments(2);
        foreach (float x in new[] { 1f, 2f, 3f, 4f })
            moments.Add(new VBuffer<float>(2, [x, 10 * x]));

        Assert.Equal(4, moments.Rows);
        Assert.Equal(2.5, moments.Mean(0), 12);
        Assert.Equal(Math.Sqrt(1.25), moments.StandardDeviation(0), 12);
        Assert.Equal(25, moments.Mean(1), 12);
        Assert.Equal(10 * Math.Sqrt(1.25), moments.StandardDeviation(1), 10);
    }

    [Fact]
    public void SparseRows_GiveWhatTheSameDenseRowsGive()
    {
        var random = new Random(11);
        float[][] rows = [.. Enumerable.Range(0, 50).Select(_ => Enumerable.Range(0, 6).Select(_ => random.Next(3) == 0 ? (float)random.NextDouble() * 5 : 0f).ToArray())];
        var dense = new FeatureMoments(6);
        var sparse = new FeatureMoments(6);
        foreach (float[] row in rows)
        {
            dense.Add(new VBuffer<float>(6, row));
            int[] indices = [.. Enumerable.Range(0, 6).Where(j => row[j] != 0)];
            sparse.Add(new VBuffer<float>(6, indices.Length, [.. indices.Select(j => row[j])], indices));
        }

        for (int j = 0; j < 6; j++)
        {
            double mean = rows.Average(r => (double)r[j]);
            double deviation = Math.Sqrt(rows.Average(r => (r[j] - mean) * (r[j] - mean)));
            Assert.Equal(mean, dense.Mean(j), 12);
            Assert.Equal(deviation, dense.StandardDeviation(j), 10);
            Assert.Equal(dense.Mean(j), sparse.Mean(j));
            Assert.Equal(dense.StandardDeviation(j), sparse.StandardDeviation(j));
        }
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.1f)]
    [InlineData(-1234.567f)]
    public void AColumnOfOneValue_IsConstant_AndANearlyConstantOneIsNot(float value)
    {
        var moments = new FeatureMoments(2);
        for (int i = 0; i < 1000; i++)
            moments.Add(new VBuffer<float>(2, [value, i == 500 ? value + 1 : value]));

        Assert.True(moments.IsConstant(0));
        Assert.False(moments.IsConstant(1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(16)]
    [InlineData(43)]
    [InlineData(1000)]
    public void DenseRows_GiveTheBitsOfOneEntryAtATime(int featureCount)
    {
        // Dense rows are added a vector of features at a time; each feature's sums must still be its rows'
        // values added one by one in row order (x² of a Single is exact in double), so the same bits.
        var random = new Random(featureCount);
        float[][] rows = [.. Enumerable.Range(0, 300).Select(_ => Enumerable.Range(0, featureCount)
            .Select(_ => (float)((random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-8, 8)))).ToArray())];
        var moments = new FeatureMoments(featureCount);
        foreach (float[] row in rows)
            moments.Add(new VBuffer<float>(featureCount, row));

        for (int j = 0; j < featureCount; j++)
        {
            double sum = 0, sumOfSquares = 0;
            foreach (float[] row in rows)
            {
                double x = row[j];
                sum += x;
                sumOfSquares += x * x;
            }
            double mean = sum / rows.Length;
            Assert.Equal(mean, moments.Mean(j));
            Assert.Equal(Math.Sqrt(Math.Max(0, sumOfSquares / rows.Length - mean * mean)), moments.StandardDeviation(j));
        }
    }
}
