namespace MlNetSparse.Trainers;

/// <summary>Whether a sparse IHT trainer holds the training rows in memory or streams them from the data view.</summary>
public enum SparseIhtDataCaching
{
    /// <summary>
    /// Cache when the rows fit in memory, else stream. They fit when their estimated size — rows × (4 bytes
    /// a feature when at least half the values are nonzero, else 8 bytes a nonzero, plus 12), the nonzeros
    /// measured on the first 1,024 rows — is at most 1/8 of <c>GC.GetGCMemoryInfo().TotalAvailableMemoryBytes</c>
    /// (reading builds the matrix through growing lists, several times its final size). When the data view
    /// does not know its row count, the rows are read into memory until they pass that size, then streamed.
    /// </summary>
    Auto = 0,

    /// <summary>Read every usable row into memory once, then train on the cached matrix.</summary>
    InMemory = 1,

    /// <summary>
    /// Never hold the data: every pass reads the IDataView's cursor again, and memory is that of one
    /// mini-batch or one read chunk. A first pass counts the rows and checks the labels. For data larger
    /// than memory, with <see cref="SparseIhtOptionsBase.MiniBatchSize"/> set.
    /// </summary>
    Streaming = 2,
}
