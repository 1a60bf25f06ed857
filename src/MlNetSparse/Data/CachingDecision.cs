using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace MlNetSparse.Data;

/// <summary>
/// The rule behind <see cref="Trainers.SparseIhtDataCaching.Auto"/>: cache the rows when their
/// estimated in-memory size is at most a budget, 1/8 of the memory available to the GC.
/// </summary>
/// <remarks>
/// The size of m rows with N stored nonzeros is what the in-memory reader keeps: 4·n bytes a row when at
/// least half the values are nonzero (dense storage), else 8 bytes a nonzero (CSR), plus 12 bytes a row
/// (label, weight, row start). The budget is an eighth because training needs room beside the matrix, and
/// reading rows of unknown count takes about twice its final size (chunks, then one array; a known count is
/// read straight into the final arrays). When the data view
/// knows its row count, N is extrapolated from the first <see cref="SampleRows"/> rows; when it does not,
/// the rows are read into memory until the running size passes the budget, and then streamed instead.
/// </remarks>
internal static class CachingDecision
{
    /// <summary>Rows read to measure the density when the row count is known.</summary>
    public const int SampleRows = 1024;

    /// <summary>The fraction of the memory available to the GC that cached rows may take.</summary>
    public const double MemoryFraction = 1.0 / 8;

    /// <summary>The default budget: <see cref="MemoryFraction"/> of <see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>.</summary>
    public static long DefaultBudget() => (long)(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * MemoryFraction);

    /// <summary>Bytes that <paramref name="rows"/> rows with <paramref name="storedEntries"/> nonzeros take in the in-memory reader's storage.</summary>
    public static long EstimatedBytes(long rows, long storedEntries, int featureCount)
    {
        double density = rows == 0 ? 0 : storedEntries / ((double)rows * featureCount);
        double matrix = density >= TrainingSetReader.DenseStorageDensity ? 4.0 * rows * featureCount : 8.0 * storedEntries;
        return (long)Math.Min(long.MaxValue, matrix + 12.0 * rows);
    }

    /// <summary>
    /// The estimated size of all rows of <paramref name="data"/>, extrapolated from its first rows;
    /// null when the data view does not know its row count.
    /// </summary>
    public static long? EstimateFromRowCount(IDataView data, TrainingColumns columns, LabelReader labelReader, IHostEnvironment env)
    {
        if (data.GetRowCount() is not long rows)
            return null;
        using var reader = new TrainingRowReader(data, columns, labelReader, env);
        long sampled = 0, nonzeros = 0;
        while (sampled < SampleRows && reader.MoveNext())
        {
            sampled++;
            nonzeros += reader.CurrentNonzeroCount();
        }
        double perRow = sampled == 0 ? reader.FeatureCount : nonzeros / (double)sampled;
        return EstimatedBytes(rows, (long)Math.Ceiling(perRow * rows), reader.FeatureCount);
    }
}
