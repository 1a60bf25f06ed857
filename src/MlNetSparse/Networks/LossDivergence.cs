using System.Globalization;
using MlNetSparse.Core.Networks.Training;

namespace MlNetSparse.Networks;

/// <summary>
/// Tells a network whose training loss diverged, which a too large learning rate does. The softmax
/// cross-entropy of a guess that gives each of K classes probability 1/K is ln K, about where an
/// untrained network starts; a network that ends above it predicts worse than that guess. It has
/// diverged when its last epoch's mean loss is above ln K and either rose since the first epoch or is
/// above 2 ln K (the true class then gets a geometric-mean probability under 1/K²: confidently wrong).
/// An epoch that only starts above ln K, as the first can, and then falls is not divergence.
/// </summary>
internal static class LossDivergence
{
    /// <summary>The warning, naming the learning rate; null when the loss did not diverge.</summary>
    /// <param name="epochs">The epochs' records, in order.</param>
    /// <param name="classCount">K, the classes of the label.</param>
    /// <param name="learningRate">The LearningRate option.</param>
    public static string? Warning(IReadOnlyList<EpochRecord> epochs, int classCount, double learningRate)
    {
        if (epochs.Count == 0 || classCount < 2)
            return null;
        double uniform = Math.Log(classCount), first = epochs[0].MeanLoss, last = epochs[^1].MeanLoss;
        if (!(last > uniform && (last > first || last > 2 * uniform)))
            return null;
        string course = epochs.Count == 1
            ? string.Create(CultureInfo.InvariantCulture, $"the mean loss of its one epoch is {last:G4}")
            : string.Create(CultureInfo.InvariantCulture, $"the mean loss went from {first:G4} (epoch 1) to {last:G4} (epoch {epochs[^1].Epoch})");
        return string.Create(CultureInfo.InvariantCulture,
            $"The training diverged: {course}, above ln {classCount} = {uniform:G3}, the loss of giving every class the same probability, ") +
            string.Create(CultureInfo.InvariantCulture, $"so the network predicts worse than that guess. The steps overshoot: lower LearningRate (now {learningRate:G3}), for example tenfold.");
    }
}
