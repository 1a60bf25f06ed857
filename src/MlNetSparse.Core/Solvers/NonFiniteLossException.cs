namespace MlNetSparse.Core.Solvers;

/// <summary>The training loss or its gradient became NaN or infinite.</summary>
public sealed class NonFiniteLossException : InvalidOperationException
{
    /// <summary>Creates the exception for the step at which it happened.</summary>
    public NonFiniteLossException(int step, string detail)
        : base($"The training loss became non-finite at step {step}: {detail}. Standardize the features " +
               "(e.g. NormalizeMeanVariance), check them for extreme values, or lower the step size.")
    {
        Step = step;
    }

    private NonFiniteLossException(int step, string message, bool _)
        : base(message)
    {
        Step = step;
    }

    /// <summary>The exception for a network whose mini-batch loss became non-finite.</summary>
    internal static NonFiniteLossException ForNetwork(int step, int epoch, string detail) => new(step,
        $"The training loss became non-finite at step {step} (epoch {epoch}): {detail}. Lower LearningRate, " +
        "scale the inputs to about [0, 1] or standardize them, or add BatchNorm layers.", true);

    /// <summary>The IHT step (0 = the starting point) at which the loss became non-finite.</summary>
    public int Step { get; }
}
