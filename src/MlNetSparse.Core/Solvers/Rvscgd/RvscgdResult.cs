namespace MlNetSparse.Core.Solvers.Rvscgd;

/// <summary>The outcome of an <see cref="RvscgdSolver"/> run.</summary>
public sealed class RvscgdResult
{
    internal RvscgdResult(float[] weights, float[] sparseWeights, RvscgdStep[] trace)
    {
        Weights = weights;
        SparseWeights = sparseWeights;
        Trace = trace;
    }

    /// <summary>w, the final dense iterate.</summary>
    public float[] Weights { get; }

    /// <summary>u = prox_{(λ/β)P}(w): the sparse model.</summary>
    public float[] SparseWeights { get; }

    /// <summary>One entry for the start and one per step.</summary>
    public IReadOnlyList<RvscgdStep> Trace { get; }
}
