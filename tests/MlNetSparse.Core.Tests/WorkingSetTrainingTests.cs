using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Sparsity;
using MlNetSparse.Core.Training;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>
/// IHT on a working set of columns (docs/algorithms.md#working-set): it ends at full IHT's fixed point (the same
/// support, loss and parameters up to float rounding; the normal equations on the support for least squares), its
/// certificate is the one the full gradient gives, a truth column the first working set misses joins through the
/// full check, and it is deterministic, cancellable and chosen by the Auto rule only on wide CSR rows.
/// </summary>
public class WorkingSetTrainingTests(ITestOutputHelper output)
{
    [Fact]
    public void LeastSquares_WorkingSetResult_IsFullIhtsFixedPoint_TheNormalEquationsOnTheTruthSupport()
    {
        const int truthColumns = 5;
        var (x, y, objective, truth) = WideRegression(rows: 400, columns: 300, truthColumns, seed: 5);
        var options = new IhtSolverOptions { Sparsity = truthColumns + 1 };
        IhtTrainingResult onWorkingSet = Train(objective, options with { WorkingSet = WorkingSetMode.On });
        IhtTrainingResult full = Train(objective, options with { WorkingSet = WorkingSetMode.Off });
        output.WriteLine($"working set: {onWorkingSet.WorkingSet}, rounds {string.Join("; ", onWorkingSet.WorkingSet!.Rounds)}");
        output.WriteLine($"full: loss {full.Solution.Loss:R}, working set: loss {onWorkingSet.Solution.Loss:R}");

        Assert.Null(full.WorkingSet);
        int[] support = Support.Indices(onWorkingSet.Solution.Parameters);
        Assert.Equal(Support.Indices(full.Solution.Parameters), support);
        Assert.Equal([.. truth, 300], support); // the truth's columns and the bias
        double[] expected = SmallLinearAlgebra.RestrictedLeastSquares(x, y, 300, support);
        for (int i = 0; i < expected.Length; i++)
        {
            // Newton stops at a decrement of 1e-8·|f| (float32 resolution of f): θ to about 1e-5 relative.
            Assert.True(Math.Abs(onWorkingSet.Solution.Parameters[i] - expected[i]) <= 1e-4 * Math.Max(1, Math.Abs(expected[i])),
                $"θ[{i}] = {onWorkingSet.Solution.Parameters[i]}, normal equations {expected[i]}");
            Assert.True(Math.Abs(onWorkingSet.Solution.Parameters[i] - full.Solution.Parameters[i]) <= 1e-4 * Math.Max(1, Math.Abs(expected[i])));
        }
        Assert.Equal(full.Solution.Loss, onWorkingSet.Solution.Loss, 1e-6 * Math.Abs(full.Solution.Loss) + 1e-9);
        Assert.Equal(HtStabilityVerdict.Stable, onWorkingSet.Certificate.Verdict);
        Assert.Equal(HtStabilityVerdict.Stable, full.Certificate.Verdict);
    }

    [Fact]
    public void Certificate_IsTheOneTheFullGradientGivesAtTheFinalPoint()
    {
        var (_, _, objective, _) = WideRegression(rows: 300, columns: 250, truthColumns: 4, seed: 11);
        var options = new IhtSolverOptions { Sparsity = 5, WorkingSet = WorkingSetMode.On };
        IhtTrainingResult result = Train(objective, options);

        float[] gradient = new float[objective.ParameterCount];
        double loss = objective.ValueAndGradient(result.Solution.Parameters, gradient);
        var curvature = new float[objective.ParameterCount];
        objective.DiagonalCurvatureBounds(curvature);
        var expected = HtStabilityCertificate.Evaluate(result.Solution.Parameters, gradient, options.Sparsity, result.Solution.StepSize,
            options.StationarityTolerance, options.TieTolerance, curvature);
        Assert.Equal(expected, result.Certificate);
        Assert.Equal(gradient, result.Solution.Gradient);
        Assert.Equal(loss, result.Solution.Loss);
        Assert.True(result.WorkingSet!.FinalColumns < 250, "the working set stayed a subset of the columns");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Logistic_WorkingSetAndFullIht_ReachTheSameSupportAndLoss(int seed)
    {
        var random = new Random(seed);
        const int rows = 600, columns = 400, truthColumns = 6;
        float[] x = SparseSigns(random, rows, columns, density: 0.08);
        int[] truth = [.. Enumerable.Range(0, columns).OrderBy(_ => random.Next()).Take(truthColumns).Order()];
        var labels = new float[rows];
        for (int i = 0; i < rows; i++)
        {
            double z = 0.3;
            foreach (int j in truth)
                z += 2.5 * x[i * columns + j];
            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1f : 0f;
        }
        var objective = new LinearModelObjective(SyntheticData.ToSparse(x, rows, columns), labels, new LogisticLoss());
        // The two routes to one fixed point, without the thorough swap search (ThoroughSwapSearchTests), which may take
        // either to a better one and, in the working set, sees only its columns.
        var options = new IhtSolverOptions { Sparsity = truthColumns + 1, SwapSearchWork = 0 };
        IhtTrainingResult onWorkingSet = Train(objective, options with { WorkingSet = WorkingSetMode.On });
        IhtTrainingResult full = Train(objective, options with { WorkingSet = WorkingSetMode.Off });
        output.WriteLine($"full {full.Solution.Loss:R} ({full.Solution.Iterations} steps), working set {onWorkingSet.Solution.Loss:R} " +
            $"({onWorkingSet.Solution.Iterations} steps, rounds {string.Join("; ", onWorkingSet.WorkingSet!.Rounds)})");
        output.WriteLine($"polish full {full.Polish}, working set {onWorkingSet.Polish}; max |Δθ| {SyntheticData.MaxAbsDifference(full.Solution.Parameters, onWorkingSet.Solution.Parameters)}");

        Assert.Equal(Support.Indices(full.Solution.Parameters), Support.Indices(onWorkingSet.Solution.Parameters));
        Assert.Equal(full.Solution.Loss, onWorkingSet.Solution.Loss, 1e-5 * full.Solution.Loss);
        Assert.True(SyntheticData.MaxAbsDifference(full.Solution.Parameters, onWorkingSet.Solution.Parameters) <= 1e-3,
            "the same polished optimum on the same support, to float rounding of Newton's stopping point");
        Assert.Equal(full.Certificate.Verdict, onWorkingSet.Certificate.Verdict);
    }

    [Fact]
    public void ATruthColumnTheFirstWorkingSetMisses_JoinsThroughTheFullCheck()
    {
        var (objective, columns) = MaskedTruthColumn();
        var gradientAtZero = new float[objective.ParameterCount];
        objective.ValueAndGradient(new float[objective.ParameterCount], gradientAtZero);
        Assert.Equal(0f, gradientAtZero[1]);

        var options = new IhtSolverOptions { Sparsity = 3 };
        IhtTrainingResult result = Train(objective, options with { WorkingSet = WorkingSetMode.On });
        IhtTrainingResult full = Train(objective, options with { WorkingSet = WorkingSetMode.Off });
        output.WriteLine($"rounds {string.Join("; ", result.WorkingSet!.Rounds)}; θ₀ {result.Solution.Parameters[0]}, θ₁ {result.Solution.Parameters[1]}");

        Assert.True(result.WorkingSet.Rounds.Count >= 2, "the full check found a violator and training went on");
        Assert.True(result.WorkingSet.Rounds[0].Violators > 0);
        Assert.Equal(0, result.WorkingSet.Rounds[^1].Violators);
        Assert.Equal([0, 1], Support.Indices(result.Solution.Parameters.AsSpan(0, columns)));
        Assert.Equal(2f, result.Solution.Parameters[0], 1e-4f);
        Assert.Equal(-1f, result.Solution.Parameters[1], 1e-4f);
        Assert.Equal(Support.Indices(full.Solution.Parameters), Support.Indices(result.Solution.Parameters));
        // An exact fit with b = 0: two nonzeros of the budget of 3, stationary everywhere.
        Assert.Equal(HtStabilityVerdict.StationaryBelowBudget, result.Certificate.Verdict);
        Assert.Equal(full.Certificate.Verdict, result.Certificate.Verdict);
        // The phase's passes: ∇f(θ⁰), the curvature bounds, then a copy of X_W and a full check per round.
        Assert.Equal(2 + 2 * result.WorkingSet.Rounds.Count, result.Phases.WorkingSet.Passes);
    }

    [Fact]
    public void AReachedLossTarget_EndsTheRun_AsItEndsFullIht_EvenWithViolatorsLeft()
    {
        var (objective, columns) = MaskedTruthColumn();
        // f(0) = 0.25; x₀ alone (the first working set) gets to 0.125, so 0.2 is reached in the first round.
        var options = new IhtSolverOptions { Sparsity = 3, WorkingSet = WorkingSetMode.On, LossTolerance = 0.2 };
        IhtTrainingResult result = IhtTraining.Train(objective, UniformInitializer.ForLinearLayer(columns), options);
        Assert.Equal(IhtStopReason.LossToleranceReached, result.Solution.StopReason);
        WorkingSetRound round = Assert.Single(result.WorkingSet!.Rounds);
        Assert.True(round.Violators > 0, "x₁ would still enter: the check alone would have gone on");
        Assert.True(result.Solution.Loss <= 0.2);
    }

    [Fact]
    public void SameOptions_SameModel_BitForBit()
    {
        var (_, _, objective, _) = WideRegression(rows: 300, columns: 250, truthColumns: 4, seed: 21);
        var options = new IhtSolverOptions { Sparsity = 5, WorkingSet = WorkingSetMode.On, MonteCarloSeed = 4 };
        IhtTrainingResult first = Train(objective, options), second = Train(objective, options);
        Assert.Equal(first.Solution.Parameters, second.Solution.Parameters);
        Assert.Equal(first.Solution.LossHistory, second.Solution.LossHistory);
        Assert.Equal(first.WorkingSet!.Rounds, second.WorkingSet!.Rounds);
    }

    [Fact]
    public void Cancellation_StopsTheRun_BeforeAndDuringTraining()
    {
        var (_, _, objective, _) = WideRegression(rows: 300, columns: 250, truthColumns: 4, seed: 31);
        var options = new IhtSolverOptions { Sparsity = 5, WorkingSet = WorkingSetMode.On, RelativeLossTolerance = 0, OptimizationTolerance = 0 };
        using var before = new CancellationTokenSource();
        before.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            IhtTraining.Train(objective, UniformInitializer.ForLinearLayer(250), options, cancellationToken: before.Token));

        using var during = new CancellationTokenSource();
        var observer = new CancelAt(3, during);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            IhtTraining.Train(objective, UniformInitializer.ForLinearLayer(250), options, observer, during.Token));
        Assert.Equal(3, observer.LastIteration);
    }

    [Fact]
    public void Auto_UsesAWorkingSet_OnlyOnWideCsrRows_WithoutADenseReference()
    {
        var (x, y, wide, _) = WideRegression(rows: 200, columns: 300, truthColumns: 3, seed: 41);
        var options = new IhtSolverOptions { Sparsity = 4 }; // |W₀| = 8 features; 300 ≥ 8·8
        Assert.Equal(WorkingSetMode.Auto, options.WorkingSet);
        Assert.True(WorkingSetTraining.Applies(wide, options));
        Assert.False(WorkingSetTraining.Applies(wide, options with { WorkingSet = WorkingSetMode.Off }));
        Assert.False(WorkingSetTraining.Applies(wide, options with { CompareWithDenseOptimum = true }));
        Assert.False(WorkingSetTraining.Applies(wide, options with { Sparsity = 20 })); // |W₀| = 40 features: 300 < 8·40
        Assert.True(WorkingSetTraining.Applies(wide, options with { Sparsity = 20, WorkingSet = WorkingSetMode.On }));
        var dense = new LinearModelObjective(new DenseFeatureMatrix(x, 200, 300), y, new SquaredLoss());
        Assert.False(WorkingSetTraining.Applies(dense, options with { WorkingSet = WorkingSetMode.On }));
        Assert.False(WorkingSetTraining.Applies(RidgePenalty.Apply(wide, 0.1), options with { WorkingSet = WorkingSetMode.On }));

        IhtTrainingResult result = Train(wide, options);
        Assert.NotNull(result.WorkingSet);
        Assert.True(result.Phases.Iterations.Passes < result.Solution.Iterations,
            "a step over the working set costs a fraction of a pass over X");
    }

    [Fact]
    public void AnUndefinedMode_IsRejected_NamingTheOptionAndItsValues()
    {
        var options = new IhtSolverOptions { Sparsity = 2, WorkingSet = (WorkingSetMode)7 };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => options.Validate(10));
        Assert.Equal(nameof(IhtSolverOptions.WorkingSet), error.ParamName);
        Assert.Contains("one of Auto, Off, On", error.Message);
    }

    private static IhtTrainingResult Train(LinearModelObjective objective, IhtSolverOptions options)
        => IhtTraining.Train(objective, UniformInitializer.ForLinearLayer(objective.Layout.FeatureCount), options);

    // Rows of ±1 at about `density` of the columns, y = X_T·w_T + 0.5 + small noise with |w_T| in [1, 2).
    private static (float[] X, float[] Y, LinearModelObjective Objective, int[] Truth) WideRegression(int rows, int columns, int truthColumns, int seed)
    {
        var random = new Random(seed);
        float[] x = SparseSigns(random, rows, columns, density: 0.1);
        int[] truth = [.. Enumerable.Range(0, columns).OrderBy(_ => random.Next()).Take(truthColumns).Order()];
        var y = new float[rows];
        for (int i = 0; i < rows; i++)
        {
            double value = 0.5 + 0.01 * random.NextGaussian();
            foreach (int j in truth)
                value += (1 + (j % 7) / 7.0) * (j % 2 == 0 ? 1 : -1) * x[i * columns + j];
            y[i] = (float)value;
        }
        return (x, y, SparseLeastSquares(x, y, columns), truth);
    }

    // y = 2·x₀ − x₁ with x₁ = x₀ + z, z on other rows than x₀ and as many ±1 entries: ⟨x₁, y⟩ = ‖x₀‖² − ‖z‖² = 0,
    // so at θ = 0 column 1 has no gradient at all and ranks below every noise column in the first working set.
    private static (LinearModelObjective Objective, int Columns) MaskedTruthColumn()
    {
        var random = new Random(3);
        const int rows = 400, columns = 200;
        float[] x = SparseSigns(random, rows, columns, density: 0.05);
        for (int i = 0; i < rows; i++)
            x[i * columns] = x[i * columns + 1] = 0;
        for (int i = 0; i < rows; i++)
        {
            float sign = random.Next(2) == 0 ? -1f : 1f;
            if (i % 4 == 0)
                x[i * columns] = x[i * columns + 1] = sign; // x₀, and x₁ = x₀ there
            else if (i % 4 == 2)
                x[i * columns + 1] = sign;                  // z
        }
        var y = new float[rows];
        for (int i = 0; i < rows; i++)
            y[i] = 2 * x[i * columns] - x[i * columns + 1];
        return (SparseLeastSquares(x, y, columns), columns);
    }

    private static LinearModelObjective SparseLeastSquares(float[] x, float[] y, int columns)
        => new(SyntheticData.ToSparse(x, y.Length, columns), y, new SquaredLoss());

    private static float[] SparseSigns(Random random, int rows, int columns, double density)
    {
        var x = new float[rows * columns];
        for (int p = 0; p < x.Length; p++)
            if (random.NextDouble() < density)
                x[p] = random.Next(2) == 0 ? -1f : 1f;
        return x;
    }

    private sealed class CancelAt(int iteration, CancellationTokenSource source) : IIhtObserver
    {
        public int LastIteration { get; private set; }

        public void OnIteration(in IhtIteration step)
        {
            LastIteration = step.Iteration;
            if (step.Iteration == iteration)
                source.Cancel();
        }
    }

    [Fact]
    public void TheReportsLines_NameEachRoundsColumns_AndEachPhasesPasses()
    {
        var report = new WorkingSetReport(400, 2_000, [new WorkingSetRound(21, 300, 9, 11, 3), new WorkingSetRound(24, 350, 4, 6, 0)], 3.2);
        Assert.Equal("2 rounds on 21 → 24 of 400 features (last check: 0 missing), training on them worth 3.2 passes over all of X", report.ToString());
        Assert.StartsWith("1 round on 21 of 400", (report with { Rounds = [report.Rounds[0]] }).ToString());

        var phases = new TrainingPhases
        {
            Smoothness = new PhaseCost(12, TimeSpan.Zero), Iterations = new PhaseCost(9, TimeSpan.Zero), Polish = new PhaseCost(4, TimeSpan.Zero),
        };
        Assert.Equal("L̂₂ₛ 12, iterations 9, polish 4, dense reference 0 (total 25)", phases.ToString());
        Assert.Equal("L̂₂ₛ 12, iterations 9, polish 4, working set 5, dense reference 2 (total 32)",
            (phases with { WorkingSet = new PhaseCost(5, TimeSpan.Zero), DenseReference = new PhaseCost(2, TimeSpan.Zero) }).ToString());
    }
}
