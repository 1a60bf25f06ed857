namespace MlNetSparse.Core.Stochastic;

/// <summary>
/// Where mini-batch IHT gets its rows: an endless sequence of epochs, each a pass over the same
/// training rows in some order, cut into consecutive batches. The in-memory source permutes a
/// cached matrix each epoch; a streaming source reads a data cursor in its order, opening a fresh
/// cursor for each epoch, and never holds more than the batch it fills.
/// </summary>
public interface IMiniBatchSource
{
    /// <summary>n, the number of features per row.</summary>
    int FeatureCount { get; }

    /// <summary>m, the number of training rows in one epoch (rows a source skips as unusable not counted).</summary>
    long RowsPerEpoch { get; }

    /// <summary>How the batches this source fills should store their rows.</summary>
    MiniBatchStorage PreferredStorage { get; }

    /// <summary>Epochs begun so far (0 before the first row is delivered).</summary>
    int Epoch { get; }

    /// <summary>Rows delivered into batches so far, over all epochs.</summary>
    long RowsDelivered { get; }

    /// <summary>
    /// Replaces the contents of <paramref name="batch"/> with the next <paramref name="rowCount"/>
    /// rows, continuing into a new epoch when the current one ends (so a batch can hold a row of the
    /// old epoch's end and of the new epoch's start).
    /// </summary>
    /// <param name="rowCount">Rows to deliver, in [1, <see cref="RowsPerEpoch"/>].</param>
    /// <param name="batch">The buffer to fill; it is cleared first.</param>
    void Fill(int rowCount, MiniBatch batch);

    /// <summary>Goes back to the first row of the first epoch: the batches that follow repeat the ones delivered since the start, in the same order.</summary>
    void Restart();
}
