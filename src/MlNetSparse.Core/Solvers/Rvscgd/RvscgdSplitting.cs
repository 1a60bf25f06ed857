using MlNetSparse.Core.Sparsity.Penalties;

namespace MlNetSparse.Core.Solvers.Rvscgd;

/// <summary>
/// The pieces of RVSCGD that act on one weight tensor, so an optimiser can apply the splitting per
/// tensor: the u-update (thresholding), the coupling term of the w-gradient, and the terms of the
/// Lagrangian L_β(u, w) = f(w) + λP(u) + (β/2)‖w − u‖². Stateless apart from its settings; allocates nothing.
/// </summary>
public sealed class RvscgdSplitting
{
    private readonly ISparsityPenalty _penalty;

    /// <summary>The splitting of <paramref name="settings"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range (see <see cref="RvscgdSettings.Validate"/>).</exception>
    public RvscgdSplitting(RvscgdSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Settings = settings;
        _penalty = SparsityPenalty.Create(settings.Penalty, settings.TransformedL1Shape);
    }

    /// <summary>λ, β, P and a.</summary>
    public RvscgdSettings Settings { get; }

    /// <summary>P.</summary>
    public ISparsityPenalty PenaltyFunction => _penalty;

    /// <summary>u ← prox_{(λ/β)P}(w), the exact minimiser of L_β over u for fixed w.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public void UpdateAuxiliary(ReadOnlySpan<float> w, Span<float> u) => _penalty.Prox(w, Settings.Tau, u);

    /// <summary>gradient += β(w − u), the w-gradient of the coupling term, added to a (coarse) gradient of f.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public void AddCouplingGradient(ReadOnlySpan<float> w, ReadOnlySpan<float> u, Span<float> gradient)
    {
        Guard.Length(u.Length, w.Length, nameof(u));
        Guard.Length(gradient.Length, w.Length, nameof(gradient));
        float beta = (float)Settings.Beta;
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
        return Settings.Beta / 2 * sum;
    }

    /// <summary>λP(u).</summary>
    public double Penalty(ReadOnlySpan<float> u) => Settings.Lambda * _penalty.Value(u);

    /// <summary>L_β(u, w) = f + λP(u) + (β/2)‖w − u‖², given f = f(w).</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public double Lagrangian(double f, ReadOnlySpan<float> w, ReadOnlySpan<float> u) => f + Penalty(u) + Coupling(w, u);
}
