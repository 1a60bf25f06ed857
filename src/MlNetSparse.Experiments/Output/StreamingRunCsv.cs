using MlNetSparse.Experiments.Study;

namespace MlNetSparse.Experiments.Output;

/// <summary>
/// Appends each run to a CSV the moment it finishes (flushed, so an interrupted study leaves every
/// finished row readable). Rows arrive in completion order and without the dense gap; the final,
/// ordered file is written by <see cref="RunCsv.WriteAll"/> when the study completes.
/// </summary>
public sealed class StreamingRunCsv : IStudyObserver, IDisposable
{
    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();

    /// <summary>Creates (or replaces) <paramref name="path"/> and writes the header.</summary>
    public StreamingRunCsv(string path)
    {
        _writer = new StreamWriter(path);
        _writer.WriteLine(RunCsv.Header);
        _writer.Flush();
    }

    /// <summary>Rows written so far.</summary>
    public int RowCount { get; private set; }

    /// <inheritdoc/>
    public void RunCompleted(RunResult run)
    {
        string row = RunCsv.Row(run);
        lock (_lock)
        {
            _writer.WriteLine(row);
            _writer.Flush();
            RowCount++;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _writer.Dispose();
}
