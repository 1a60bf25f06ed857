namespace MlNetSparse.Core.Networks.Training;

/// <summary>Progress of a network training run; may throw to cancel (the run stops at once).</summary>
public interface INetworkTrainingObserver
{
    /// <summary>After each mini-batch step.</summary>
    void OnStep(int epoch, int step, int stepsPerEpoch)
    {
    }

    /// <summary>
    /// After each mini-batch step, with RVSCGD's λ of that step's u-update when all weight tensors share one (a fixed λ
    /// or a global sparsity target's; null for a dense run or per-tensor λ). By default it calls the overload without λ.
    /// </summary>
    void OnStep(int epoch, int step, int stepsPerEpoch, double? lambda) => OnStep(epoch, step, stepsPerEpoch);

    /// <summary>After each epoch.</summary>
    void OnEpoch(EpochRecord record)
    {
    }
}
