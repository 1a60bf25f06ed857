using Microsoft.ML;
using Microsoft.ML.Runtime;
using MlNetSparse.Core.Stochastic;

namespace MlNetSparse.Data;

/// <summary>
/// What streaming training needs to know before its first step, gathered in one pass that holds one
/// row at a time: the row counts (m for the batch schedule, skipped rows for the report), whether the
/// labels are trainable (two distinct labels among the rows of positive weight are enough to tell),
/// the density that decides how batches store their rows, and the features' moments.
/// </summary>
/// <param name="Counts">Rows read, used and skipped.</param>
/// <param name="WeightedLabels">Up to two distinct labels of rows with positive weight, in order of appearance.</param>
/// <param name="StoredEntries">Nonzero feature values over the usable rows.</param>
/// <param name="FeatureCount">n.</param>
/// <param name="Moments">The features' means and deviations over the usable rows.</param>
internal sealed record StreamingSurvey(TrainingRowCounts Counts, float[] WeightedLabels, long StoredEntries, int FeatureCount, FeatureMoments Moments)
{
    /// <summary>Dense rows when at least half the values are nonzero, as the in-memory reader decides.</summary>
    public MiniBatchStorage Storage => StoredEntries >= TrainingSetReader.DenseStorageDensity * Counts.RowsUsed * FeatureCount
        ? MiniBatchStorage.Dense
        : MiniBatchStorage.Sparse;

    /// <summary>Average bytes a usable row takes in memory (<see cref="CachingDecision.EstimatedBytes"/>).</summary>
    public double BytesPerRow => CachingDecision.EstimatedBytes(Counts.RowsUsed, StoredEntries, FeatureCount) / (double)Counts.RowsUsed;

    /// <summary>Reads <paramref name="data"/> once.</summary>
    /// <exception cref="InvalidOperationException">No rows, every row skipped, or every weight 0.</exception>
    public static StreamingSurvey Take(IDataView data, TrainingColumns columns, LabelReader labelReader, IHostEnvironment env)
    {
        using var reader = new TrainingRowReader(data, columns, labelReader, env);
        var labels = new List<float>(2);
        var moments = new FeatureMoments(reader.FeatureCount);
        long used = 0, nonzeros = 0;
        bool anyPositiveWeight = false;
        while (reader.MoveNext())
        {
            used++;
            nonzeros += reader.CurrentNonzeroCount();
            moments.Add(reader.Features);
            if (reader.Weight > 0)
            {
                anyPositiveWeight = true;
                if (labels.Count < 2 && !labels.Contains(reader.Label))
                    labels.Add(reader.Label);
            }
        }
        TrainingSetReader.CheckUsable(reader.RowsRead, used, reader.Skipped, columns.Weight is null ? null : anyPositiveWeight, columns);
        return new StreamingSurvey(new TrainingRowCounts((int)reader.RowsRead, (int)used, reader.Skipped), [.. labels], nonzeros, reader.FeatureCount, moments);
    }
}
