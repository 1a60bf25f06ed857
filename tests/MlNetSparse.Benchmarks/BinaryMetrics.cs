namespace MlNetSparse.Benchmarks;

/// <summary>Test accuracy and ROC AUC of scores (log-odds) against 0/1 labels, for models trained outside ML.NET.</summary>
internal static class BinaryMetrics
{
    /// <summary>Accuracy with "positive when score &gt; 0" (ML.NET's threshold for these models).</summary>
    public static double Accuracy(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels)
    {
        int correct = 0;
        for (int i = 0; i < scores.Length; i++)
            correct += (scores[i] > 0) == (labels[i] == 1f) ? 1 : 0;
        return (double)correct / scores.Length;
    }

    /// <summary>AUC = P(score of a random positive &gt; score of a random negative), ties counting ½ (Mann–Whitney with mid-ranks).</summary>
    public static double Auc(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels)
    {
        int m = scores.Length;
        var order = new int[m];
        for (int i = 0; i < m; i++)
            order[i] = i;
        float[] keys = scores.ToArray();
        Array.Sort(keys, order);
        double positiveRankSum = 0;
        long positives = 0;
        for (int start = 0; start < m;)
        {
            int end = start;
            while (end + 1 < m && keys[end + 1] == keys[start])
                end++;
            double midRank = (start + end) / 2.0 + 1; // ranks are 1-based
            for (int k = start; k <= end; k++)
                if (labels[order[k]] == 1f)
                {
                    positiveRankSum += midRank;
                    positives++;
                }
            start = end + 1;
        }
        long negatives = m - positives;
        if (positives == 0 || negatives == 0)
            return double.NaN;
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
