namespace MlNetSparse.Core.Solvers.Rvscgd;

/// <summary>One entry of an RVSCGD trace: the terms of L_β(uᵗ, wᵗ) after step t (t = 0: the start).</summary>
/// <param name="Step">t.</param>
/// <param name="Loss">f(wᵗ), as the objective reports it.</param>
/// <param name="Penalty">λP(uᵗ).</param>
/// <param name="Coupling">(β/2)‖wᵗ − uᵗ‖².</param>
/// <param name="SupportSize">|supp(uᵗ)|.</param>
public readonly record struct RvscgdStep(int Step, double Loss, double Penalty, double Coupling, int SupportSize)
{
    /// <summary>L_β(uᵗ, wᵗ) = f(wᵗ) + λP(uᵗ) + (β/2)‖wᵗ − uᵗ‖².</summary>
    public double Lagrangian => Loss + Penalty + Coupling;
}
