namespace MlNetSparse.Experiments.Study;

/// <summary>Watches a study as it runs: progress bars and rows streamed to disk. Called from worker threads.</summary>
public interface IStudyObserver
{
    /// <summary>A sparse run finished (its <see cref="RunResult.DenseTrainLoss"/> is not joined yet).</summary>
    void RunCompleted(RunResult run)
    {
    }

    /// <summary>A dense reference run finished.</summary>
    void DenseCompleted(DenseResult dense)
    {
    }

    /// <summary><paramref name="completed"/> of <paramref name="total"/> jobs are done.</summary>
    void Progress(int completed, int total)
    {
    }
}
