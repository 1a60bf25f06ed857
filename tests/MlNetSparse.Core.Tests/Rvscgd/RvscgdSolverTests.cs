using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Solvers.Rvscgd;
using MlNetSparse.Core.Sparsity.Penalties;

namespace MlNetSparse.Tests.Core.Rvscgd;

/// <summary>The whole-vector RVSCGD loop: its step by hand, its trace, and descent where the theory guarantees it.</summary>
public class RvscgdSolverTests
{
    private static readonly RvscgdSettings L0 = new(Lambda: 1e-3, Beta: 0.1, SparsityPenaltyKind.L0); // τ = 0.01, threshold √0.02 ≈ 0.141

    [Fact]
    public void OneStep_IsTheFormula_WithAndWithoutNormalisation()
    {
        float[] w0 = [0.5f, 0.1f, -0.7f, 0.5f], g = [0.5f, -1f, 0.25f, 0f]; // ‖w0‖ = 1: normalising the start changes nothing
        var oracle = new FixedGradientOracle(g);
        float[] u0 = [0.5f, 0f, -0.7f, 0.5f]; // prox at τ = 0.01 keeps |w| > 0.141
        const double eta = 0.2;
        double[] expected = [.. w0.Select((w, i) => w - eta * (g[i] + 0.1 * (w - u0[i])))];

        RvscgdResult plain = new RvscgdSolver(L0, eta, normalize: false).Run(oracle, w0, 1);
        for (int i = 0; i < 4; i++)
            Assert.Equal(expected[i], plain.Weights[i], 6);

        RvscgdResult normalised = new RvscgdSolver(L0, eta, normalize: true).Run(oracle, w0, 1);
        double norm = Math.Sqrt(expected.Sum(x => x * x));
        for (int i = 0; i < 4; i++)
            Assert.Equal(expected[i] / norm, normalised.Weights[i], 6);

        var u = new float[4];
        SparsityPenalty.Create(SparsityPenaltyKind.L0).Prox(normalised.Weights, L0.Tau, u);
        Assert.Equal(u, normalised.SparseWeights);
    }

    [Fact]
    public void Trace_HasTheStartAndEveryStep_WithTheLagrangianTerms()
    {
        var oracle = new QuadraticOracle([0.5f, -0.02f, 0.3f, 0.05f]);
        var observer = new RecordingObserver();
        var solver = new RvscgdSolver(L0, 0.3, normalize: false);
        RvscgdResult result = solver.Run(oracle, [1f, 1f, -1f, 0.1f], 7, observer);

        Assert.Equal(8, result.Trace.Count);
        Assert.Equal(Enumerable.Range(0, 8), result.Trace.Select(s => s.Step));
        Assert.Equal(result.Trace, observer.Steps);
        Assert.Equal(7, oracle.Calls);
        RvscgdStep last = result.Trace[^1];
        Assert.Equal(oracle.Value(result.Weights), last.Loss, 12);
        Assert.Equal(solver.Splitting.Penalty(result.SparseWeights), last.Penalty, 12);
        Assert.Equal(solver.Splitting.Coupling(result.Weights, result.SparseWeights), last.Coupling, 12);
        Assert.Equal(last.Loss + last.Penalty + last.Coupling, last.Lagrangian, 15);
        Assert.Equal(result.SparseWeights.Count(x => x != 0), last.SupportSize);
        Assert.Equal(result.Weights, observer.LastW);
        Assert.Equal(result.SparseWeights, observer.LastU);
    }

    [Theory]
    [InlineData(SparsityPenaltyKind.L0)]
    [InlineData(SparsityPenaltyKind.L1)]
    [InlineData(SparsityPenaltyKind.TransformedL1)]
    public void WithAnExactGradient_TheLagrangianNeverIncreases(SparsityPenaltyKind kind)
    {
        // f = ½‖w − c‖² is 1-smooth, so w ↦ f(w) + (β/2)‖w − u‖² is (1 + β)-smooth and a step with
        // η ≤ 1/(1 + β) cannot raise it (descent lemma); the u-update minimises L_β exactly. So L_β is
        // monotone up to float rounding of w (a few ulps of ‖w‖² ≈ 1e-7 relative).
        var random = new Random(11);
        float[] center = [.. Enumerable.Range(0, 30).Select(i => i % 3 == 0 ? (float)(random.NextDouble() * 2 - 1) : (float)(random.NextDouble() * 0.1 - 0.05))];
        float[] start = [.. Enumerable.Range(0, 30).Select(_ => (float)(random.NextDouble() * 2 - 1))];
        var settings = new RvscgdSettings(Lambda: 2e-3, Beta: 0.2, kind, TransformedL1Shape: 0.3);
        RvscgdResult result = new RvscgdSolver(settings, learningRate: 1 / 1.2, normalize: false).Run(new QuadraticOracle(center), start, 60);
        for (int t = 1; t < result.Trace.Count; t++)
            Assert.True(result.Trace[t].Lagrangian <= result.Trace[t - 1].Lagrangian + 1e-7 * Math.Abs(result.Trace[t - 1].Lagrangian),
                $"step {t}: {result.Trace[t].Lagrangian:R} > {result.Trace[t - 1].Lagrangian:R}");
        Assert.True(result.Trace[^1].Lagrangian < 0.2 * result.Trace[0].Lagrangian);
    }

    [Fact]
    public void BadRunArguments_AreRejected()
    {
        var solver = new RvscgdSolver(L0, 0.1);
        var oracle = new FixedGradientOracle([1f, 0f]);
        var steps = Assert.Throws<ArgumentOutOfRangeException>(() => solver.Run(oracle, [1f, 0f], -1));
        Assert.StartsWith("Steps must be in [0, 100000000]; got -1.", steps.Message);
        Assert.StartsWith("initial must have length 2; got 3.", Assert.Throws<ArgumentException>(() => solver.Run(oracle, [1f, 0f, 0f], 1)).Message);
        Assert.StartsWith("initial must be finite.", Assert.Throws<ArgumentException>(() => solver.Run(oracle, [float.NaN, 0f], 1)).Message);
        Assert.StartsWith("initial must be nonzero", Assert.Throws<ArgumentException>(() => solver.Run(oracle, [0f, 0f], 1)).Message);
        Assert.Equal(0, new RvscgdSolver(L0, 0.1, normalize: false).Run(oracle, [0f, 0f], 0).Trace[0].Step);
    }

    [Fact]
    public void ANonFiniteGradient_StopsTheRun_NamingTheStep()
    {
        var solver = new RvscgdSolver(L0, 0.1, normalize: false);
        var ex = Assert.Throws<NonFiniteLossException>(() => solver.Run(new FixedGradientOracle([float.PositiveInfinity, 0f]), [1f, 0f], 3));
        Assert.Equal(1, ex.Step);
    }

    [Fact]
    public void Cancellation_IsHonouredBeforeAStep()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => new RvscgdSolver(L0, 0.1).Run(new FixedGradientOracle([1f, 0f]), [1f, 0f], 5, null, cancelled.Token));
    }

    private sealed class RecordingObserver : IRvscgdObserver
    {
        public List<RvscgdStep> Steps { get; } = [];

        public float[] LastW { get; private set; } = [];

        public float[] LastU { get; private set; } = [];

        public void StepCompleted(RvscgdStep step, ReadOnlySpan<float> w, ReadOnlySpan<float> u)
        {
            Steps.Add(step);
            LastW = w.ToArray();
            LastU = u.ToArray();
        }
    }
}
