namespace MlNetSparse.Core.Solvers;

/// <summary>The state after one accepted IHT step, as reported to an <see cref="IIhtObserver"/>.</summary>
/// <param name="Iteration">k, counting from 1.</param>
/// <param name="Sparsity">s of the run (equal to the parameter count for a dense reference run).</param>
/// <param name="Loss">f(θᵏ).</param>
/// <param name="StepSize">γ used for this step (after any halving).</param>
/// <param name="Change">‖θᵏ − θᵏ⁻¹‖∞.</param>
/// <param name="SupportChanged">Whether supp(θᵏ) differs from supp(θᵏ⁻¹).</param>
/// <param name="Backtracks">Step halvings so far in this run.</param>
public readonly record struct IhtIteration(int Iteration, int Sparsity, double Loss, double StepSize, double Change, bool SupportChanged, int Backtracks);

/// <summary>
/// Watches an IHT run: progress reporting and cancellation. An observer stops a run by throwing
/// (for example <see cref="OperationCanceledException"/>); the exception leaves the solver unchanged.
/// </summary>
public interface IIhtObserver
{
    /// <summary>Called after every accepted step.</summary>
    void OnIteration(in IhtIteration iteration);

    /// <summary>Called between units of work outside the step loop (each Monte-Carlo sample of L̂₂ₛ), so a run can be cancelled there too.</summary>
    void OnCheckpoint()
    {
    }
}
