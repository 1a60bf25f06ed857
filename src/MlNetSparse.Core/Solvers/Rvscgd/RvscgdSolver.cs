using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Sparsity;

namespace MlNetSparse.Core.Solvers.Rvscgd;

/// <summary>
/// RVSCGD on a whole weight vector (docs/algorithms.md#rvscgd, the one-hidden-layer theory): from u⁰ = prox(w⁰),
/// each step does w ← w − η(g(w) + β(w − u)), optionally w ← w/‖w‖, then u ← prox_{(λ/β)P}(w).
/// </summary>
/// <remarks>
/// Deep networks apply <see cref="RvscgdSplitting"/> per tensor inside their own optimiser instead.
/// A run allocates its buffers and trace once; the steps allocate nothing beyond what the oracle does.
/// </remarks>
public sealed class RvscgdSolver
{
    /// <summary>A solver with step size η = <paramref name="learningRate"/>.</summary>
    /// <param name="settings">λ, β, the penalty.</param>
    /// <param name="learningRate">η, a finite number &gt; 0.</param>
    /// <param name="normalize">Whether w is rescaled to unit norm after every step (and at the start), as the theory does.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting or η is out of range.</exception>
    public RvscgdSolver(RvscgdSettings settings, double learningRate, bool normalize = true)
    {
        Splitting = new RvscgdSplitting(settings);
        Guard.Positive(learningRate, "LearningRate");
        LearningRate = learningRate;
        Normalize = normalize;
    }

    /// <summary>The u-update and the coupling terms.</summary>
    public RvscgdSplitting Splitting { get; }

    /// <summary>η.</summary>
    public double LearningRate { get; }

    /// <summary>Whether w is kept at unit norm.</summary>
    public bool Normalize { get; }

    /// <summary>Runs <paramref name="steps"/> steps from <paramref name="initial"/>.</summary>
    /// <param name="oracle">g and f.</param>
    /// <param name="initial">w⁰: finite, of length <see cref="ICoarseGradientOracle.Dimension"/>, nonzero when normalising.</param>
    /// <param name="steps">How many steps, in [0, 10⁸].</param>
    /// <param name="observer">Sees the start and every step; may be null.</param>
    /// <param name="cancellationToken">Checked before every step.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="initial"/> has the wrong length, a non-finite entry, or is zero while normalising.</exception>
    /// <exception cref="NonFiniteLossException">w or g(w) became non-finite (η too large).</exception>
    public RvscgdResult Run(ICoarseGradientOracle oracle, ReadOnlySpan<float> initial, int steps,
        IRvscgdObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        Guard.InRange(steps, 0, 100_000_000, "Steps");
        Guard.Length(initial.Length, oracle.Dimension, nameof(initial));
        if (VectorChecks.ContainsNonFinite(initial))
            throw new ArgumentException("initial must be finite.", nameof(initial));
        float[] w = initial.ToArray(), u = new float[w.Length], gradient = new float[w.Length];
        if (Normalize && !TryNormalize(w))
            throw new ArgumentException("initial must be nonzero when the iterate is normalised.", nameof(initial));

        var trace = new RvscgdStep[steps + 1];
        Splitting.UpdateAuxiliary(w, u);
        Record(0, oracle, w, u, trace, observer);
        float eta = (float)LearningRate;
        for (int t = 1; t <= steps; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            oracle.CoarseGradient(w, gradient);
            Splitting.AddCouplingGradient(w, u, gradient);
            for (int i = 0; i < w.Length; i++)
                w[i] -= eta * gradient[i];
            if ((Normalize && !TryNormalize(w)) || VectorChecks.ContainsNonFinite(w))
                throw new NonFiniteLossException(t, "w became zero or non-finite");
            Splitting.UpdateAuxiliary(w, u);
            Record(t, oracle, w, u, trace, observer);
        }
        return new RvscgdResult(w, u, trace);
    }

    private void Record(int t, ICoarseGradientOracle oracle, float[] w, float[] u, RvscgdStep[] trace, IRvscgdObserver? observer)
    {
        var step = new RvscgdStep(t, oracle.Loss(w), Splitting.Penalty(u), Splitting.Coupling(w, u), Support.CountNonzero(u));
        trace[t] = step;
        observer?.StepCompleted(step, w, u);
    }

    // w ← w/‖w‖ with the norm in double; false when ‖w‖ is 0 or not finite.
    private static bool TryNormalize(Span<float> w)
    {
        double sum = 0;
        foreach (float value in w)
            sum += (double)value * value;
        double norm = Math.Sqrt(sum);
        if (!(norm > 0) || !double.IsFinite(norm))
            return false;
        for (int i = 0; i < w.Length; i++)
            w[i] = (float)(w[i] / norm);
        return true;
    }
}
