using System.Numerics.Tensors;
using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Sparsity;

namespace MlNetSparse.Core.Solvers;

/// <summary>
/// Iterative hard thresholding (Algorithm 1 of learning-sparse-nn-iht): θᵏ⁺¹ = H_s(θᵏ − γ∇f(θᵏ)),
/// the sparse analogue of gradient descent.
/// </summary>
/// <remarks>
/// <para>The loss never increases: a step that would raise f is retried with γ halved (and γ stays
/// halved), because the γ = 1/L̂₂ₛ of a Monte-Carlo estimate can exceed 1/L₂ₛ, where the descent
/// guarantee ends. <see cref="IhtSolution.Backtracks"/> counts the halvings. A rise within the
/// rounding noise of f is not evidence of a too-large γ: that step alone is retried smaller, and a
/// run whose steps have shrunk to rounding stops (<see cref="IhtStopReason.RoundingLimit"/>), so γ
/// (and the certificate stated at γ) is not shrunk by rounding.</para>
/// <para>Each step costs one <see cref="IDifferentiableObjective.ValueAndGradient"/>: the value
/// decides acceptance and the gradient serves the next step. Buffers are allocated once per run.</para>
/// </remarks>
public static class IhtSolver
{
    /// <summary>Runs IHT on <paramref name="objective"/> from <paramref name="start"/> (at most s nonzeros).</summary>
    /// <exception cref="ArgumentException">The start has the wrong length, more than s nonzeros, or a non-finite entry.</exception>
    /// <exception cref="NonFiniteLossException">f or ∇f is not finite at the start, or at every step size tried.</exception>
    public static IhtSolution Solve(IDifferentiableObjective objective, ReadOnlySpan<float> start, IhtSolverOptions options,
        IIhtObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        int n = objective.ParameterCount;
        options.Validate(n);
        CheckStart(start, n, options.Sparsity);

        var run = new Run(objective, options, start);
        // Sized up front (up to 64k steps) so that the step loop allocates nothing.
        var history = new List<double>(Math.Min(options.MaximumIterations, 65_536) + 1) { run.Loss };
        IhtStopReason reason = IhtStopReason.MaximumIterations;
        int iteration = 0;
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
            if (run.IsStationary(options.OptimizationTolerance)) { reason = IhtStopReason.Converged; break; }
        }
        return new IhtSolution(run.Parameters, run.Gradient, [.. history], iteration, options.StepSize, run.StepSize, run.Backtracks, reason);
    }

    private static void CheckStart(ReadOnlySpan<float> start, int n, int sparsity)
    {
        Guard.Length(start.Length, n, nameof(start));
        int nonzeros = Support.CountNonzero(start);
        if (nonzeros > sparsity)
            throw new ArgumentException($"start must have at most {sparsity} nonzero entries (the sparsity); got {nonzeros}.", nameof(start));
        if (VectorChecks.ContainsNonFinite(start))
            throw new ArgumentException("start must contain only finite values.", nameof(start));
    }

    /// <summary>The iterate, its gradient and the candidate step, with the buffers they live in.</summary>
    private sealed class Run
    {
        // A move of at most this many float32 ulps (relative to max(1, ‖θ‖∞)) is rounding, not a step.
        private const double RoundingMove = 8 * 1.1920929e-7;

        // f is summed from float32 margins: a rise within this relative size can be rounding alone.
        private const double LossRoundingNoise = 8 * 1.1920929e-7;

        private readonly IDifferentiableObjective _objective;
        private readonly HardThresholdOperator _threshold;
        private readonly int _maximumHalvings;
        private readonly float[]? _curvature;
        private float[] _parameters, _gradient, _candidate, _candidateGradient;

        public Run(IDifferentiableObjective objective, IhtSolverOptions options, ReadOnlySpan<float> start)
        {
            int n = objective.ParameterCount;
            _objective = objective;
            _threshold = new HardThresholdOperator(n, options.Sparsity, options.TieBreaking, options.TieBreakingSeed);
            _maximumHalvings = options.MaximumHalvingsPerStep;
            _curvature = StationarityMeasure.CurvatureOf(objective);
            _parameters = start.ToArray();
            _gradient = new float[n];
            _candidate = new float[n];
            _candidateGradient = new float[n];
            StepSize = options.StepSize;
            Loss = objective.ValueAndGradient(_parameters, _gradient);
            if (!IsFinite(Loss, _gradient))
                throw new NonFiniteLossException(0, $"f(θ⁰) = {Loss}");
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
        /// One IHT step: candidate = H_s(θ − γ∇f(θ)), accepted when f(candidate) ≤ f(θ); otherwise
        /// retried with γ halved. Only a rise larger than the rounding noise of f (or a non-finite
        /// loss) is evidence that γ is too large, and only then does the halved γ stay for later
        /// steps. False when θ is a fixed point to working precision: the rejected candidate
        /// differs from θ only by rounding.
        /// </summary>
        public bool TryDescend(int step)
        {
            double trialStep = StepSize;
            bool stepTooLarge = false, sawFiniteLoss = false;
            for (int halvings = 0; halvings <= _maximumHalvings; halvings++, trialStep *= 0.5)
            {
                // candidate ← θ − γ·∇f(θ), then candidate ← H_s(candidate)
                TensorPrimitives.MultiplyAdd(_gradient, (float)-trialStep, _parameters, _candidate);
                _threshold.Apply(_candidate, _candidate);
                double candidateLoss = _objective.ValueAndGradient(_candidate, _candidateGradient);
                bool finite = IsFinite(candidateLoss, _candidateGradient);
                sawFiniteLoss |= finite;
                if (finite && candidateLoss <= Loss)
                {
                    if (stepTooLarge)
                        (StepSize, Backtracks) = (trialStep, Backtracks + halvings);
                    LastStepSize = trialStep;
                    Accept(candidateLoss);
                    return true;
                }
                if (finite && MaxAbsDifference(_parameters, _candidate) <= RoundingMove * Scale())
                    return false;
                stepTooLarge |= !finite || candidateLoss - Loss > LossRoundingNoise * Math.Abs(Loss);
            }
            if (!sawFiniteLoss)
                throw new NonFiniteLossException(step, $"f stayed non-finite after halving the step {_maximumHalvings} times (γ = {trialStep:G4})");
            return false;
        }

        /// <summary>
        /// The support is unchanged and no entry on it would still move by more than
        /// tolerance·max(1, ‖θ‖∞): judged by a per-coordinate Newton step |∇ᵢf|/dᵢ when the objective
        /// bounds its curvature (a tiny γ cannot fake it), else by the last step's largest change.
        /// </summary>
        public bool IsStationary(double tolerance)
        {
            if (SupportChanged)
                return false;
            double remaining = _curvature is null ? Change
                : StationarityMeasure.LargestStep(_parameters, _gradient, _curvature, StepSize, onSupport: true);
            return remaining <= tolerance * Scale();
        }

        private double Scale() => StationarityMeasure.Scale(_parameters);

        private void Accept(double candidateLoss)
        {
            SupportChanged = !Support.Same(_parameters, _candidate);
            Change = MaxAbsDifference(_parameters, _candidate);
            (_parameters, _candidate) = (_candidate, _parameters);
            (_gradient, _candidateGradient) = (_candidateGradient, _gradient);
            Loss = candidateLoss;
        }

        private static double MaxAbsDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        {
            double max = 0;
            for (int i = 0; i < a.Length; i++)
                max = Math.Max(max, Math.Abs((double)a[i] - b[i]));
            return max;
        }

        private static bool IsFinite(double loss, ReadOnlySpan<float> gradient)
            => double.IsFinite(loss) && !VectorChecks.ContainsNonFinite(gradient);
    }
}
