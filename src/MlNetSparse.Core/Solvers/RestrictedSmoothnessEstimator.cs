using System.Numerics.Tensors;
using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Sparsity;

namespace MlNetSparse.Core.Solvers;

/// <summary>
/// The Monte-Carlo estimate L̂₂ₛ of the restricted smoothness constant L₂ₛ and the step γ = 1/L̂₂ₛ
/// (docs/algorithms.md#restricted-smoothness).
/// </summary>
/// <remarks>
/// For j = 1 … N: draw θ from the model's usual initialisation; keep s entries chosen uniformly
/// without replacement; δ = min over nonzero i of |θᵢ|; θ̃ = H_s(θ + δ·d) with d ~ N(0, Iₙ);
/// L̂ʲ = ‖∇f(θ̃) − ∇f(θ)‖ / ‖θ̃ − θ‖. Then L̂₂ₛ = maxⱼ L̂ʲ. θ̃ − θ is 2s-sparse but ∇f(θ̃) − ∇f(θ) is not,
/// so a ratio is bounded by the restricted gradient-Lipschitz constant (for a quadratic with Hessian G,
/// max_{|S| ≤ 2s} ‖G[:, S]‖₂), which can exceed the RSS constant L₂ₛ = max_{|S| ≤ 2s} λmax(G[S, S]):
/// the estimate can fall on either side of L₂ₛ, which is why <see cref="IhtSolver"/> backtracks.
/// </remarks>
public static class RestrictedSmoothnessEstimator
{
    /// <summary>Estimates L₂ₛ of <paramref name="objective"/> from <paramref name="sampleCount"/> draws seeded by <paramref name="seed"/>.</summary>
    /// <param name="objective">f.</param>
    /// <param name="sparsity">s.</param>
    /// <param name="initializer">The model's usual random initialisation.</param>
    /// <param name="sampleCount">N, the number of samples.</param>
    /// <param name="seed">Seed of every random draw.</param>
    /// <param name="checkpoint">Called before each sample (for cancellation); may throw to stop.</param>
    /// <exception cref="NonFiniteLossException">A gradient at a sampled point, or the estimate itself, is not finite.</exception>
    /// <exception cref="InvalidOperationException">The gradient did not change along any sampled direction.</exception>
    public static SmoothnessEstimate Estimate(IDifferentiableObjective objective, int sparsity,
        IParameterInitializer initializer, int sampleCount, int seed, Action? checkpoint = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(initializer);
        int n = objective.ParameterCount;
        Guard.InRange(sparsity, 1, n);
        Guard.InRange(sampleCount, 1, 1_000_000);

        var random = new Random(seed);
        var threshold = new HardThresholdOperator(n, sparsity);
        var theta = new float[n];
        var perturbed = new float[n];
        var direction = new float[n];
        var gradient = new float[n];
        var perturbedGradient = new float[n];
        var ratios = new List<double>(sampleCount);
        for (int j = 0; j < sampleCount; j++)
        {
            checkpoint?.Invoke();
            DrawSparsePoint(initializer, random, sparsity, theta, perturbed);
            float delta = SmallestNonzeroMagnitude(theta);
            // θ̃ ← H_s(θ + δ·d)
            Gaussian.Fill(random, direction);
            TensorPrimitives.MultiplyAdd(direction, delta, theta, perturbed);
            threshold.Apply(perturbed, perturbed);
            double distance = Distance(perturbed, theta);
            if (!(distance > 0))
                continue;
            GradientAt(objective, theta, gradient);
            GradientAt(objective, perturbed, perturbedGradient);
            // L̂ʲ = ‖∇f(θ̃) − ∇f(θ)‖ / ‖θ̃ − θ‖
            ratios.Add(Distance(perturbedGradient, gradient) / distance);
        }
        double estimate = ratios.Count == 0 ? 0 : ratios.Max();
        if (!double.IsFinite(estimate))
            throw new NonFiniteLossException(0, $"the gradient changes too fast to estimate L₂ₛ (L̂₂ₛ = {estimate}), which happens when features are very large");
        if (!(estimate > 0))
            throw new InvalidOperationException(
                $"The restricted smoothness estimate is 0: the gradient did not change along any of {sampleCount} sampled sparse directions. " +
                "Check that the features are not all constant.");
        return new SmoothnessEstimate(estimate, ratios.Average(), sampleCount, ratios.Count);
    }

    // θ ← a draw of the initialisation with all but s uniformly chosen entries zeroed.
    private static void DrawSparsePoint(IParameterInitializer initializer, Random random, int sparsity, Span<float> theta, Span<float> scratch)
    {
        initializer.Sample(random, scratch);
        theta.Clear();
        foreach (int i in SparseStart.RandomSupport(theta.Length, sparsity, random))
            theta[i] = scratch[i];
    }

    // ‖a − b‖ in double: float norms overflow for features of order 1e10 and more.
    private static double Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = (double)a[i] - b[i];
            sum += d * d;
        }
        return Math.Sqrt(sum);
    }

    private static float SmallestNonzeroMagnitude(ReadOnlySpan<float> x)
    {
        float smallest = float.PositiveInfinity;
        foreach (float v in x)
            if (v != 0f)
                smallest = Math.Min(smallest, Math.Abs(v));
        return float.IsFinite(smallest) ? smallest : 0f;
    }

    private static void GradientAt(IDifferentiableObjective objective, ReadOnlySpan<float> point, Span<float> gradient)
    {
        double value = objective.ValueAndGradient(point, gradient);
        if (!double.IsFinite(value) || VectorChecks.ContainsNonFinite(gradient))
            throw new NonFiniteLossException(0, $"f or ∇f is not finite at a point sampled to estimate L₂ₛ (f = {value})");
    }
}

/// <summary>The Monte-Carlo estimate of L₂ₛ.</summary>
/// <param name="Estimate">L̂₂ₛ = maxⱼ L̂ʲ.</param>
/// <param name="MeanRatio">The mean of the sampled ratios L̂ʲ, for diagnostics.</param>
/// <param name="SampleCount">Samples drawn.</param>
/// <param name="UsedSampleCount">Samples whose perturbation was nonzero.</param>
public sealed record SmoothnessEstimate(double Estimate, double MeanRatio, int SampleCount, int UsedSampleCount)
{
    /// <summary>γ = 1/L̂₂ₛ.</summary>
    public double StepSize => 1 / Estimate;

    /// <summary>Passes over the data the estimate made: two gradients per used sample.</summary>
    public int Passes => 2 * UsedSampleCount;
}
