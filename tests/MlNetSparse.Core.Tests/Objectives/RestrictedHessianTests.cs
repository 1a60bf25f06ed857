using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core.Objectives;

/// <summary>
/// <see cref="LinearModelObjective.ValueGradientAndHessian"/>: f, ∇_S f against the double-precision
/// reference, and each column of ∇²_SS against central differences of that reference gradient, for every
/// loss, dense and CSR, with and without example weights.
/// </summary>
public class RestrictedHessianTests
{
    public static TheoryData<LossKind, bool, bool> Cases() => LinearModelProblem.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void HessianColumns_MatchCentralDifferencesOfTheExactGradient(LossKind kind, bool sparse, bool weighted)
    {
        var problem = LinearModelProblem.Create(kind, sparse, weighted, rows: 40, columns: 6, seed: 71);
        float[] theta = problem.RandomParameters(seed: 72);
        int[] support = Support(problem, theta, seed: 73);

        var gradient = new double[support.Length];
        var hessian = new double[support.Length * support.Length];
        double value = problem.Objective.ValueGradientAndHessian(theta, support, gradient, hessian);

        var (exactValue, exactGradient, _) = problem.Exact(theta);
        Assert.True(Math.Abs(value - exactValue) <= 1e-12 * Math.Max(1, Math.Abs(exactValue)), $"f = {value}, exact {exactValue}");
        for (int a = 0; a < support.Length; a++)
            Assert.True(Math.Abs(gradient[a] - exactGradient[support[a]]) <= 1e-12 * Math.Max(1, Math.Abs(exactGradient[support[a]])),
                $"∂f/∂θ[{support[a]}] = {gradient[a]}, exact {exactGradient[support[a]]}");

        double scale = hessian.Max(Math.Abs);
        for (int b = 0; b < support.Length; b++)
        {
            double[] difference = CentralDifference(problem, theta, support[b]);
            for (int a = 0; a < support.Length; a++)
            {
                double entry = hessian[a * support.Length + b];
                Assert.Equal(entry, hessian[b * support.Length + a]); // symmetric by construction
                Assert.True(Math.Abs(entry - difference[support[a]]) <= 1e-5 * Math.Max(scale, 1e-2),
                    $"∂²f/∂θ[{support[a]}]∂θ[{support[b]}] = {entry}, central difference {difference[support[a]]}");
            }
        }
    }

    [Theory]
    [InlineData(LossKind.Softmax, false)]
    [InlineData(LossKind.Logistic, true)]
    public void EntriesOffTheSupport_CountInTheMargins(LossKind kind, bool sparse)
    {
        // S smaller than supp(θ): the other nonzeros still shape f, ∇_S f and ∇²_SS.
        var problem = LinearModelProblem.Create(kind, sparse, weighted: true, rows: 40, columns: 6, seed: 74);
        float[] theta = problem.RandomParameters(seed: 75);
        int[] support = [1, problem.Objective.Layout.BiasIndex(0)];
        var gradient = new double[2];
        var hessian = new double[4];
        problem.Objective.ValueGradientAndHessian(theta, support, gradient, hessian);
        var (_, exact, _) = problem.Exact(theta);
        Assert.True(Math.Abs(gradient[0] - exact[1]) <= 1e-12 * Math.Max(1, Math.Abs(exact[1])));
        Assert.True(Math.Abs(hessian[1] - CentralDifference(problem, theta, support[1])[1]) <= 1e-5);
    }

    [Fact]
    public void TheResult_IsTheSameBitForBit_OnAnyNumberOfThreads()
    {
        // Enough rows that the pass is cut into several chunks.
        var problem = LinearModelProblem.Create(LossKind.Softmax, sparse: false, weighted: true, rows: 6000, columns: 12, seed: 76);
        float[] theta = problem.RandomParameters(seed: 77);
        int[] support = Support(problem, theta, seed: 78);
        (double Value, double[] Gradient, double[] Hessian) Run(int threads)
        {
            problem.Objective.MaxDegreeOfParallelism = threads;
            var gradient = new double[support.Length];
            var hessian = new double[support.Length * support.Length];
            return (problem.Objective.ValueGradientAndHessian(theta, support, gradient, hessian), gradient, hessian);
        }
        var one = Run(1);
        foreach (int threads in new[] { 2, 3, 8 })
        {
            var many = Run(threads);
            Assert.Equal(one.Value, many.Value);
            Assert.Equal(one.Gradient, many.Gradient);
            Assert.Equal(one.Hessian, many.Hessian);
        }
    }

    [Theory]
    [InlineData(LossKind.Logistic, false)]
    [InlineData(LossKind.Squared, true)]
    [InlineData(LossKind.Softmax, true)]
    public void RepeatedPassesOnOneSupport_GiveTheBitsOfAFreshObjective(LossKind kind, bool weighted)
    {
        // Dense rows: a pass keeps the support's columns it gathered, and the next pass over the same columns (Newton's
        // steps and line search) reads them from there. Every pass must give the bits a fresh objective gives: at new
        // points on the support, after a pass on another support, and with nonzeros off the support (more columns).
        var problem = LinearModelProblem.Create(kind, sparse: false, weighted, rows: 5000, columns: 40, seed: 85);
        int n = problem.Columns, k = problem.OutputCount;
        int[] first = [.. new[] { 3, 17, 22, 39 }.SelectMany(j => Enumerable.Range(0, k).Select(c => c * n + j)), problem.Objective.Layout.BiasIndex(0)];
        int[] second = [5, 6, 30, problem.Objective.Layout.BiasIndex(k - 1)];
        float[] OnSupport(int[] support, int seed, int offSupport = -1)
        {
            var random = new Random(seed);
            var theta = new float[problem.Objective.ParameterCount];
            foreach (int p in support)
                theta[p] = (float)(random.NextDouble() - 0.5);
            if (offSupport >= 0)
                theta[offSupport] = 0.25f;
            return theta;
        }
        (float[] Theta, int[] Support)[] passes =
        [
            (OnSupport(first, 1), first), (OnSupport(first, 2), first), (OnSupport(first, 3), first),
            (OnSupport(second, 4), second), (OnSupport(first, 5), first), (OnSupport(first, 6), first),
            (OnSupport(first, 7, offSupport: 11), first), (OnSupport(first, 8, offSupport: 11), first),
        ];
        foreach (var (theta, support) in passes)
        {
            var fresh = new LinearModelObjective(problem.Matrix, problem.Labels, problem.Loss, problem.Weights);
            (double Value, double[] Gradient, double[] Hessian) Run(LinearModelObjective objective)
            {
                var gradient = new double[support.Length];
                var hessian = new double[support.Length * support.Length];
                return (objective.ValueGradientAndHessian(theta, support, gradient, hessian), gradient, hessian);
            }
            var kept = Run(problem.Objective);
            var expected = Run(fresh);
            Assert.Equal(expected.Value, kept.Value);
            Assert.Equal(expected.Gradient, kept.Gradient);
            Assert.Equal(expected.Hessian, kept.Hessian);
        }
    }

    [Fact]
    public void TheCost_GrowsWithTheSquareOfTheSupport_AndIsInfiniteWithoutSecondDerivatives()
    {
        var problem = LinearModelProblem.Create(LossKind.Logistic, sparse: false, weighted: false, rows: 10, columns: 200, seed: 79);
        // (|S|(|S|+1)/2 + 2|S|) / (2·200 + 1) per row
        Assert.Equal((21 * 22 / 2.0 + 42) / 401, problem.Objective.RestrictedPassCost(21), 12);
        var firstOrderOnly = new LinearModelObjective(problem.Matrix, problem.Labels, new FirstOrderLoss());
        Assert.Equal(double.PositiveInfinity, firstOrderOnly.RestrictedPassCost(3));
        var error = Assert.Throws<NotSupportedException>(() => firstOrderOnly.ValueGradientAndHessian(new float[201], [0], new double[1], new double[1]));
        Assert.Contains(nameof(ITwiceDifferentiableMarginLoss), error.Message);
    }

    [Theory]
    [InlineData(LossKind.Squared, false)]
    [InlineData(LossKind.Logistic, true)]
    [InlineData(LossKind.Softmax, true)]
    public void CsrRows_GiveTheSameBits_AsTheSameRowsStoredDense(LossKind kind, bool weighted)
    {
        // The CSR pass visits only the pairs of a row's entries in S; the terms it leaves out are exact zeros.
        var problem = LinearModelProblem.Create(kind, sparse: true, weighted, rows: 300, columns: 30, seed: 81, sparseZeroFraction: 0.8);
        var dense = new LinearModelObjective(new DenseFeatureMatrix(problem.X, problem.Rows, problem.Columns), problem.Labels, problem.Loss, problem.Weights);
        float[] theta = problem.RandomParameters(seed: 82);
        int[] support = Support(problem, theta, seed: 83);
        (double Value, double[] Gradient, double[] Hessian) Run(LinearModelObjective objective)
        {
            var gradient = new double[support.Length];
            var hessian = new double[support.Length * support.Length];
            return (objective.ValueGradientAndHessian(theta, support, gradient, hessian), gradient, hessian);
        }
        var fromCsr = Run(problem.Objective);
        var fromDense = Run(dense);
        Assert.Equal(fromDense.Value, fromCsr.Value);
        Assert.Equal(fromDense.Gradient, fromCsr.Gradient);
        Assert.Equal(fromDense.Hessian, fromCsr.Hessian);
    }

    [Fact]
    public void OnCsrRows_TheCost_FollowsTheEntriesInTheSupportsColumns_NotTheSquareOfItsSize()
    {
        // 2,000 rows of 5 entries among 4,000 columns: a support of 100 columns holds well under one entry per row, so a
        // row costs about |S| (the margins over θ's nonzeros), not |S|²/2.
        var random = new Random(84);
        int rows = 2000, columns = 4000;
        var x = new float[rows * columns];
        for (int i = 0; i < rows; i++)
            for (int e = 0; e < 5; e++)
                x[i * columns + random.Next(columns)] = 1f + (float)random.NextDouble();
        var objective = new LinearModelObjective(SyntheticData.ToSparse(x, rows, columns), new float[rows], new LogisticLoss());
        double denseFormula = (100 * 101 / 2.0 + 200) / (2.0 * 5 + 1);
        double cost = objective.RestrictedPassCost(100);
        Assert.True(cost < denseFormula / 20, $"cost {cost} against {denseFormula} for dense rows of the same size");
        Assert.True(objective.RestrictedPassCost(1000) > cost, "more columns in S, more entries per row in S");
    }

    [Fact]
    public void ARepeatedSupportIndex_IsRejected()
    {
        var problem = LinearModelProblem.Create(LossKind.Squared, sparse: false, weighted: false, rows: 10, columns: 3, seed: 80);
        var error = Assert.Throws<ArgumentException>(() => problem.Objective.ValueGradientAndHessian(new float[4], [1, 1], new double[2], new double[4]));
        Assert.Equal("support", error.ParamName);
    }

    // S: half of θ's entries, at least one bias, classes interleaved and shuffled (the pass regroups them).
    private static int[] Support(LinearModelProblem problem, float[] theta, int seed)
    {
        var random = new Random(seed);
        var layout = problem.Objective.Layout;
        var chosen = Enumerable.Range(0, layout.WeightCount).Where(_ => random.Next(2) == 0).ToList();
        chosen.Add(layout.BiasIndex(layout.OutputCount - 1));
        int[] support = [.. chosen.OrderBy(_ => random.Next())];
        for (int p = 0; p < theta.Length; p++)
            if (!support.Contains(p) && random.Next(3) == 0)
                theta[p] = 0f; // some entries off S are zero, some are not
        return support;
    }

    // (∇f(θ + h·e_p) − ∇f(θ − h·e_p)) / 2h with the exact gradient, h the float step actually taken.
    private static double[] CentralDifference(LinearModelProblem problem, float[] theta, int p)
    {
        float saved = theta[p];
        theta[p] = saved + 1e-3f;
        float upAt = theta[p];
        double[] up = problem.Exact(theta).Gradient;
        theta[p] = saved - 1e-3f;
        float downAt = theta[p];
        double[] down = problem.Exact(theta).Gradient;
        theta[p] = saved;
        return [.. up.Select((u, i) => (u - down[i]) / ((double)upAt - downAt))];
    }

    // A loss with first derivatives only.
    private sealed class FirstOrderLoss : IMarginLoss
    {
        private readonly LogisticLoss _logistic = new();
        public int OutputCount => 1;
        public bool IsValidLabel(float label) => _logistic.IsValidLabel(label);
        public string LabelDescription => _logistic.LabelDescription;
        public double CurvatureBound => _logistic.CurvatureBound;
        public double Value(ReadOnlySpan<float> margins, float label) => _logistic.Value(margins, label);
        public double ValueAndDerivative(ReadOnlySpan<float> margins, float label, Span<float> derivative) => _logistic.ValueAndDerivative(margins, label, derivative);
    }
}
