namespace MlNetSparse.Core.Networks.Training;

/// <summary>
/// A step schedule: η_e = η · γ^|{d ∈ D : d ≤ e}| for epoch e (0-based), D the drop epochs (1-based: a
/// drop after epoch d applies from the (d + 1)-th epoch on) and γ the drop factor. With D empty, η is constant.
/// </summary>
/// <param name="LearningRate">η, the rate of the first epoch.</param>
/// <param name="DropEpochs">D, the epochs after which the rate is multiplied by <paramref name="DropFactor"/>.</param>
/// <param name="DropFactor">γ, in (0, 1].</param>
public sealed record StepLearningRateSchedule(double LearningRate, IReadOnlyList<int> DropEpochs, double DropFactor) : ILearningRateSchedule
{
    /// <inheritdoc/>
    public double At(int epoch) => LearningRate * Math.Pow(DropFactor, DropEpochs.Count(e => e <= epoch));
}
