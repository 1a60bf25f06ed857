using System.Numerics.Tensors;
using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Sparsity;

namespace MlNetSparse.Core.Solvers;

/// <summary>
/// The state of an IHT run: the iterate θ, f and ∇f at θ, the step γ and the buffers they live in,
/// with one step that never raises f. The thresholding is any <see cref="ISparsityProjection"/> (H_s by default). Shared by <see cref="IhtSolver"/> (one objective throughout)
/// and the mini-batch solver (a new objective per batch, see <see cref="Rebase"/>), so both
/// accept, backtrack and stop at the rounding limit by the same rules.
/// </summary>
internal sealed class IhtIterate
{
    // A move of at most this many float32 ulps (relative to max(1, ‖θ‖∞)) is rounding, not a step.
    private const double RoundingMove = 8 * 1.1920929e-7;

    // f is summed from float32 margins: a rise within this relative size can be rounding alone.
    private const double LossRoundingNoise = 8 * 1.1920929e-7;

    private readonly ISparsityProjection _projection;
    private readonly int _maximumHalvings;
    private readonly bool _stopAtRoundingLimit;
    private readonly float[] _curvatureBuffer;
    private readonly double[] _recentLosses; // f after each of the last W + 1 steps on the current objective, as a ring
    private IDifferentiableObjective _objective;
    private bool? _hasCurvature; // null: not computed for the current objective yet
    private float[] _parameters, _gradient, _candidate, _candidateGradient;

    public IhtIterate(IDifferentiableObjective objective, ISparsityProjection projection, IhtSolverOptions options, ReadOnlySpan<float> start)
    {
        int n = objective.ParameterCount;
        _objective = objective;
        _projection = projection;
        _maximumHalvings = options.MaximumHalvingsPerStep;
        _stopAtRoundingLimit = options.StopAtRoundingLimit;
        _curvatureBuffer = new float[n];
        _parameters = start.ToArray();
        _gradient = new float[n];
        _candidate = new float[n];
        _candidateGradient = new float[n];
        _recentLosses = new double[IhtSolverOptions.ConvergenceWindow + 1];
        StepSize = options.RequiredStepSize;
        Rebase(objective, step: 0);
    }

    public float[] Parameters => _parameters;
    public float[] Gradient => _gradient;
    public double Loss { get; private set; }

    /// <summary>γ for the steps to come: halved only on evidence that it is too large.</summary>
    public double StepSize { get; private set; }

    /// <summary>γ of the last accepted step (smaller than <see cref="StepSize"/> after a rounding retry).</summary>
    public double LastStepSize { get; private set; }
    public double Change { get; private set; }
    public bool SupportChanged { get; private set; }
    public int Backtracks { get; private set; }

    /// <summary>
    /// Passes over the data so far: one per evaluation of f (a fused f and ∇f is one pass), one for the
    /// curvature bounds. A count, not a time, so tests can assert it (docs/algorithms.md#passes).
    /// </summary>
    public int Passes { get; private set; }

    /// <summary>Accepted steps in a row, up to the latest, that left the support unchanged (on the current objective).</summary>
    public int StableSteps { get; private set; }

    /// <summary>The objective's curvature bounds when the stationarity test computed them, else null (for the certificate, so it need not read the data again).</summary>
    public float[]? Curvature => _hasCurvature == true ? _curvatureBuffer : null;

    /// <summary>
    /// Makes <paramref name="objective"/> the function the next steps descend (a new mini-batch):
    /// re-evaluates f and ∇f at θ on it, so that a step is judged on the same batch at θ and at the candidate.
    /// </summary>
    /// <exception cref="NonFiniteLossException">f or ∇f is not finite at θ.</exception>
    public void Rebase(IDifferentiableObjective objective, int step)
    {
        _objective = objective;
        _hasCurvature = null;
        Loss = objective.ValueAndGradient(_parameters, _gradient);
        Passes++;
        if (!IsFinite(Loss, _gradient))
            throw new NonFiniteLossException(step, step == 0 ? $"f(θ⁰) = {Loss}" : $"f(θ) = {Loss} on a new mini-batch");
        SupportChanged = false;
        Change = 0;
        StableSteps = 0;
        _recentLosses[0] = Loss;
    }

    /// <summary>
    /// One IHT step: candidate = P_C(θ − γ∇f(θ)) (H_s by default), accepted when f(candidate) ≤ f(θ); otherwise
    /// retried with γ halved. Only a rise larger than the rounding noise of f (or a non-finite
    /// loss) is evidence that γ is too large, and only then does the halved γ stay for later
    /// steps. False when θ is a fixed point to working precision: the rejected candidate
    /// differs from θ only by rounding. Without <see cref="IhtSolverOptions.StopAtRoundingLimit"/> a rise within
    /// the rounding noise is accepted instead, so a run at a fixed point goes on stepping, as the paper's loop does.
    /// </summary>
    public bool TryDescend(int step)
    {
        double trialStep = StepSize;
        bool stepTooLarge = false, sawFiniteLoss = false;
        for (int halvings = 0; halvings <= _maximumHalvings; halvings++, trialStep *= 0.5)
        {
            // candidate ← θ − γ·∇f(θ), then candidate ← P_C(candidate)
            TensorPrimitives.MultiplyAdd(_gradient, (float)-trialStep, _parameters, _candidate);
            _projection.Project(_candidate, _candidate);
            double candidateLoss = _objective.ValueAndGradient(_candidate, _candidateGradient);
            Passes++;
            bool finite = IsFinite(candidateLoss, _candidateGradient);
            sawFiniteLoss |= finite;
            bool roundingRise = finite && candidateLoss - Loss <= LossRoundingNoise * Math.Abs(Loss);
            // Accepted when f does not rise; without the rounding limit also when it rises by rounding only, as the
            // paper's loop (which has no acceptance test) would take that step.
            if (finite && (candidateLoss <= Loss || (roundingRise && !_stopAtRoundingLimit)))
            {
                if (stepTooLarge)
                    (StepSize, Backtracks) = (trialStep, Backtracks + halvings);
                LastStepSize = trialStep;
                Accept(candidateLoss);
                return true;
            }
            if (finite && MaxAbsDifference(_parameters, _candidate) <= RoundingMove * Scale())
                return false;
            stepTooLarge |= !roundingRise;
        }
        if (!sawFiniteLoss)
            throw new NonFiniteLossException(step, $"f stayed non-finite after halving the step {_maximumHalvings} times (γ = {trialStep:G4})");
        return false;
    }

    /// <summary>
    /// The support is unchanged and no entry on it would still move by more than
    /// tolerance·max(1, ‖θ‖∞): judged by a per-coordinate Newton step |∇ᵢf|/dᵢ when the objective
    /// bounds its curvature (a tiny γ cannot fake it), else by the last step's largest change.
    /// The curvature bounds are computed once per objective, when first needed.
    /// </summary>
    public bool IsStationary(double tolerance)
    {
        if (SupportChanged)
            return false;
        if (_hasCurvature is null)
        {
            _hasCurvature = StationarityMeasure.TryFillCurvature(_objective, _curvatureBuffer);
            Passes += _hasCurvature.Value ? 1 : 0;
        }
        if (tolerance == 0 && _hasCurvature.Value)
            return !StationarityMeasure.AnyNonzero(_gradient, _parameters); // LargestStep ≤ 0 exactly then, without its divisions (the paper preset's test)
        double remaining = _hasCurvature.Value
            ? StationarityMeasure.LargestStep(_parameters, _gradient, _curvatureBuffer, StepSize, onSupport: true)
            : Change;
        return remaining <= tolerance * Scale();
    }

    /// <summary>
    /// The support has not changed over the last W = <see cref="IhtSolverOptions.ConvergenceWindow"/> accepted
    /// steps and f fell by at most <paramref name="relativeTolerance"/>·|f| over them
    /// (docs/algorithms.md#stationarity). Unlike a tolerance on θ, this is measured in f, whose float32
    /// rounding noise (~1e-7 relative) is far below any sensible tolerance, so it fires in a normal run.
    /// Off at 0.
    /// </summary>
    public bool HasSettled(double relativeTolerance)
    {
        int window = IhtSolverOptions.ConvergenceWindow;
        if (relativeTolerance <= 0 || StableSteps < window)
            return false;
        double windowStart = _recentLosses[(StableSteps - window) % _recentLosses.Length];
        return windowStart - Loss <= relativeTolerance * Math.Abs(Loss);
    }

    private double Scale() => StationarityMeasure.Scale(_parameters);

    private void Accept(double candidateLoss)
    {
        SupportChanged = !Support.Same(_parameters, _candidate);
        Change = MaxAbsDifference(_parameters, _candidate);
        (_parameters, _candidate) = (_candidate, _parameters);
        (_gradient, _candidateGradient) = (_candidateGradient, _gradient);
        // The ring holds f after the step that began the stable run (slot 0) and after each stable step since.
        StableSteps = SupportChanged ? 0 : StableSteps + 1;
        _recentLosses[StableSteps % _recentLosses.Length] = candidateLoss;
        Loss = candidateLoss;
    }

    private static double MaxAbsDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double difference = Math.Abs((double)a[i] - b[i]);
            if (difference > max)
                max = difference;
        }
        return max;
    }

    private static bool IsFinite(double loss, ReadOnlySpan<float> gradient)
        => double.IsFinite(loss) && !VectorChecks.ContainsNonFinite(gradient);
}
