using MlNetSparse.Core;
using MlNetSparse.Core.Solvers;

namespace MlNetSparse.Experiments.Escape;

/// <summary>
/// Two quadratics in ℝ³ with s = 1 and γ = 1 that share the HT-unstable point θᵘ = T·e₀ and the slope
/// b = ∇f(θᵘ) = T·(0, −1, 1), and differ only in whether H couples the coordinates. Every number
/// scales with T (a power of two keeps θᵘ and b exact in float32); the derivations are at T = 1.
/// </summary>
/// <remarks>
/// <para><b>Why θᵘ is a saddle.</b> At θᵘ = (1, 0, 0), S = {0}: ∇₀f = 0, and one IHT step gives
/// θᵘ − γ∇f(θᵘ) = (1, 1, −1), a three-way tie at the boundary of H₁. Inequality (8):
/// left = |θᵘ₀| = 1, right = γ·max(|∇₁f|, |∇₂f|) = 1. Equal, so HT-unstable.</para>
/// <para><b>What decides an escape.</b> Near θᵘ on its own support, θ = θᵘ + e·e₀, the next step
/// compares z₀ = 1 + (1 − γH₀₀)e with the competitors zⱼ = −γ∇ⱼf = −γ(bⱼ + Hⱼ₀e) (j = 1, 2):
/// |zⱼ| − |z₀| = cⱼe with cⱼ = −γ·sign(−bⱼ)·Hⱼ₀ − (1 − γH₀₀). The run leaves when some cⱼe &gt; 0;
/// otherwise it stays on S = {0}, where e shrinks by 0 ≤ 1 − γH₀₀ &lt; 1 a step without changing
/// sign, so it stays for good and converges back to θᵘ. A dense start θᵘ + δ first takes one step
/// that either changes the support at once or lands on that line with e₁ = ((I − γH)δ)₀.</para>
/// <para>Hence escape from every start (but a null set) needs tied competitors with cⱼ of both
/// signs, which needs |Hⱼ₀| &gt; 1/γ − H₀₀ for some j: a coupled H. With H diagonal every cⱼ is
/// −(1 − γH₀₀) ≤ 0, and the starts with e₁ &gt; 0 that survive the first step never escape. With a
/// single tied competitor no H helps: staying is then the intersection of two half-spaces of δ
/// (first-step gap ≤ 0, c·e₁ ≤ 0), which has positive probability unless their normals are opposite.</para>
/// </remarks>
public static class SaddleConstructions
{
    /// <summary>T = 2⁻⁸, the default scale; see <see cref="EscapeOptions.PerturbationRadius"/> for why.</summary>
    public const double DefaultScale = 1.0 / 256;

    /// <summary>
    /// The coupled construction, where every start near θᵘ escapes (up to a null set, which float32
    /// widens to a band of a few ulps).
    /// </summary>
    /// <remarks>
    /// <para>H = [[3/4, −3/8, −3/8], [−3/8, 3/8, 5/16], [−3/8, 5/16, 5/16]] (positive definite,
    /// det = 3/512), a = T·(−3, 32, −40), s = 1, γ = 1, f(θᵘ) = 36T².</para>
    /// <para>L₂ₛ = max over 2 × 2 principal blocks of λmax = λmax(H_{0,1}) = (9 + 3√5)/16 ≈ 0.98176
    /// (the blocks {0,2} and {1,2} give (17 + √193)/32 ≈ 0.9654 and (11 + √101)/32 ≈ 0.6581), so
    /// γ = 1 &lt; 1/L₂ₛ ≈ 1.0186. λmax(H) ≈ 1.2359 exceeds 1/γ, which matters only for the one step
    /// taken from the dense start; every later iterate is 1-sparse, where L₂ₛ rules.</para>
    /// <para>θᵘ = T·(1, 0, 0): ∇f = T·(0, −1, 1); (8): T vs γ·T, equal: Unstable.
    /// c₁ = 3/8 − 1/4 = 1/8 &gt; 0 (e &gt; 0 lets coordinate 1 in), c₂ = −3/8 − 1/4 = −5/8 (e &lt; 0
    /// lets coordinate 2 in): every e ≠ 0 leaves within one step.</para>
    /// <para>θˢ = T·(0, 0, −22/5), the minimiser on S = {2}: ∇f = T·(9/10, −2, 0); (8): 22T/5 vs
    /// γ·2T, margin 12T/5: Stable; f = 33.35T².</para>
    /// <para>The minimiser on S = {1}, T·(0, 5/3, 0), has ∇f = T·(−11/8, 0, 91/48); (8): 5T/3 vs
    /// 91T/48 fails, so it is no fixed point and IHT passes on to θˢ. θᵘ and θˢ are the only
    /// 1-sparse fixed points.</para>
    /// <para>In float32 the staying set e₁ = 0 widens to |e₁| of a few ulp(T): θ¹ rounds onto θᵘ (or
    /// the gaps c·e₁ round to a tie that the smaller-index rule gives to coordinate 0) and the run
    /// converges back. At T = 2⁻⁸ and ρ = 1e-6 that is 6 of 4000 seeded starts (|e₁| ≤ 3.4 ulp); at
    /// T = 1, where ρ is 8 ulps, it is 1001 of 4000.</para>
    /// </remarks>
    /// <param name="scale">T, a power of two in [2⁻²⁰, 1].</param>
    public static SaddleQuadratic Coupled(double scale = DefaultScale)
    {
        CheckScale(scale);
        double t = scale;
        double[,] curvature = { { 0.75, -0.375, -0.375 }, { -0.375, 0.375, 0.3125 }, { -0.375, 0.3125, 0.3125 } };
        var unstable = new KnownFixedPoint("θᵘ", [t, 0, 0], t, t, HtStabilityVerdict.Unstable);
        var stable = new KnownFixedPoint("θˢ", [0, 0, -22 * t / 5], 22 * t / 5, 2 * t, HtStabilityVerdict.Stable);
        return new SaddleQuadratic("coupled", curvature, [-3 * t, 32 * t, -40 * t], [0, -t, t], sparsity: 1, stepSize: 1,
            restrictedSmoothness: (9 + 3 * Math.Sqrt(5)) / 16, unstable, stable, []);
    }

    /// <summary>
    /// The separable construction: the same θᵘ, b, s and γ with H diagonal. About 19% of dense
    /// starts never escape; they converge back to θᵘ.
    /// </summary>
    /// <remarks>
    /// <para>H = diag(3/4, 3/8, 5/16), a = T·(1, 8/3, −16/5), s = 1, γ = 1; L₂ₛ = 3/4 (= λmax(H)),
    /// γ = 1 &lt; 4/3. θᵘ = T·(1, 0, 0): ∇f = T·(0, −1, 1); (8): T vs γ·T: Unstable.</para>
    /// <para>θˢ = T·(0, 0, −16/5): ∇f = T·(−3/4, −1, 0); (8): 16T/5 vs γ·T: Stable; f = 41T²/24, the
    /// lowest. θˢ′ = T·(0, 8/3, 0): ∇f = T·(−3/4, 0, 1); (8): 8T/3 vs γ·T: Stable; f = 79T²/40.</para>
    /// <para>c₁ = c₂ = −1/4: on S = {0} only e &lt; 0 escapes. From θᵘ + δ the first step gives
    /// |z₁| − |z₀| = (5/8)δ₁ − δ₀/4 and |z₂| − |z₀| = −(11/16)δ₂ − δ₀/4; a start never escapes iff both
    /// are ≤ 0 and δ₀ &gt; 0. For an isotropic δ that has probability
    /// ∫₀^∞ φ(x)Φ(2x/5)Φ(4x/11)dx ≈ 0.1932.</para>
    /// </remarks>
    /// <param name="scale">T, a power of two in [2⁻²⁰, 1].</param>
    public static SaddleQuadratic Separable(double scale = DefaultScale)
    {
        CheckScale(scale);
        double t = scale;
        double[,] curvature = { { 0.75, 0, 0 }, { 0, 0.375, 0 }, { 0, 0, 0.3125 } };
        var unstable = new KnownFixedPoint("θᵘ", [t, 0, 0], t, t, HtStabilityVerdict.Unstable);
        var stable = new KnownFixedPoint("θˢ", [0, 0, -16 * t / 5], 16 * t / 5, t, HtStabilityVerdict.Stable);
        var other = new KnownFixedPoint("θˢ′", [0, 8 * t / 3, 0], 8 * t / 3, t, HtStabilityVerdict.Stable);
        return new SaddleQuadratic("separable", curvature, [t, 8 * t / 3, -16 * t / 5], [0, -t, t], sparsity: 1, stepSize: 1,
            restrictedSmoothness: 0.75, unstable, stable, [other]);
    }

    /// <summary>The probability, derived in <see cref="Separable"/>, that an isotropic start never escapes the separable saddle.</summary>
    public const double SeparableNeverEscapeProbability = 0.19316;

    private static void CheckScale(double scale)
    {
        // Zero, negatives, NaN and ∞ all fail the power-of-two test below.
        int exponent = Math.ILogB(scale);
        if (scale > 1 || exponent < -20 || Math.ScaleB(1.0, exponent) != scale)
            throw new ArgumentOutOfRangeException(nameof(scale), $"scale must be a power of two in [2^-20, 1]; got {scale}.");
    }
}
