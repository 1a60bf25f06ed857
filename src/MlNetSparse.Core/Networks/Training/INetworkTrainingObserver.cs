namespace MlNetSparse.Core.Networks.Training;

/// <summary>Progress of a network training run; may throw to cancel (the run stops at once).</summary>
public interface INetworkTrainingObserver
{
    /// <summary>After each mini-batch step.</summary>
    void OnStep(int epoch, int step, int stepsPerEpoch)
    {
    }

    /// <summary>After each epoch.</summary>
    void OnEpoch(EpochRecord record)
    {
    }
}
