using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;

namespace MlNetSparse.Experiments.Escape;

/// <summary>
/// Watches one run: passes f through to the solver, notes ‖θ − θᵘ‖₂ of every point it is asked to
/// evaluate, and on each accepted step records the distance of the point just accepted (the solver
/// evaluates the accepted candidate last). Nothing is allocated per step.
/// </summary>
internal sealed class EscapeTracker(SaddleQuadratic objective, double escapeRadius, double[]? trajectory)
    : IDifferentiableObjective, IIhtObserver
{
    // The solver's step k is the run's step k + 1: the first step, from the dense start, comes before it.
    private const int StepsBeforeSolver = 1;

    private double _lastDistance;

    public int ParameterCount => objective.ParameterCount;

    /// <summary>The last step recorded.</summary>
    public int Steps { get; private set; }

    /// <summary>The first step recorded outside the escape radius.</summary>
    public int? EscapeStep { get; private set; }

    public double Value(ReadOnlySpan<float> parameters) => objective.Value(parameters);

    public double ValueAndGradient(ReadOnlySpan<float> parameters, Span<float> gradient)
    {
        _lastDistance = objective.Unstable.DistanceFrom(parameters);
        return objective.ValueAndGradient(parameters, gradient);
    }

    public void OnIteration(in IhtIteration iteration) => Record(StepsBeforeSolver + iteration.Iteration, _lastDistance);

    /// <summary>Records ‖θᵏ − θᵘ‖₂ for step <paramref name="step"/>.</summary>
    public void Record(int step, double distance)
    {
        Steps = step;
        if (trajectory is not null)
            trajectory[step] = distance;
        if (EscapeStep is null && distance > escapeRadius)
            EscapeStep = step;
    }

    /// <summary>The recorded trajectory, steps 0 … <see cref="Steps"/>.</summary>
    public double[] Trajectory() => trajectory is null ? [] : trajectory[..(Steps + 1)];
}
