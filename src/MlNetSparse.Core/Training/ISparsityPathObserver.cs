using MlNetSparse.Core.Solvers;

namespace MlNetSparse.Core.Training;

/// <summary>
/// Watches a sparsity path: every IHT step (as an <see cref="IIhtObserver"/>) and each finished s.
/// Like any observer it may stop the path by throwing.
/// </summary>
public interface ISparsityPathObserver : IIhtObserver
{
    /// <summary>Called once per s, after its validation loss is known.</summary>
    void OnPathStep(SparsityPathStep step);
}
