using MlNetSparse.Core.Sparsity;
using MlNetSparse.Core.Sparsity.Penalties;

namespace MlNetSparse.Tests.Core.Penalties;

/// <summary>
/// Each prox against a brute-force minimisation of F(x) = ½(x − w)² + τ p(x) over a fine grid, for
/// many w, τ and a: no grid point may beat the prox.
/// </summary>
/// <remarks>
/// The minimiser lies between 0 and w (p is even and nondecreasing in |x|), so the grid spans
/// [min(0, w), max(0, w)] with step h ≤ 1e-4 and contains 0 and w exactly. Why the check can fail:
/// if u* ≠ 0 is the true minimiser, F′(u*) = 0 and F″ ≤ 1 for all three penalties (Tℓ1's p″ is
/// negative), so the grid point nearest u* has F ≤ F(u*) + h²/8 ≈ 1.3e-9; a prox whose F exceeds
/// that is beaten. Rounding u to float changes F by about ½(6e-8·|u|)², far below the 1e-12 allowed.
/// </remarks>
public class ProxBruteForceTests
{
    private const double GridStep = 1e-4;
    private const double RoundingAllowance = 1e-12;

    [Theory]
    [InlineData(SparsityPenaltyKind.L0, 1.0)]
    [InlineData(SparsityPenaltyKind.L1, 1.0)]
    [InlineData(SparsityPenaltyKind.TransformedL1, 0.05)]
    [InlineData(SparsityPenaltyKind.TransformedL1, 0.3)]
    [InlineData(SparsityPenaltyKind.TransformedL1, 1.0)]
    [InlineData(SparsityPenaltyKind.TransformedL1, 5.0)]
    public void NoGridPointBeatsTheProx(SparsityPenaltyKind kind, double shape)
    {
        IProximalOperator penalty = SparsityPenalty.Create(kind, shape);
        foreach (double tau in PenaltyCases.Taus)
            foreach (float w in PenaltyCases.Points(tau, shape))
            {
                double u = PenaltyCases.Prox(penalty, w, tau);
                double atProx = PenaltyCases.Objective(kind, shape, tau, w, u);
                double best = GridMinimum(kind, shape, tau, w, out double argmin);
                Assert.True(atProx <= best + RoundingAllowance,
                    $"{penalty.Describe()}, τ = {tau}, w = {w}: F(prox = {u}) = {atProx:R} > F({argmin}) = {best:R}");
                Assert.True(u == 0 || (Math.Sign(u) == Math.Sign(w) && Math.Abs(u) <= Math.Abs(w)), $"prox {u} is not between 0 and w = {w}");
            }
    }

    private static double GridMinimum(SparsityPenaltyKind kind, double shape, double tau, double w, out double argmin)
    {
        int intervals = Math.Max(1, (int)Math.Ceiling(Math.Abs(w) / GridStep));
        double best = double.PositiveInfinity;
        argmin = 0;
        for (int i = 0; i <= intervals; i++)
        {
            double x = i == intervals ? w : w * i / intervals; // 0 and w exactly
            double value = PenaltyCases.Objective(kind, shape, tau, w, x);
            if (value < best)
                (best, argmin) = (value, x);
        }
        return best;
    }
}
