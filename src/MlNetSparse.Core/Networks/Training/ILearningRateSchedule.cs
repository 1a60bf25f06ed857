namespace MlNetSparse.Core.Networks.Training;

/// <summary>The learning rate of each epoch; one class per schedule, its formula in its doc.</summary>
public interface ILearningRateSchedule
{
    /// <summary>The learning rate of epoch <paramref name="epoch"/> (0-based).</summary>
    double At(int epoch);
}
