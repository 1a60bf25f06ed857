namespace MlNetSparse.Core.Solvers.Rvscgd;

/// <summary>Sees every iterate of an <see cref="RvscgdSolver"/> run, e.g. to measure it against a known truth.</summary>
public interface IRvscgdObserver
{
    /// <summary>Called once for the start (step 0) and after every step, with the iterate pair; the spans are only valid during the call.</summary>
    void StepCompleted(RvscgdStep step, ReadOnlySpan<float> w, ReadOnlySpan<float> u);
}
