using MlNetSparse.Core.Objectives;

namespace MlNetSparse.Core.Networks;

/// <summary>
/// A network's output loss: any <see cref="IMarginLoss"/> (the losses the linear models use) on the
/// last layer's outputs, one label per sample. Shared by <see cref="Training.NetworkTrainer"/> and
/// <see cref="NetworkObjective"/>.
/// </summary>
internal static class NetworkHead
{
    /// <summary>Throws unless the loss has one margin per network output.</summary>
    public static void Check(Network network, IMarginLoss loss)
    {
        if (loss.OutputCount != network.OutputSize)
            throw new ArgumentException(
                $"The loss must take one margin per network output: the network has {network.OutputSize} output(s); the loss takes {loss.OutputCount}.",
                nameof(loss));
    }

    /// <summary>Throws on the first label the loss does not accept, naming its row.</summary>
    public static void CheckLabels(IMarginLoss loss, ReadOnlySpan<float> labels, string paramName)
    {
        for (int n = 0; n < labels.Length; n++)
            if (!loss.IsValidLabel(labels[n]))
                throw new ArgumentException($"Row {n}: the label must be {loss.LabelDescription}; got {labels[n]}.", paramName);
    }

    /// <summary>
    /// Returns Σₙ ℓ(outputsₙ; labelsₙ) and writes ∂L/∂outputs = <paramref name="scale"/>·∂ℓ/∂z: the
    /// loss's block form, applied to a copy of the outputs (the backward pass still reads them).
    /// </summary>
    public static double LossAndOutputGradient(IMarginLoss loss, ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels,
        double scale, Span<float> outputGradient)
    {
        outputs.CopyTo(outputGradient);
        return loss.WeightedLossAndScaledDerivatives(outputGradient, labels, default, scale);
    }
}
