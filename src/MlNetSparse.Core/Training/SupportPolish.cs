using System.Numerics.Tensors;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Sparsity;

namespace MlNetSparse.Core.Training;

/// <summary>
/// The support polish (docs/algorithms.md#support-polish), a phase of <see cref="IhtTraining"/> after IHT:
/// minimise f on IHT's support S with Newton steps (<see cref="RestrictedNewton"/>) to the restricted
/// optimum, then check with one gradient step whether H_s keeps S. When it does not, take that IHT step
/// and polish the new support, as hard-thresholding pursuit does, for at most
/// <see cref="IhtSolverOptions.MaximumPolishRounds"/> rounds.
/// </summary>
/// <remarks>
/// f never increases: Newton backtracks on f, the IHT step between rounds is <see cref="IhtIterate"/>'s
/// (which halves γ rather than raise f), and a polished point whose loss, as the training passes compute
/// it, came out above the start (a gain below float32 rounding) is not taken. The result's gradient is a
/// full ∇f at the final point, so the certificate is evaluated as after IHT, at the final γ.
/// </remarks>
internal static class SupportPolish
{
    /// <summary>
    /// Polish only when one restricted pass costs at most this many gradient passes of arithmetic
    /// (|S|(|S|+1)/2 per row against 2k per stored entry): a polish takes 3–6 passes, so at most about
    /// 25 gradient passes' worth, against the tens to hundreds of passes IHT's tail would take.
    /// Dense rows allow |S| ≈ 2·√(k·n) (56 at n = 200, 126 at n = 1,000 for k = 1).
    /// </summary>
    public const double MaximumRelativePassCost = 4;

    /// <summary>The largest |S| polished whatever the data: ∇²_SS and its factor take |S|² doubles each (32 MiB at 2,048).</summary>
    public const int MaximumSupportSize = 2048;

    /// <summary>Polishes IHT's <paramref name="solution"/>; returns the polished run (its loss history extended) and what the polish did.</summary>
    public static (IhtSolution Solution, SupportPolishReport Report) Run(IDifferentiableObjective objective, IhtSolution solution,
        IhtSolverOptions options, CancellationToken cancellationToken)
    {
        int n = objective.ParameterCount;
        if (objective is not IRestrictedHessian restricted)
            return (solution, Skipped(SupportPolishOutcome.NotSupported, solution, double.PositiveInfinity));
        double cost = restricted.RestrictedPassCost(Support.CountNonzero(solution.Parameters));
        if (!Affordable(restricted, solution.Parameters))
            return (solution, Skipped(SupportPolishOutcome.TooCostly, solution, cost));

        var counted = new PassCountingObjective(objective);
        var stepOptions = options with { StepSize = solution.StepSize };
        ISparsityProjection hardThreshold = IhtSolver.HardThreshold(options, n);
        var history = new List<double>(solution.LossHistory);
        float[] parameters = solution.Parameters, gradient = solution.Gradient;
        double loss = solution.Loss;
        int rounds = 0, newtonSteps = 0, restrictedPasses = 0, ihtSteps = 0, backtracks = solution.Backtracks;
        double stepSize = solution.StepSize;
        SupportPolishOutcome outcome;
        while (true)
        {
            // θ' ← argmin f on supp(θ), from θ
            rounds++;
            float[] polished = (float[])parameters.Clone();
            RestrictedNewtonRun newton = RestrictedNewton.Minimize(restricted, polished, Support.Indices(parameters), cancellationToken);
            (newtonSteps, restrictedPasses) = (newtonSteps + newton.Steps, restrictedPasses + newton.Passes);
            cancellationToken.ThrowIfCancellationRequested();

            // f and ∇f at θ' as the training passes compute them, and the IHT step that would follow
            var iterate = new IhtIterate(counted, hardThreshold, stepOptions, polished);
            if (iterate.Loss > loss)
            {
                // The Newton gain is below float32 rounding: keep θ, which is then as good a fixed point.
                outcome = StaysFixed(parameters, gradient, stepSize, hardThreshold) ? SupportPolishOutcome.FixedPoint : SupportPolishOutcome.Stalled;
                break;
            }
            (parameters, gradient, loss) = (iterate.Parameters, iterate.Gradient, iterate.Loss);
            history.Add(loss);
            if (StaysFixed(parameters, gradient, stepSize, hardThreshold)) { outcome = SupportPolishOutcome.FixedPoint; break; }
            if (rounds == options.MaximumPolishRounds) { outcome = SupportPolishOutcome.RoundLimit; break; }
            if (!iterate.TryDescend(solution.Iterations + ihtSteps + 1)) { outcome = SupportPolishOutcome.Stalled; break; }

            // θ ← H_s(θ' − γ∇f(θ')): hard-thresholding pursuit's next support
            ihtSteps++;
            (parameters, gradient, loss, stepSize) = (iterate.Parameters, iterate.Gradient, iterate.Loss, iterate.StepSize);
            backtracks = solution.Backtracks + iterate.Backtracks;
            history.Add(loss);
            if (!Affordable(restricted, parameters)) { outcome = SupportPolishOutcome.TooCostly; break; }
        }
        // A fixed point reached by the polish is the restricted optimum on a support IHT keeps: the run has converged.
        IhtStopReason stopReason = outcome == SupportPolishOutcome.FixedPoint ? IhtStopReason.Converged : solution.StopReason;
        var polishedSolution = new IhtSolution(parameters, gradient, [.. history], history.Count - 1, solution.InitialStepSize, stepSize,
            backtracks, stopReason, solution.Passes + counted.Passes, solution.Curvature); // dᵢ bound ∂²f/∂θᵢ² at every θ: still valid
        var run = new RestrictedNewtonRun(0, 0, newtonSteps, restrictedPasses);
        return (polishedSolution, Report(outcome, parameters, rounds, run, ihtSteps, counted.Passes, cost, solution.Loss, loss));
    }

    /// <summary>Whether the polish can run on <paramref name="objective"/> for every support of at most <paramref name="supportSize"/> entries.</summary>
    public static bool CanRun(IDifferentiableObjective objective, int supportSize)
        => objective is IRestrictedHessian restricted && Affordable(restricted, supportSize);

    // Whether a Newton step on supp(θ) is within the caps.
    private static bool Affordable(IRestrictedHessian objective, float[] parameters) => Affordable(objective, Support.CountNonzero(parameters));

    private static bool Affordable(IRestrictedHessian objective, int size)
        => size <= MaximumSupportSize && objective.RestrictedPassCost(size) <= MaximumRelativePassCost;

    // True when H_s(θ − γ∇f(θ)) has θ's support: θ is a fixed point of IHT at γ.
    private static bool StaysFixed(float[] parameters, float[] gradient, double stepSize, ISparsityProjection hardThreshold)
    {
        // candidate ← H_s(θ − γ·∇f(θ)), in float as IhtIterate's step
        var candidate = new float[parameters.Length];
        TensorPrimitives.MultiplyAdd(gradient, (float)-stepSize, parameters, candidate);
        hardThreshold.Project(candidate, candidate);
        return Support.Same(parameters, candidate);
    }

    private static SupportPolishReport Skipped(SupportPolishOutcome outcome, IhtSolution solution, double cost)
        => Report(outcome, solution.Parameters, 0, new RestrictedNewtonRun(), 0, 0, cost, solution.Loss, solution.Loss);

    private static SupportPolishReport Report(SupportPolishOutcome outcome, float[] parameters, int rounds, RestrictedNewtonRun newton,
        int ihtSteps, int gradientPasses, double cost, double before, double after) => new()
    {
        Outcome = outcome,
        SupportSize = Support.CountNonzero(parameters),
        Rounds = rounds,
        NewtonSteps = newton.Steps,
        IhtSteps = ihtSteps,
        RestrictedPasses = newton.Passes,
        GradientPasses = gradientPasses,
        RelativePassCost = cost,
        LossBefore = before,
        LossAfter = after,
    };
}
