namespace MlNetSparse.Experiments.Data;

/// <summary>
/// One seeded train/test split, standardized with the training rows' mean and (population)
/// standard deviation, as in the paper's protocol (§IV: a random 120/30 split of IRIS per data seed).
/// </summary>
/// <param name="TrainFeatures">Row-major standardized training features.</param>
/// <param name="TrainLabels">Training class indices.</param>
/// <param name="TestFeatures">Row-major test features, standardized with the training statistics.</param>
/// <param name="TestLabels">Test class indices.</param>
public sealed record DataSplit(float[] TrainFeatures, float[] TrainLabels, float[] TestFeatures, float[] TestLabels)
{
    /// <summary>Rows in the training part.</summary>
    public int TrainCount => TrainLabels.Length;

    /// <summary>Rows in the test part.</summary>
    public int TestCount => TestLabels.Length;

    /// <summary>
    /// Shuffles the row indices with <c>new Random(seed)</c>, puts the first <paramref name="testCount"/>
    /// in the test part and the rest in the training part, then standardizes both with the training
    /// statistics (a constant training column is only centred).
    /// </summary>
    public static DataSplit Create(ClassificationData data, int testCount, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (testCount < 1 || testCount > data.RowCount - 2)
            throw new ArgumentOutOfRangeException(nameof(testCount),
                $"The test part must have between 1 and {data.RowCount - 2} rows for {data.RowCount} rows (at least 2 must train); got {testCount}.");
        int[] order = [.. Enumerable.Range(0, data.RowCount)];
        new Random(seed).Shuffle(order);
        int n = data.FeatureCount;
        var (testFeatures, testLabels) = Gather(data, order.AsSpan(0, testCount));
        var (trainFeatures, trainLabels) = Gather(data, order.AsSpan(testCount));
        Standardize(trainFeatures, testFeatures, n);
        return new DataSplit(trainFeatures, trainLabels, testFeatures, testLabels);
    }

    private static (float[] Features, float[] Labels) Gather(ClassificationData data, ReadOnlySpan<int> rows)
    {
        int n = data.FeatureCount;
        var features = new float[rows.Length * n];
        var labels = new float[rows.Length];
        for (int r = 0; r < rows.Length; r++)
        {
            data.Features.AsSpan(rows[r] * n, n).CopyTo(features.AsSpan(r * n, n));
            labels[r] = data.Labels[rows[r]];
        }
        return (features, labels);
    }

    private static void Standardize(float[] train, float[] test, int n)
    {
        int m = train.Length / n;
        for (int j = 0; j < n; j++)
        {
            double mean = 0, squares = 0;
            for (int i = 0; i < m; i++)
                mean += train[i * n + j];
            mean /= m;
            for (int i = 0; i < m; i++)
                squares += (train[i * n + j] - mean) * (train[i * n + j] - mean);
            double deviation = Math.Sqrt(squares / m);
            double scale = deviation > 0 ? 1 / deviation : 1;
            foreach (float[] part in new[] { train, test })
                for (int i = 0; i < part.Length / n; i++)
                    part[i * n + j] = (float)((part[i * n + j] - mean) * scale);
        }
    }
}
