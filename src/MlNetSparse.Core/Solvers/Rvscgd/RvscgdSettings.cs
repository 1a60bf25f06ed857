using MlNetSparse.Core.Sparsity.Penalties;

namespace MlNetSparse.Core.Solvers.Rvscgd;

/// <summary>
/// The relaxed variable splitting of docs/algorithms.md#rvscgd: minimise
/// L_β(u, w) = f(w) + λP(u) + (β/2)‖w − u‖², with u ← prox_{(λ/β)P}(w) between steps on w.
/// </summary>
/// <param name="Lambda">λ, the weight of the penalty: a finite number &gt; 0.</param>
/// <param name="Beta">β, the strength of the coupling between w and u: a finite number &gt; 0.</param>
/// <param name="Penalty">P: ℓ0, ℓ1 or transformed ℓ1.</param>
/// <param name="TransformedL1Shape">a of Tℓ1 (a finite number &gt; 0); ignored by ℓ0 and ℓ1.</param>
public sealed record RvscgdSettings(double Lambda, double Beta, SparsityPenaltyKind Penalty, double TransformedL1Shape = 1.0)
{
    /// <summary>τ = λ/β, the threshold parameter of the u-update.</summary>
    public double Tau => Lambda / Beta;

    /// <summary>Checks every setting, with messages that name it and its allowed range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range.</exception>
    public void Validate()
    {
        Guard.Positive(Lambda);
        Guard.Positive(Beta);
        Guard.Defined(Penalty);
        Guard.Positive(TransformedL1Shape);
        if (!double.IsFinite(Tau))
            throw new ArgumentOutOfRangeException(nameof(Beta), $"Lambda/Beta must be finite; got {Lambda}/{Beta}.");
    }
}
