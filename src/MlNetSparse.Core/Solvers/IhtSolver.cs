using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Sparsity;

namespace MlNetSparse.Core.Solvers;

/// <summary>
/// Iterative hard thresholding (docs/algorithms.md#iht): θᵏ⁺¹ = H_s(θᵏ − γ∇f(θᵏ)), the sparse
/// analogue of gradient descent; more generally θᵏ⁺¹ = P_C(θᵏ − γ∇f(θᵏ)) for any
/// <see cref="ISparsityProjection"/> P_C, on any <see cref="IDifferentiableObjective"/> (a linear
/// model, a network's layer).
/// </summary>
/// <remarks>
/// <para>The loss never increases: a step that would raise f is retried with γ halved (and γ stays
/// halved), because the γ = 1/L̂₂ₛ of a Monte-Carlo estimate can exceed 1/L₂ₛ, where the descent
/// guarantee ends. <see cref="IhtSolution.Backtracks"/> counts the halvings. A rise within the
/// rounding noise of f is not evidence of a too-large γ: that step alone is retried smaller, and a
/// run whose steps have shrunk to rounding stops (<see cref="IhtStopReason.RoundingLimit"/>), so γ
/// (and the certificate stated at γ) is not shrunk by rounding.</para>
/// <para>Each step costs one <see cref="IDifferentiableObjective.ValueAndGradient"/>: the value
/// decides acceptance and the gradient serves the next step. Buffers are allocated once per run.
/// <see cref="IhtSolution.Passes"/> counts the evaluations.</para>
/// <para>Stopping: the loss tolerance, the iteration cap, the rounding limit, and convergence — the
/// support unchanged over <see cref="IhtSolverOptions.ConvergenceWindow"/> steps with f falling by at most
/// <see cref="IhtSolverOptions.RelativeLossTolerance"/>·|f| over them at a point the certificate calls
/// stationary, or the Newton-step stationarity test (<see cref="IhtSolverOptions.OptimizationTolerance"/>),
/// whichever comes first (<see cref="HasConverged"/>).</para>
/// </remarks>
public static class IhtSolver
{
    /// <summary>
    /// Runs IHT with H_s on <paramref name="objective"/> from <paramref name="start"/> (at most s nonzeros),
    /// adding the ridge term of <see cref="IhtSolverOptions.L2Regularization"/> to it (<see cref="RidgePenalty"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The start has the wrong length, more than s nonzeros, or a non-finite entry.</exception>
    /// <exception cref="NonFiniteLossException">f or ∇f is not finite at the start, or at every step size tried.</exception>
    public static IhtSolution Solve(IDifferentiableObjective objective, ReadOnlySpan<float> start, IhtSolverOptions options,
        IIhtObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(objective.ParameterCount);
        return Solve(objective, HardThreshold(options, objective.ParameterCount), start, options, observer, cancellationToken);
    }

    /// <summary>
    /// Runs projected IHT, θᵏ⁺¹ = P_C(θᵏ − γ∇f(θᵏ)), on <paramref name="objective"/> from
    /// <paramref name="start"/> ∈ C, plus the ridge term of <see cref="IhtSolverOptions.L2Regularization"/>.
    /// <paramref name="options"/> give the step and the stop rules; its
    /// <see cref="IhtSolverOptions.Sparsity"/> is only reported (in <see cref="IhtIteration.Sparsity"/>) and its
    /// tie-breaking settings, which describe the default H_s, are not used.
    /// </summary>
    /// <exception cref="ArgumentException">The start has the wrong length, lies outside C, or has a non-finite entry;
    /// or the projection's length is not the objective's parameter count.</exception>
    /// <exception cref="NonFiniteLossException">f or ∇f is not finite at the start, or at every step size tried.</exception>
    public static IhtSolution Solve(IDifferentiableObjective objective, ISparsityProjection projection, ReadOnlySpan<float> start,
        IhtSolverOptions options, IIhtObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(options);
        int n = objective.ParameterCount;
        options.Validate(n);
        CheckStart(start, n, projection);
        return Run(objective, projection, start, options, settledSteps: 0, observer, cancellationToken).Solution;
    }

    /// <summary>
    /// IHT with H_s as <see cref="Solve(IDifferentiableObjective, ReadOnlySpan{float}, IhtSolverOptions, IIhtObserver?, CancellationToken)"/>,
    /// but handing over (Settled = true) once the support has been unchanged over <paramref name="settledSteps"/> accepted steps, unless one
    /// of its own stop rules ends it first: the hand-over to the support polish (docs/algorithms.md#support-polish). A handed-over
    /// run's <see cref="IhtSolution.StopReason"/> is <see cref="IhtStopReason.MaximumIterations"/> (a cap of its own: no rule judged it).
    /// </summary>
    internal static (IhtSolution Solution, bool Settled) SolveUntilSettled(IDifferentiableObjective objective, ReadOnlySpan<float> start,
        IhtSolverOptions options, int settledSteps, IIhtObserver? observer, CancellationToken cancellationToken)
    {
        var projection = HardThreshold(options, objective.ParameterCount);
        CheckStart(start, objective.ParameterCount, projection);
        return Run(objective, projection, start, options, settledSteps, observer, cancellationToken);
    }

    // The step loop; settledSteps > 0 also stops it once the support has been unchanged over that many steps.
    private static (IhtSolution Solution, bool Settled) Run(IDifferentiableObjective objective, ISparsityProjection projection, ReadOnlySpan<float> start,
        IhtSolverOptions options, int settledSteps, IIhtObserver? observer, CancellationToken cancellationToken)
    {
        var run = new IhtIterate(RidgePenalty.Apply(objective, options.L2Regularization), projection, options, start);
        // Sized up front (up to 64k steps) so that the step loop allocates nothing.
        var history = new List<double>(Math.Min(options.MaximumIterations, 65_536) + 1) { run.Loss };
        IhtStopReason reason = IhtStopReason.MaximumIterations;
        int iteration = 0;
        bool settled = false;
        while (true)
        {
            if (options.LossTolerance > 0 && run.Loss <= options.LossTolerance) { reason = IhtStopReason.LossToleranceReached; break; }
            if (iteration == options.MaximumIterations) { reason = IhtStopReason.MaximumIterations; break; }
            cancellationToken.ThrowIfCancellationRequested();
            if (!run.TryDescend(iteration + 1)) { reason = IhtStopReason.RoundingLimit; break; }
            iteration++;
            history.Add(run.Loss);
            var report = new IhtIteration(iteration, options.Sparsity, run.Loss, run.LastStepSize, run.Change, run.SupportChanged, run.Backtracks);
            observer?.OnIteration(report);
            if (HasConverged(run, options)) { reason = IhtStopReason.Converged; break; }
            if (settledSteps > 0 && run.StableSteps >= settledSteps) { settled = true; break; }
        }
        return (new IhtSolution(run.Parameters, run.Gradient, [.. history], iteration, options.RequiredStepSize, run.StepSize, run.Backtracks, reason,
            run.Passes, run.Curvature), settled);
    }

    /// <summary>
    /// The convergence test (docs/algorithms.md#stationarity): f settled over the window on an unchanged support
    /// and the point stationary as the certificate judges it (<see cref="IhtSolverOptions.StationarityTolerance"/>:
    /// a small decrease of f alone could be a tiny γ on badly scaled features), or the Newton-step test at
    /// <see cref="IhtSolverOptions.OptimizationTolerance"/> alone.
    /// </summary>
    internal static bool HasConverged(IhtIterate run, IhtSolverOptions options)
        => (run.HasSettled(options.RelativeLossTolerance) && run.IsStationary(options.StationarityTolerance))
           || run.IsStationary(options.OptimizationTolerance);

    /// <summary>H_s as <paramref name="options"/> describe it, for vectors of <paramref name="length"/> entries.</summary>
    internal static HardThresholdOperator HardThreshold(IhtSolverOptions options, int length)
        => new(length, options.Sparsity, options.TieBreaking, options.SupportSeed);

    internal static void CheckStart(ReadOnlySpan<float> start, int n, ISparsityProjection projection)
    {
        Guard.Length(projection.Length, n, nameof(projection));
        Guard.Length(start.Length, n, nameof(start));
        if (projection.Violation(start) is { } violation)
            throw new ArgumentException($"start {violation}.", nameof(start));
        if (VectorChecks.ContainsNonFinite(start))
            throw new ArgumentException("start must contain only finite values.", nameof(start));
    }
}
