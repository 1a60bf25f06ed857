namespace MlNetSparse.Trainers;

/// <summary>What a sparse IHT Fit is running.</summary>
public enum SparseIhtStage
{
    /// <summary>The one sparse run at <see cref="SparseIhtOptionsBase.Sparsity"/> (no path).</summary>
    Training,

    /// <summary>One s of the sparsity path, on the training part of the rows.</summary>
    SparsityPath,

    /// <summary>The refit on all rows at the s the path chose.</summary>
    FinalFit,

    /// <summary>The dense run every parameter is free in, for the optimality gap (<see cref="SparseIhtOptionsBase.CompareWithDenseOptimum"/>).</summary>
    DenseReference,
}

/// <summary>Where a sparse IHT Fit is, for a progress bar (<see cref="SparseIhtOptionsBase.Progress"/>).</summary>
/// <param name="Stage">The run in progress.</param>
/// <param name="Sparsity">Its s (the parameter count for <see cref="SparseIhtStage.DenseReference"/>).</param>
/// <param name="Iteration">Its IHT steps done so far (0 once, where the final fit after a sparsity path starts).</param>
/// <param name="MaximumIterations">Its iteration cap (<see cref="SparseIhtOptionsBase.MaximumNumberOfIterations"/>).</param>
/// <param name="Loss">Its training loss after the latest step.</param>
/// <param name="PathStep">On a path, the 1-based position of this s among <paramref name="PathSteps"/>; 0 otherwise.</param>
/// <param name="PathSteps">The s values the path may train (it can stop early); 0 without a path.</param>
/// <param name="Fraction">
/// The share of the Fit's planned work done, in [0, 1]: every run (each s of the path, the final fit, the
/// dense reference) counts as one equal part, filled in proportion to <paramref name="Iteration"/> of its cap.
/// Runs that converge early or a path that stops early make it jump ahead; it never goes back.
/// </param>
public sealed record SparseIhtProgress(SparseIhtStage Stage, int Sparsity, int Iteration, int MaximumIterations, double Loss,
    int PathStep, int PathSteps, double Fraction);
