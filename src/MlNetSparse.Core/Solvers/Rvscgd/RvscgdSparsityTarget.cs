using MlNetSparse.Core.Sparsity.Penalties;

namespace MlNetSparse.Core.Solvers.Rvscgd;

/// <summary>
/// Sparsity on request: instead of a fixed λ, each u-update takes the λ = β·τ whose prox zeroes the wanted
/// fraction of the weights (<see cref="ZeroFractionThreshold"/>), over all weight tensors together or per tensor.
/// </summary>
/// <param name="Fraction">The fraction of weights zero, in (0, 1).</param>
/// <param name="PerTensor">True: each weight tensor gets its own λ and reaches the fraction on its own; false: one λ
/// for all, and the fraction is of all their weights together (small layers may then keep more, large ones fewer).</param>
/// <param name="RampEpochs">Epochs over which the fraction grows from 0 along the cubic of gradual magnitude pruning,
/// s(e) = s·(1 − (1 − e/R)³) (Zhu and Gupta 2017, "To prune, or not to prune"); 0 thresholds at the full fraction from the first step.</param>
public sealed record RvscgdSparsityTarget(double Fraction, bool PerTensor = false, int RampEpochs = 0)
{
    /// <summary>The fraction wanted after <paramref name="epochsDone"/> epochs (fractional: steps / steps per epoch).</summary>
    public double FractionAt(double epochsDone)
    {
        if (RampEpochs <= 0 || epochsDone >= RampEpochs)
            return Fraction;
        double left = 1 - Math.Max(epochsDone, 0) / RampEpochs;
        return Fraction * (1 - left * left * left);
    }

    /// <summary>Checks the fraction and the ramp, with messages that name them and their ranges.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range.</exception>
    public void Validate()
    {
        if (!(Fraction > 0 && Fraction < 1))
            throw new ArgumentOutOfRangeException(nameof(Fraction), $"Fraction must be in (0, 1), the fraction of weights zero; got {Fraction}.");
        Guard.InRange(RampEpochs, 0, int.MaxValue);
    }
}
