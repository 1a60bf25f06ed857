using MlNetSparse.Core.Solvers;

namespace MlNetSparse.Core.Objectives;

/// <summary>
/// The ridge term of L0L2 (docs/algorithms.md#ridge-term): f_λ(θ) = f(θ) + (λ₂/2)·Σ_{i∈W} θᵢ², with W
/// the weights of a linear model (biases are not penalised, as in glmnet); every entry of θ for an
/// objective that is not a <see cref="ILinearModelObjective"/>. It wraps any objective, so each loss
/// and each fused pass stays as it is: the term costs O(n) per evaluation against the pass's O(m·n).
/// </summary>
/// <remarks>
/// Everything that reads the objective sees the term: the value and gradient (∇ᵢ += λ₂θᵢ), the
/// curvature bounds (dᵢ += λ₂, <see cref="IDiagonalCurvature"/>, so the stationarity measure and the
/// certificate judge f_λ), and the Monte-Carlo L̂₂ₛ, which samples f_λ's gradients (for a quadratic
/// it adds λ₂ to the restricted smoothness constant when every sampled entry is a weight).
/// </remarks>
public static class RidgePenalty
{
    /// <summary>
    /// f + (λ₂/2)·‖w‖²; <paramref name="objective"/> itself when λ₂ = 0, so the paper's objective runs
    /// exactly as before. The result bounds its curvature when <paramref name="objective"/> does.
    /// </summary>
    /// <param name="objective">f, the plain loss.</param>
    /// <param name="l2Regularization">λ₂, a finite number ≥ 0.</param>
    public static IDifferentiableObjective Apply(IDifferentiableObjective objective, double l2Regularization)
    {
        ArgumentNullException.ThrowIfNull(objective);
        IhtSolverOptions.Table.Check(nameof(IhtSolverOptions.L2Regularization), l2Regularization);
        if (l2Regularization == 0)
            return objective;
        int penalized = objective is ILinearModelObjective linear ? linear.Layout.WeightCount : objective.ParameterCount;
        return objective switch
        {
            IDiagonalCurvature and IRestrictedHessian => new PenalizedWithHessian(objective, l2Regularization, penalized),
            IDiagonalCurvature => new PenalizedWithCurvature(objective, l2Regularization, penalized),
            _ => new Penalized(objective, l2Regularization, penalized),
        };
    }

    /// <summary>(λ₂/2)·Σ_{i &lt; count} θᵢ², summed in double.</summary>
    private static double Term(ReadOnlySpan<float> parameters, double l2Regularization, int count)
    {
        double sum = 0;
        foreach (float value in parameters[..count])
            sum += (double)value * value;
        return 0.5 * l2Regularization * sum;
    }

    private class Penalized(IDifferentiableObjective inner, double l2Regularization, int penalizedCount) : IDifferentiableObjective
    {
        private protected IDifferentiableObjective Inner => inner;
        private protected double L2Regularization => l2Regularization;
        private protected int PenalizedCount => penalizedCount;

        public int ParameterCount => inner.ParameterCount;

        public double Value(ReadOnlySpan<float> parameters)
            => inner.Value(parameters) + Term(parameters, l2Regularization, penalizedCount);

        public double ValueAndGradient(ReadOnlySpan<float> parameters, Span<float> gradient)
        {
            double value = inner.ValueAndGradient(parameters, gradient);
            float lambda = (float)l2Regularization;
            for (int i = 0; i < penalizedCount; i++)
                gradient[i] += lambda * parameters[i];
            return value + Term(parameters, l2Regularization, penalizedCount);
        }
    }

    private class PenalizedWithCurvature(IDifferentiableObjective inner, double l2Regularization, int penalizedCount)
        : Penalized(inner, l2Regularization, penalizedCount), IDiagonalCurvature
    {
        // ∂²/∂θᵢ² of (λ₂/2)θᵢ² is λ₂.
        public void DiagonalCurvatureBounds(Span<float> destination)
        {
            ((IDiagonalCurvature)Inner).DiagonalCurvatureBounds(destination);
            for (int i = 0; i < PenalizedCount; i++)
                destination[i] = (float)(destination[i] + L2Regularization);
        }
    }

    // The support polish's Newton steps see the term too: ∇ᵢ += λ₂θᵢ and ∂²/∂θᵢ² += λ₂ on the penalised entries of S.
    private sealed class PenalizedWithHessian(IDifferentiableObjective inner, double l2Regularization, int penalizedCount)
        : PenalizedWithCurvature(inner, l2Regularization, penalizedCount), IRestrictedHessian
    {
        public double RestrictedPassCost(int supportSize) => ((IRestrictedHessian)Inner).RestrictedPassCost(supportSize);

        public double GradientPassWork => ((IRestrictedHessian)Inner).GradientPassWork;

        public double ValueGradientAndHessian(ReadOnlySpan<float> parameters, ReadOnlySpan<int> support, Span<double> gradient, Span<double> hessian)
        {
            double value = ((IRestrictedHessian)Inner).ValueGradientAndHessian(parameters, support, gradient, hessian);
            for (int a = 0; a < support.Length; a++)
            {
                if (support[a] >= PenalizedCount)
                    continue;
                gradient[a] += L2Regularization * parameters[support[a]];
                hessian[a * support.Length + a] += L2Regularization;
            }
            return value + Term(parameters, L2Regularization, PenalizedCount);
        }
    }
}
