namespace MlNetSparse.Core.Networks.Training;

/// <summary>
/// Cosine annealing without restarts (Loshchilov and Hutter, "SGDR: Stochastic Gradient Descent with Warm
/// Restarts", ICLR 2017, eq. 5, with η_min = 0), taken per epoch: η_e = η · (1 + cos(π·e/E)) / 2 for epoch
/// e = 0, …, E − 1. It starts at η, is η/2 half-way, and the last epoch still learns (η_{E−1} &gt; 0); PyTorch's
/// <c>CosineAnnealingLR(T_max = E)</c> stepped once per epoch gives the same rates.
/// </summary>
/// <param name="LearningRate">η, the rate of the first epoch.</param>
/// <param name="Epochs">E, the epochs of the run (≥ 1).</param>
public sealed record CosineLearningRateSchedule(double LearningRate, int Epochs) : ILearningRateSchedule
{
    /// <inheritdoc/>
    public double At(int epoch) => LearningRate * (1 + Math.Cos(Math.PI * epoch / Epochs)) / 2;
}
