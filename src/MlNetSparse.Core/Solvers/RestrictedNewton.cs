using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;

namespace MlNetSparse.Core.Solvers;

/// <summary>
/// Damped Newton on a fixed support S (docs/algorithms.md#support-polish): minimises f over the θ whose
/// entries off S stay as they are. Each step solves ∇²_SS f · d = −∇_S f by Cholesky (with a small ridge
/// when ∇²_SS is not positive definite to working precision), then backtracks t = 1, ½, ¼, … until
/// f(θ + t·d) ≤ f(θ) + c·t·∇_S fᵀd (Armijo), so f never increases.
/// </summary>
/// <remarks>
/// Every f, ∇_S f and ∇²_SS f comes from <see cref="IRestrictedHessian.ValueGradientAndHessian"/>: the trial
/// point's pass is also the next step's, so an accepted full step costs one pass over the data. Stops when
/// the Newton decrement λ² = −∇_S fᵀd (f − f* ≈ λ²/2 near the optimum) is below a relative
/// <see cref="DecrementTolerance"/>, when no step length lowers f (the float32 θ cannot get closer), or
/// after <see cref="MaximumSteps"/> steps.
/// </remarks>
internal static class RestrictedNewton
{
    /// <summary>
    /// Stop once λ²/2 ≤ this × max(|f|, tiny): f is then within about this relative distance of the restricted
    /// optimum, below the float32 resolution of f the training passes see (quadratic convergence makes a
    /// tighter tolerance cost at most one more step, but lets separable data grow its weights further).
    /// </summary>
    public const double DecrementTolerance = 1e-8;

    /// <summary>Newton converges quadratically near the optimum; a run that needs this many steps is ill-conditioned beyond what polish is for.</summary>
    public const int MaximumSteps = 50;

    // Armijo's sufficient-decrease fraction and the most halvings of one step.
    private const double SufficientDecrease = 1e-4;
    private const int MaximumHalvings = 30;

    // The ridges tried, relative to the largest diagonal entry, when ∇²_SS is not positive definite.
    private static readonly double[] RelativeRidges = [0, 1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 1];

    /// <summary>Minimises f on <paramref name="support"/> from <paramref name="parameters"/>, which it overwrites with the result.</summary>
    /// <param name="objective">f, with its restricted Hessian.</param>
    /// <param name="parameters">θ: the start on entry, the polished point on return.</param>
    /// <param name="support">S, the entries Newton moves.</param>
    /// <param name="cancellationToken">Cancels between passes.</param>
    public static RestrictedNewtonRun Minimize(IRestrictedHessian objective, float[] parameters, ReadOnlySpan<int> support,
        CancellationToken cancellationToken)
    {
        int size = support.Length;
        if (size == 0)
            return new RestrictedNewtonRun(double.NaN, double.NaN, 0, 0);
        double[] gradient = new double[size], hessian = new double[size * size], direction = new double[size];
        double[] trialGradient = new double[size], trialHessian = new double[size * size], factor = new double[size * size];
        float[] trial = (float[])parameters.Clone();
        int passes = 1, steps = 0;
        double loss = objective.ValueGradientAndHessian(parameters, support, gradient, hessian);
        double startLoss = loss;
        while (steps < MaximumSteps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double slope = NewtonDirection(hessian, gradient, factor, direction); // ∇_S fᵀd = −λ²
            if (!(slope < 0) || -slope / 2 <= DecrementTolerance * Math.Max(Math.Abs(loss), double.Epsilon))
                break;
            bool accepted = false;
            double length = 1;
            for (int halving = 0; halving <= MaximumHalvings && !accepted; halving++, length *= 0.5)
            {
                // trial ← θ + t·d on S
                bool moved = false;
                for (int a = 0; a < size; a++)
                {
                    trial[support[a]] = (float)(parameters[support[a]] + length * direction[a]);
                    moved |= trial[support[a]] != parameters[support[a]];
                }
                if (!moved)
                    break; // the step is below float32 resolution: θ is as close as it can get
                double trialLoss = objective.ValueGradientAndHessian(trial, support, trialGradient, trialHessian);
                passes++;
                if (double.IsFinite(trialLoss) && trialLoss <= loss + SufficientDecrease * length * slope)
                {
                    accepted = true;
                    loss = trialLoss;
                    for (int a = 0; a < size; a++)
                        parameters[support[a]] = trial[support[a]];
                    (gradient, trialGradient) = (trialGradient, gradient);
                    (hessian, trialHessian) = (trialHessian, hessian);
                }
            }
            for (int a = 0; a < size; a++)
                trial[support[a]] = parameters[support[a]];
            if (!accepted)
                break;
            steps++;
        }
        return new RestrictedNewtonRun(startLoss, loss, steps, passes);
    }

    // d = −(∇²_SS + μI)⁻¹∇_S f with the smallest ridge μ that factors; returns ∇_S fᵀd.
    private static double NewtonDirection(double[] hessian, double[] gradient, double[] factor, double[] direction)
    {
        int size = gradient.Length;
        double largestDiagonal = 0;
        for (int a = 0; a < size; a++)
            largestDiagonal = Math.Max(largestDiagonal, Math.Abs(hessian[a * size + a]));
        foreach (double relativeRidge in RelativeRidges)
        {
            hessian.CopyTo(factor, 0);
            double ridge = relativeRidge * Math.Max(largestDiagonal, double.Epsilon);
            for (int a = 0; a < size; a++)
                factor[a * size + a] += ridge;
            if (!Cholesky.TryFactor(factor, size))
                continue;
            for (int a = 0; a < size; a++)
                direction[a] = -gradient[a];
            Cholesky.Solve(factor, size, direction);
            double slope = 0;
            for (int a = 0; a < size; a++)
                slope += gradient[a] * direction[a];
            if (double.IsFinite(slope))
                return slope;
        }
        return double.NaN; // not even ∇² + (max diagonal)·I factors: a non-finite Hessian
    }
}

/// <summary>What one <see cref="RestrictedNewton.Minimize"/> did.</summary>
/// <param name="StartLoss">f at the start, as the restricted pass computes it.</param>
/// <param name="Loss">f at the end, likewise.</param>
/// <param name="Steps">Newton steps accepted.</param>
/// <param name="Passes">Restricted passes over the data (accepted and rejected trials, and the start).</param>
internal readonly record struct RestrictedNewtonRun(double StartLoss, double Loss, int Steps, int Passes);
