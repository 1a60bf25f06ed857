namespace MlNetSparse.Core.Solvers;

/// <summary>The outcome of one IHT run.</summary>
public sealed class IhtSolution
{
    internal IhtSolution(float[] parameters, float[] gradient, double[] lossHistory, int iterations,
        double initialStepSize, double stepSize, int backtracks, IhtStopReason stopReason, int passes = 0, float[]? curvature = null)
    {
        Passes = passes;
        Curvature = curvature;
        Parameters = parameters;
        Gradient = gradient;
        LossHistory = lossHistory;
        Iterations = iterations;
        InitialStepSize = initialStepSize;
        StepSize = stepSize;
        Backtracks = backtracks;
        StopReason = stopReason;
    }

    /// <summary>θ, the final iterate (at most s nonzeros).</summary>
    public float[] Parameters { get; }

    /// <summary>∇f(θ) at the final iterate.</summary>
    public float[] Gradient { get; }

    /// <summary>
    /// f(θ⁰), f(θ¹), …, f(θᵏ): never increasing. For <see cref="Stochastic.StochasticIhtSolver"/>, the
    /// loss of each step's mini-batch at the point the step reached (not monotone across batches).
    /// </summary>
    public IReadOnlyList<double> LossHistory { get; }

    /// <summary>f(θ) at the final iterate.</summary>
    public double Loss => LossHistory[^1];

    /// <summary>Accepted steps taken.</summary>
    public int Iterations { get; }

    /// <summary>γ at the start.</summary>
    public double InitialStepSize { get; }

    /// <summary>γ at the end (smaller than the start when steps were halved).</summary>
    public double StepSize { get; }

    /// <summary>How many times γ was halved because a step would have raised the loss.</summary>
    public int Backtracks { get; }

    /// <summary>Why the run stopped.</summary>
    public IhtStopReason StopReason { get; }

    /// <summary>
    /// True only when the run stopped <see cref="IhtStopReason.Converged"/>: a reached loss tolerance, the rounding
    /// limit and the caps are other reasons (<see cref="StopReason"/> tells them apart).
    /// </summary>
    public bool Converged => StopReason == IhtStopReason.Converged;

    /// <summary>
    /// Passes over the data the run made: one per evaluation of f (a fused f and ∇f is one; the start's
    /// included, and every rejected trial step), one for the curvature bounds of the stationarity test.
    /// With mini-batches, evaluations of a batch count as well.
    /// </summary>
    public int Passes { get; }

    /// <summary>The objective's curvature bounds as the run computed them; null when it did not.</summary>
    internal float[]? Curvature { get; }

    /// <summary>
    /// This run, then <paramref name="next"/>, which started from this run's final point: one loss history (the
    /// start of <paramref name="next"/> is this run's last entry), the steps, halvings and passes of both, the stop of the latter.
    /// </summary>
    internal IhtSolution ContinuedBy(IhtSolution next) => new(next.Parameters, next.Gradient, [.. LossHistory, .. next.LossHistory.Skip(1)],
        Iterations + next.Iterations, InitialStepSize, next.StepSize, Backtracks + next.Backtracks, next.StopReason, Passes + next.Passes,
        next.Curvature ?? Curvature);
}
