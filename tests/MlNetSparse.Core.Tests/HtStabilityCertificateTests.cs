using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Sparsity;
using MlNetSparse.Core.Training;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>
/// The HT-stability certificate, inequality (8): min_{i∈S}|θ*ᵢ| ≥ γ·max_{j∉S}|∇ⱼf(θ*)|, on points
/// whose status is known by construction.
/// </summary>
public class HtStabilityCertificateTests
{
    // f(θ) = ½‖θ − c‖² with c = [2, 1, −2]. At θ* = [2, 1, 0] (S = {0, 1}, s = 2): ∇f(θ*) = [0, 0, 2],
    // so ∇_S f = 0 and min_{i∈S}|θ*ᵢ| = 1 while γ·max_{j∉S}|∇ⱼf| = 2γ. With γ = ½ the two sides are
    // equal: θ* − γ∇f(θ*) = [2, 1, 1] ties at the boundary, and H₂ holds both [2, 1, 0] and [2, 0, 1].
    private static readonly float[] SaddlePoint = [2, 1, 0];

    private static QuadraticObjective SaddleObjective() => new([1, 1, 1], [2, 1, -2]);

    [Fact]
    public void AStationaryPointWithEqualityInInequality8_IsUnstable()
    {
        var certificate = Evaluate(SaddleObjective(), SaddlePoint, sparsity: 2, stepSize: 0.5);
        Assert.Equal(HtStabilityVerdict.Unstable, certificate.Verdict);
        Assert.Equal(1.0, certificate.SmallestSupportMagnitude);
        Assert.Equal(2.0, certificate.LargestOffSupportGradient);
        Assert.Equal(1.0, certificate.OffSupportThreshold);
        Assert.Equal(0.0, certificate.Margin);
        Assert.Equal(0.0, certificate.SupportGradientNorm);
        Assert.Equal(2, certificate.SupportSize);

        // It is a fixed point only by the tie rule: θ* − γ∇f(θ*) has a tie at the boundary.
        float[] stepped = [2, 1, 1];
        Assert.Equal(SaddlePoint, HardThresholdOperator.Apply(stepped, 2));
    }

    [Theory]
    [InlineData(0.4, HtStabilityVerdict.Stable)]         // 1 > 0.8: strict, the support is locally fixed
    [InlineData(0.5, HtStabilityVerdict.Unstable)]       // 1 = 1: the tie
    [InlineData(0.6, HtStabilityVerdict.NotStationary)]  // 1 < 1.2: the next step changes the support
    public void TheVerdictFollowsTheSignOfTheMarginOfInequality8(double stepSize, HtStabilityVerdict expected)
    {
        var certificate = Evaluate(SaddleObjective(), SaddlePoint, sparsity: 2, stepSize);
        Assert.Equal(expected, certificate.Verdict);
        Assert.Equal(1 - 2 * stepSize, certificate.Margin, 12);
    }

    [Fact]
    public void IhtStartedNearTheUnstablePoint_LeavesItForAStablePointWithLowerLoss()
    {
        // From [2, 1 − 10⁻³, 0] the step gives [2, 0.9995, 1]: index 2 overtakes index 1, so IHT
        // leaves the saddle and converges to argmin over supp ⊆ {0, 2}, i.e. [2, 0, −2] with f = ½.
        var objective = SaddleObjective();
        var solution = IhtSolver.Solve(objective, [2, 0.999f, 0], new IhtSolverOptions { Sparsity = 2, StepSize = 0.5, RelativeLossTolerance = 0 });
        Assert.Equal(new[] { 0, 2 }, Support.Indices(solution.Parameters));
        Assert.True(SyntheticData.MaxAbsDifference(solution.Parameters, [2, 0, -2]) <= 1e-5);
        Assert.True(solution.Loss < objective.Value(SaddlePoint));
        var certificate = HtStabilityCertificate.Evaluate(solution.Parameters, solution.Gradient, 2, 0.5);
        Assert.Equal(HtStabilityVerdict.Stable, certificate.Verdict);
    }

    [Fact]
    public void ANonStationaryPoint_IsNotStationary()
    {
        // θ = [1.5, 1, 0]: ∇_S f = [−0.5, 0] ≠ 0.
        var certificate = Evaluate(SaddleObjective(), [1.5f, 1, 0], sparsity: 2, stepSize: 0.4);
        Assert.Equal(HtStabilityVerdict.NotStationary, certificate.Verdict);
        Assert.Equal(0.5, certificate.SupportGradientNorm);
        Assert.Equal(0.4 * 0.5 / 1.5, certificate.RelativeStationarityResidual, 12);
    }

    [Fact]
    public void FewerThanSNonzerosWithZeroGradient_IsStationaryBelowBudget()
    {
        // f = ½‖θ − [2, 0, 0]‖² is minimised by the 1-sparse [2, 0, 0]; the budget s = 2 does not bind.
        var objective = new QuadraticObjective([1, 1, 1], [2, 0, 0]);
        var certificate = Evaluate(objective, [2, 0, 0], sparsity: 2, stepSize: 0.5);
        Assert.Equal(HtStabilityVerdict.StationaryBelowBudget, certificate.Verdict);
        Assert.Equal(1, certificate.SupportSize);
        Assert.Equal(0.0, certificate.SmallestSupportMagnitude); // H₂ keeps a zero entry

        // The same point, but with a direction off the support that still lowers f: not stationary.
        var sloped = new QuadraticObjective([1, 1, 1], [2, 0, -1]);
        Assert.Equal(HtStabilityVerdict.NotStationary, Evaluate(sloped, [2, 0, 0], sparsity: 2, stepSize: 0.5).Verdict);
    }

    [Fact]
    public void TheRestrictedLeastSquaresOptimumOnTheTrueSupport_IsStable()
    {
        var (x, y, truth, columns) = WellConditionedProblem(seed: 81);
        var objective = SyntheticData.LeastSquares(x, y, columns);
        int[] support = Support.Indices(truth);
        // θ* = argmin over supp(θ) ⊆ S of f: ∇_S f(θ*) = 0 exactly (up to rounding θ* to float).
        float[] optimum = SmallLinearAlgebra.RestrictedLeastSquares(x, y, columns, support).Select(v => (float)v).ToArray();
        var gradient = new float[optimum.Length];
        objective.ValueAndGradient(optimum, gradient);
        double stepSize = 1 / SmallLinearAlgebra.RestrictedLargestEigenvalue(SmallLinearAlgebra.AugmentedGram(x, y.Length, columns), 2);
        // L₂ₛ over pairs of columns is a safe upper estimate here; any γ ≤ 1/L₂ₛ would do.

        var certificate = HtStabilityCertificate.Evaluate(optimum, gradient, support.Length, stepSize);
        Assert.Equal(HtStabilityVerdict.Stable, certificate.Verdict);
        Assert.True(certificate.Margin > 0.5, $"margin {certificate.Margin}");
        Assert.True(certificate.SupportGradientNorm <= 1e-5, $"‖∇_S f‖∞ = {certificate.SupportGradientNorm}");
        // Both sides of (8), recomputed by hand.
        Assert.Equal(support.Min(i => Math.Abs((double)optimum[i])), certificate.SmallestSupportMagnitude);
        double offSupport = Enumerable.Range(0, optimum.Length).Where(j => optimum[j] == 0).Max(j => Math.Abs((double)gradient[j]));
        Assert.Equal(offSupport, certificate.LargestOffSupportGradient);
        Assert.True(offSupport > 0, "with noise the off-support gradient is not exactly zero");
    }

    [Fact]
    public void IhtRunToConvergence_EndsAtAStableFixedPoint()
    {
        var (x, y, truth, columns) = WellConditionedProblem(seed: 82);
        var objective = SyntheticData.LeastSquares(x, y, columns);
        int sparsity = Support.CountNonzero(truth);
        var result = IhtTraining.Train(objective, UniformInitializer.ForLinearLayer(columns), new IhtSolverOptions
        {
            Sparsity = sparsity,
            MaximumIterations = 5000,
            OptimizationTolerance = 1e-7,
            RelativeLossTolerance = 0,
        });
        var solution = result.Solution;
        // The Newton-step test at 1e-7, or a fixed point to working precision first.
        Assert.Contains(solution.StopReason, new[] { IhtStopReason.Converged, IhtStopReason.RoundingLimit });
        Assert.Equal(HtStabilityVerdict.Stable, result.Certificate.Verdict);

        // θ is a fixed point of IHT at the initial step γ₀ = 1/L̂₂ₛ (not only at a halved step):
        // H_s(θ − γ₀∇f(θ)) has the same support and, to rounding, the same values.
        double stepSize = solution.InitialStepSize;
        Assert.Equal(HtStabilityVerdict.Stable, HtStabilityCertificate.Evaluate(solution.Parameters, solution.Gradient, sparsity, stepSize).Verdict);
        float[] stepped = solution.Parameters.Select((t, i) => (float)(t - stepSize * solution.Gradient[i])).ToArray();
        float[] next = HardThresholdOperator.Apply(stepped, sparsity);
        Assert.Equal(Support.Indices(solution.Parameters), Support.Indices(next));
        Assert.True(SyntheticData.MaxAbsDifference(next, solution.Parameters) <= 1e-5,
            $"‖H_s(θ − γ∇f(θ)) − θ‖∞ = {SyntheticData.MaxAbsDifference(next, solution.Parameters)}");

        // And it is the least-squares optimum on its support.
        double[] optimum = SmallLinearAlgebra.RestrictedLeastSquares(x, y, columns, Support.Indices(solution.Parameters));
        for (int i = 0; i < optimum.Length; i++)
            Assert.True(Math.Abs(optimum[i] - solution.Parameters[i]) <= 1e-4, $"θ[{i}] = {solution.Parameters[i]}, optimum {optimum[i]}");
        Assert.Equal(Support.Indices(truth), Support.Indices(solution.Parameters));
    }

    private static HtStabilityCertificate Evaluate(QuadraticObjective objective, float[] point, int sparsity, double stepSize)
    {
        var gradient = new float[point.Length];
        objective.ValueAndGradient(point, gradient);
        return HtStabilityCertificate.Evaluate(point, gradient, sparsity, stepSize);
    }

    // m = 100 Gaussian rows, n = 10 features; three weights of magnitude ≥ 1, bias 0, noise σ = 0.05.
    private static (float[] X, float[] Y, float[] Truth, int Columns) WellConditionedProblem(int seed)
    {
        const int rows = 100, columns = 10;
        var truth = new float[columns + 1];
        truth[1] = 1.5f;
        truth[4] = -1f;
        truth[7] = 2f;
        var (x, y) = SyntheticData.LinearRegression(new Random(seed), rows, columns, truth, noise: 0.05);
        return (x, y, truth, columns);
    }
}
