using MlNetSparse.Core.Sparsity;
using MlNetSparse.Core.Sparsity.Penalties;

namespace MlNetSparse.Core.Solvers.Rvscgd;

/// <summary>
/// The pieces of RVSCGD that act on one weight tensor, so an optimiser can apply the splitting per
/// tensor: the u-update (any <see cref="IProximalOperator"/>: the ℓ0, ℓ1, Tℓ1 penalties or a projection
/// such as H_s), the coupling term of the w-gradient, and the terms of the Lagrangian
/// L_β(u, w) = f(w) + λP(u) + (β/2)‖w − u‖² (docs/algorithms.md#rvscgd). Stateless apart from its
/// settings; allocates nothing.
/// </summary>
public sealed class RvscgdSplitting
{
    /// <summary>The splitting of <paramref name="settings"/>, its penalty built from its kind.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range (see <see cref="RvscgdSettings.Validate"/>).</exception>
    public RvscgdSplitting(RvscgdSettings settings)
        : this(Validated(settings).Lambda, settings.Beta, SparsityPenalty.Create(settings.Penalty, settings.TransformedL1Shape))
    {
    }

    /// <summary>The splitting with penalty weight λ, coupling β and the proximal operator of P.</summary>
    /// <param name="lambda">λ, a finite number &gt; 0.</param>
    /// <param name="beta">β, a finite number &gt; 0, with λ/β finite.</param>
    /// <param name="prox">P and its prox: a penalty (ℓ0, ℓ1, Tℓ1) or a projection (H_s).</param>
    /// <exception cref="ArgumentOutOfRangeException">λ, β or λ/β is out of range.</exception>
    public RvscgdSplitting(double lambda, double beta, IProximalOperator prox)
    {
        ArgumentNullException.ThrowIfNull(prox);
        Guard.Positive(lambda, "Lambda");
        Guard.Positive(beta, "Beta");
        if (!double.IsFinite(lambda / beta))
            throw new ArgumentOutOfRangeException("Beta", $"Lambda/Beta must be finite; got {lambda}/{beta}.");
        Lambda = lambda;
        Beta = beta;
        Prox = prox;
    }

    /// <summary>λ, the weight of the penalty.</summary>
    public double Lambda { get; }

    /// <summary>β, the strength of the coupling between w and u.</summary>
    public double Beta { get; }

    /// <summary>τ = λ/β, the threshold parameter of the u-update.</summary>
    public double Tau => Lambda / Beta;

    /// <summary>P and its proximal operator.</summary>
    public IProximalOperator Prox { get; }

    /// <summary>u ← prox_{(λ/β)P}(w), the exact minimiser of L_β over u for fixed w.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public void UpdateAuxiliary(ReadOnlySpan<float> w, Span<float> u) => Prox.Prox(w, Tau, u);

    /// <summary>u ← prox_{(λ/β)P}(w) with a λ of this call (a sparsity target's, <see cref="RvscgdSparsityTarget"/>); λ = 0 copies w.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lambda"/> is negative or not finite.</exception>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public void UpdateAuxiliary(ReadOnlySpan<float> w, Span<float> u, double lambda) => Prox.Prox(w, lambda / Beta, u);

    /// <summary>gradient += β(w − u), the w-gradient of the coupling term, added to a (coarse) gradient of f.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public void AddCouplingGradient(ReadOnlySpan<float> w, ReadOnlySpan<float> u, Span<float> gradient)
    {
        Guard.Length(u.Length, w.Length, nameof(u));
        Guard.Length(gradient.Length, w.Length, nameof(gradient));
        float beta = (float)Beta;
        for (int i = 0; i < w.Length; i++)
            gradient[i] += beta * (w[i] - u[i]);
    }

    /// <summary>(β/2)‖w − u‖², in double.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public double Coupling(ReadOnlySpan<float> w, ReadOnlySpan<float> u)
    {
        Guard.Length(u.Length, w.Length, nameof(u));
        double sum = 0;
        for (int i = 0; i < w.Length; i++)
        {
            double difference = (double)w[i] - u[i];
            sum += difference * difference;
        }
        return Beta / 2 * sum;
    }

    /// <summary>λP(u).</summary>
    public double Penalty(ReadOnlySpan<float> u) => Lambda * Prox.Value(u);

    /// <summary>λP(u) with a λ of this call.</summary>
    public double Penalty(ReadOnlySpan<float> u, double lambda) => lambda * Prox.Value(u);

    /// <summary>L_β(u, w) = f + λP(u) + (β/2)‖w − u‖², given f = f(w).</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public double Lagrangian(double f, ReadOnlySpan<float> w, ReadOnlySpan<float> u) => f + Penalty(u) + Coupling(w, u);

    private static RvscgdSettings Validated(RvscgdSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        return settings;
    }
}
