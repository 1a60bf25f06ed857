using MlNetSparse.Core.Sparsity;
using MlNetSparse.Core.Sparsity.Penalties;

namespace MlNetSparse.Tests.Core.Penalties;

/// <summary>The scalar penalties p(x) written from their definitions, and the grids of w, τ and a the tests sweep.</summary>
internal static class PenaltyCases
{
    public static readonly double[] Taus = [0.01, 0.1, 0.5, 2];

    // Small a (ℓ0-like, threshold by √(2τ(a+1)) − a/2 for most τ), a ≈ 1 and large a (ℓ1-like): both threshold branches.
    public static readonly double[] Shapes = [0.05, 0.3, 1, 5];

    /// <summary>w from −3 to 3 in steps of 0.15, plus values next to the thresholds of every τ.</summary>
    public static float[] Points(double tau, double shape)
    {
        var points = Enumerable.Range(-20, 41).Select(i => (float)(0.15 * i)).ToList();
        double t = new TransformedL1Penalty(shape).Threshold(tau);
        foreach (double threshold in new[] { Math.Sqrt(2 * tau), tau, t })
            foreach (double offset in new[] { -1e-3, 1e-3, 0.02 })
                points.AddRange([(float)(threshold + offset), (float)-(threshold + offset)]);
        return [.. points];
    }

    public static double Scalar(SparsityPenaltyKind kind, double shape, double x) => kind switch
    {
        SparsityPenaltyKind.L0 => x != 0 ? 1 : 0,
        SparsityPenaltyKind.L1 => Math.Abs(x),
        _ => (shape + 1) * Math.Abs(x) / (shape + Math.Abs(x)),
    };

    /// <summary>½(x − w)² + τ p(x), the function prox_{τp}(w) minimises.</summary>
    public static double Objective(SparsityPenaltyKind kind, double shape, double tau, double w, double x)
        => 0.5 * (x - w) * (x - w) + tau * Scalar(kind, shape, x);

    public static float Prox(IProximalOperator penalty, float w, double tau)
    {
        var u = new float[1];
        penalty.Prox([w], tau, u);
        return u[0];
    }
}
