using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Sparsity;

namespace MlNetSparse.Core.Solvers.Rvscgd;

/// <summary>
/// RVSCGD on a whole parameter vector (docs/algorithms.md#rvscgd): from u⁰ = prox(w⁰), each step does
/// w ← w − η(g(w) + β(w − u)), optionally w ← w/‖w‖, then u ← prox_{(λ/β)P}(w).
/// </summary>
/// <remarks>
/// <para>The problem is any <see cref="IDifferentiableObjective"/>: g is its gradient and f its value.
/// A coarse gradient is an objective whose gradient is coarse (the binarized toy teacher returns its
/// population loss with a sampled coarse gradient); a linear model's objective gives the exact one.
/// The u-update is any <see cref="IProximalOperator"/> (<see cref="RvscgdSplitting"/>).</para>
/// <para>Each step costs one <see cref="IDifferentiableObjective.ValueAndGradient"/> at the new w: its
/// value is the trace's f(wᵗ) and its gradient drives the next step; the last step asks only for
/// <see cref="IDifferentiableObjective.Value"/>. Deep networks apply <see cref="RvscgdSplitting"/> per
/// tensor inside their own optimiser instead. A run allocates its buffers and trace once; the steps
/// allocate nothing beyond what the objective does.</para>
/// </remarks>
public sealed class RvscgdSolver
{
    /// <summary>A solver with step size η = <paramref name="learningRate"/> and the penalty of <paramref name="settings"/>.</summary>
    /// <param name="settings">λ, β, the penalty.</param>
    /// <param name="learningRate">η, a finite number &gt; 0.</param>
    /// <param name="normalize">Whether w is rescaled to unit norm after every step (and at the start), as the theory does.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting or η is out of range.</exception>
    public RvscgdSolver(RvscgdSettings settings, double learningRate, bool normalize = true)
        : this(new RvscgdSplitting(settings), learningRate, normalize)
    {
    }

    /// <summary>A solver with step size η = <paramref name="learningRate"/> and any proximal operator.</summary>
    /// <param name="splitting">λ, β and the prox of P (<see cref="RvscgdSplitting(double, double, IProximalOperator)"/>).</param>
    /// <param name="learningRate">η, a finite number &gt; 0.</param>
    /// <param name="normalize">Whether w is rescaled to unit norm after every step (and at the start), as the theory does.</param>
    /// <exception cref="ArgumentOutOfRangeException">η is out of range.</exception>
    public RvscgdSolver(RvscgdSplitting splitting, double learningRate, bool normalize = true)
    {
        ArgumentNullException.ThrowIfNull(splitting);
        Guard.Positive(learningRate, "LearningRate");
        Splitting = splitting;
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
    /// <param name="objective">f and its (coarse, possibly stochastic) gradient g.</param>
    /// <param name="initial">w⁰: finite, of length <see cref="IDifferentiableObjective.ParameterCount"/>, nonzero when normalising.</param>
    /// <param name="steps">How many steps, in [0, 10⁸].</param>
    /// <param name="observer">Sees the start and every step; may be null.</param>
    /// <param name="cancellationToken">Checked before every step.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="initial"/> has the wrong length, a non-finite entry, or is zero while normalising.</exception>
    /// <exception cref="NonFiniteLossException">w or g(w) became non-finite (η too large).</exception>
    public RvscgdResult Run(IDifferentiableObjective objective, ReadOnlySpan<float> initial, int steps,
        IRvscgdObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        Guard.InRange(steps, 0, 100_000_000, "Steps");
        Guard.Length(initial.Length, objective.ParameterCount, nameof(initial));
        if (VectorChecks.ContainsNonFinite(initial))
            throw new ArgumentException("initial must be finite.", nameof(initial));
        float[] w = initial.ToArray(), u = new float[w.Length], gradient = new float[w.Length];
        if (Normalize && !TryNormalize(w))
            throw new ArgumentException("initial must be nonzero when the iterate is normalised.", nameof(initial));

        var trace = new RvscgdStep[steps + 1];
        Splitting.UpdateAuxiliary(w, u);
        Record(0, Evaluate(objective, w, gradient, last: steps == 0), w, u, trace, observer);
        float eta = (float)LearningRate;
        for (int t = 1; t <= steps; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // w ← w − η(g(w) + β(w − u))
            Splitting.AddCouplingGradient(w, u, gradient);
            for (int i = 0; i < w.Length; i++)
                w[i] -= eta * gradient[i];
            if ((Normalize && !TryNormalize(w)) || VectorChecks.ContainsNonFinite(w))
                throw new NonFiniteLossException(t, "w became zero or non-finite");
            Splitting.UpdateAuxiliary(w, u);
            Record(t, Evaluate(objective, w, gradient, last: t == steps), w, u, trace, observer);
        }
        return new RvscgdResult(w, u, trace);
    }

    // f(w), and g(w) into gradient unless no step follows.
    private static double Evaluate(IDifferentiableObjective objective, float[] w, float[] gradient, bool last)
        => last ? objective.Value(w) : objective.ValueAndGradient(w, gradient);

    private void Record(int t, double loss, float[] w, float[] u, RvscgdStep[] trace, IRvscgdObserver? observer)
    {
        var step = new RvscgdStep(t, loss, Splitting.Penalty(u), Splitting.Coupling(w, u), Support.CountNonzero(u));
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
