using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Sparsity;

namespace MlNetSparse.Core.Training;

/// <summary>One s of a sparsity path: the model trained at s and its loss on the held-out rows.</summary>
/// <param name="Sparsity">s.</param>
/// <param name="Training">The training run at s (no dense reference).</param>
/// <param name="ValidationLoss">f_val(θₛ): the same loss on the validation rows.</param>
/// <param name="WarmStarted">True when the run started from the previous s's solution.</param>
public sealed record SparsityPathStep(int Sparsity, IhtTrainingResult Training, double ValidationLoss, bool WarmStarted)
{
    /// <summary>θₛ, the trained parameters (at most s nonzeros).</summary>
    public float[] Parameters => Training.Solution.Parameters;

    /// <summary>IHT steps taken at this s.</summary>
    public int Iterations => Training.Solution.Iterations;

    /// <summary>f(θₛ) on the training rows.</summary>
    public double TrainingLoss => Training.Solution.Loss;

    /// <summary>‖θₛ‖₀.</summary>
    public int NonzeroCount => Support.CountNonzero(Parameters);

    /// <summary>The HT-stability verdict of θₛ on the training rows.</summary>
    public HtStabilityVerdict Verdict => Training.Certificate.Verdict;
}

/// <summary>A trained sparsity path: every s trained, and the s chosen by validation loss.</summary>
public sealed class SparsityPathResult
{
    internal SparsityPathResult(IReadOnlyList<int> requestedSparsities, SparsityPathStep[] steps, double selectionTolerance, bool stoppedEarly)
    {
        RequestedSparsities = [.. requestedSparsities];
        Steps = steps;
        SelectionTolerance = selectionTolerance;
        StoppedEarly = stoppedEarly;
        double[] losses = [.. steps.Select(step => step.ValidationLoss)];
        BestIndex = SparsityPathSelection.Best(losses);
        ChosenIndex = SparsityPathSelection.Choose(losses, selectionTolerance);
    }

    /// <summary>The candidate s values asked for, in increasing order.</summary>
    public IReadOnlyList<int> RequestedSparsities { get; }

    /// <summary>The s values trained, in increasing order: a prefix of <see cref="RequestedSparsities"/> (shorter after an early stop).</summary>
    public IReadOnlyList<SparsityPathStep> Steps { get; }

    /// <summary>The relative tolerance of the parsimony rule the choice was made with.</summary>
    public double SelectionTolerance { get; }

    /// <summary>True when the path ended before the last requested s because the validation loss stopped improving.</summary>
    public bool StoppedEarly { get; }

    /// <summary>The index in <see cref="Steps"/> of the smallest validation loss.</summary>
    public int BestIndex { get; }

    /// <summary>The index in <see cref="Steps"/> of the chosen s: the smallest s within the tolerance of the best.</summary>
    public int ChosenIndex { get; }

    /// <summary>The step of the chosen s.</summary>
    public SparsityPathStep Chosen => Steps[ChosenIndex];

    /// <summary>The chosen s.</summary>
    public int ChosenSparsity => Chosen.Sparsity;

    /// <summary>IHT steps over the whole path.</summary>
    public int TotalIterations => Steps.Sum(step => step.Iterations);
}
