using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Data;

/// <summary>
/// Reads the training rows of an <see cref="IDataView"/> into the core's matrices in one cursor
/// pass, skipping (and counting) rows with missing values as ML.NET's trainers do.
/// </summary>
internal static class TrainingSetReader
{
    // At or above this fraction of nonzeros the features are stored dense: dense kernels are then
    // faster and no larger than CSR (value + column index per entry).
    public const double DenseStorageDensity = 0.5;

    private const int RowsBetweenBudgetChecks = 1024;

    /// <summary>
    /// Reads features, labels and optional example weights; <paramref name="threads"/> may prepare the matrix's
    /// memory before the cursor fills it (<see cref="FreshArray"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The data has no rows, or every row has a missing value.</exception>
    public static TrainingSet Read(IDataView data, TrainingColumns columns, LabelReader labelReader, IHostEnvironment env, int threads = 1)
        => TryRead(data, columns, labelReader, env, byteBudget: long.MaxValue, threads)!;

    /// <summary>
    /// Reads as <see cref="Read"/> does, but gives up (null) as soon as the rows read would take more than
    /// <paramref name="byteBudget"/> bytes in memory (<see cref="CachingDecision.EstimatedBytes"/>).
    /// </summary>
    public static TrainingSet? TryRead(IDataView data, TrainingColumns columns, LabelReader labelReader, IHostEnvironment env, long byteBudget, int threads = 1)
    {
        using var reader = new TrainingRowReader(data, columns, labelReader, env);
        // The row count, when the data view knows it, sizes every array up front: a read without skipped
        // rows is then one copy, cursor to array (docs/architecture.md#training-call, step 4).
        // (Not beyond the budget: a view whose rows would not fit is not given their dense size up front.)
        long expectedRows = data.GetRowCount() is long known && CachingDecision.EstimatedBytes(known, known * (long)reader.FeatureCount, reader.FeatureCount) <= byteBudget
            ? known
            : 0;
        var builder = new FeatureRowsBuilder(reader.FeatureCount, expectedRows, threads);
        var moments = new FeatureMoments(reader.FeatureCount);
        var labels = new ChunkedBuffer<float>(expectedRows);
        var weights = columns.Weight is null ? null : new ChunkedBuffer<float>(expectedRows);
        bool anyPositiveWeight = false;
        while (reader.MoveNext())
        {
            builder.AddRow(reader.Features);
            moments.Add(reader.Features);
            labels.Add(reader.Label);
            weights?.Add(reader.Weight);
            anyPositiveWeight |= reader.Weight > 0;
            if (labels.Count % RowsBetweenBudgetChecks == 0 && OverBudget())
                return null;
        }
        if (OverBudget())
            return null;
        CheckUsable(reader.RowsRead, labels.Count, reader.Skipped, weights is null ? null : anyPositiveWeight, columns);
        return new TrainingSet(builder.Build(DenseStorageDensity), labels.ToArray(), weights?.ToArray(), (int)reader.RowsRead, reader.Skipped)
        {
            Moments = moments,
        };

        bool OverBudget() => CachingDecision.EstimatedBytes(labels.Count, builder.StoredCount, reader.FeatureCount) > byteBudget;
    }

    /// <summary>Throws when a pass found nothing to train on: no rows, every row skipped, or every weight 0.</summary>
    public static void CheckUsable(long rowsRead, long rowsUsed, SkippedRows skipped, bool? anyPositiveWeight, TrainingColumns columns)
    {
        if (rowsRead == 0)
            throw new InvalidOperationException("The training data has no rows.");
        if (rowsUsed == 0)
            throw new InvalidOperationException(
                $"All {rowsRead} training rows were skipped for missing or non-finite values ({SkippedDetail(skipped, columns)}); no rows remain to train on.");
        if (anyPositiveWeight == false)
            throw new InvalidOperationException(
                $"Every training row has weight 0 in '{columns.Weight}' (option ExampleWeightColumnName); at least one weight must be positive.");
        if (rowsRead > int.MaxValue)
            throw new InvalidOperationException($"The training data has {rowsRead} rows; at most {int.MaxValue} are supported.");
    }

    /// <summary>"2 with a NaN or infinite value in 'Features', 1 with a missing 'Label'".</summary>
    public static string SkippedDetail(SkippedRows skipped, TrainingColumns columns)
    {
        var parts = new List<string>();
        if (skipped.Features > 0) parts.Add($"{skipped.Features} with a NaN or infinite value in '{columns.Feature}'");
        if (skipped.Label > 0) parts.Add($"{skipped.Label} with a missing '{columns.Label}'");
        if (skipped.Weight > 0) parts.Add($"{skipped.Weight} with a NaN, infinite or negative '{columns.Weight}'");
        return string.Join(", ", parts);
    }
}
