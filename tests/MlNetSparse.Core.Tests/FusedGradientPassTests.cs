using MlNetSparse.Core.Numerics;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>
/// The one-pass <see cref="IFeatureMatrix.LossAndGradient"/> behind LinearModelObjective against the
/// two-pass products and a double-precision brute force, on shapes that cross the row blocks (32 to
/// 256 rows) and the chunks, for both storages, all three losses, with and without example weights.
/// </summary>
public class FusedGradientPassTests
{
    public static TheoryData<bool, LossKind, bool, int, int> Cases()
    {
        var data = new TheoryData<bool, LossKind, bool, int, int>();
        foreach (bool sparse in new[] { false, true })
            foreach (LossKind kind in Enum.GetValues<LossKind>())
                foreach (bool weighted in new[] { false, true })
                    foreach (int rows in new[] { 1, 7, 1000, 5000 })
                        foreach (int columns in new[] { 1, 33, 300 })
                            data.Add(sparse, kind, weighted, rows, columns);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FusedPass_EqualsTheTwoPassProducts_AndTheDoublePrecisionGradient(bool sparse, LossKind kind, bool weighted, int rows, int columns)
    {
        var problem = LinearModelProblem.Create(kind, sparse, weighted, rows, columns, seed: rows + columns);
        float[] theta = problem.RandomParameters(seed: 7);
        var gradient = new float[theta.Length];
        double value = problem.Objective.ValueAndGradient(theta, gradient);

        var (exactValue, exactGradient, magnitude) = problem.Exact(theta);
        var (twoPassValue, twoPassGradient) = problem.TwoPass(theta);
        double valueTolerance = 1e-6 * Math.Max(1, Math.Abs(exactValue));
        Assert.True(Math.Abs(value - exactValue) <= valueTolerance, $"f = {value}, exact {exactValue}");
        Assert.True(Math.Abs(value - twoPassValue) <= valueTolerance, $"f = {value}, two-pass {twoPassValue}");
        for (int p = 0; p < theta.Length; p++)
        {
            // Float rounding moves an entry by a small multiple of ε times its magnitude; a lost or
            // doubled row moves it by about magnitude/m ≥ 2e-4·magnitude here.
            double tolerance = 1e-5 * magnitude[p] + 1e-12;
            Assert.True(Math.Abs(gradient[p] - exactGradient[p]) <= tolerance,
                $"∇f[{p}] = {gradient[p]}, exact {exactGradient[p]} (magnitude {magnitude[p]})");
            Assert.True(Math.Abs(gradient[p] - twoPassGradient[p]) <= tolerance,
                $"∇f[{p}] = {gradient[p]}, two-pass {twoPassGradient[p]} (magnitude {magnitude[p]})");
        }
        // The loss-only pass sees the same blocks and margins: the same f, bit for bit.
        Assert.Equal(value, problem.Objective.Value(theta));
    }

    [Theory]
    [InlineData(false, LossKind.Logistic)]
    [InlineData(false, LossKind.Softmax)]
    [InlineData(false, LossKind.Squared)]
    [InlineData(true, LossKind.Logistic)]
    [InlineData(true, LossKind.Softmax)]
    [InlineData(true, LossKind.Squared)]
    public void OneAndSeveralThreads_GiveTheSameBits(bool sparse, LossKind kind)
    {
        const int rows = 4000, columns = 200;
        var problem = LinearModelProblem.Create(kind, sparse, weighted: true, rows, columns, seed: 11);
        Assert.True(RowChunkPlan.For(rows, columns, problem.OutputCount, problem.Matrix.StoredCount, 12).ChunkCount > 1,
            "the problem must be big enough to be cut into several chunks");
        float[] theta = problem.RandomParameters(seed: 12);
        var objective = problem.Objective;

        objective.MaxDegreeOfParallelism = 1;
        var expected = new float[theta.Length];
        double expectedValue = objective.ValueAndGradient(theta, expected);
        double expectedLossOnly = objective.Value(theta);
        var expectedBounds = new float[theta.Length];
        objective.DiagonalCurvatureBounds(expectedBounds);
        foreach (int threads in new[] { 2, 3, Environment.ProcessorCount })
        {
            objective.MaxDegreeOfParallelism = threads;
            for (int repeat = 0; repeat < 2; repeat++)
            {
                var gradient = new float[theta.Length];
                Assert.Equal(expectedValue, objective.ValueAndGradient(theta, gradient));
                Assert.Equal(expected, gradient);
                Assert.Equal(expectedLossOnly, objective.Value(theta));
            }
            var bounds = new float[theta.Length];
            objective.DiagonalCurvatureBounds(bounds);
            Assert.Equal(expectedBounds, bounds);
        }
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 3)]
    [InlineData(true, 1)]
    [InlineData(true, 3)]
    public void EveryRowIsHandedToTheTransformOnce_InWholeRows(bool sparse, int outputCount)
    {
        const int rows = 4099, columns = 40; // a prime: the last block and chunk are partial
        var random = new Random(13);
        float[] x = SyntheticData.GaussianMatrix(random, rows, columns, sparse ? 0.5 : 0);
        IFeatureMatrix matrix = sparse ? SyntheticData.ToSparse(x, rows, columns) : new DenseFeatureMatrix(x, rows, columns);
        var transform = new CountingTransform(rows, outputCount);
        float[] weights = new float[outputCount * columns], biases = new float[outputCount];
        float[] weightGradient = new float[weights.Length], biasGradient = new float[outputCount];

        double f = matrix.LossAndGradient(weights, biases, transform, weightGradient, biasGradient, maxDegreeOfParallelism: 2);
        Assert.Equal(rows, f); // each row's share is 1
        Assert.All(transform.Seen, count => Assert.Equal(1, count));
        Assert.Equal(rows, matrix.Loss(weights, biases, transform, maxDegreeOfParallelism: 2));
        Assert.All(transform.Seen, count => Assert.Equal(2, count));
        // C = 1 everywhere: ∇_W = Xᵀ·1 (column sums) and ∇_b = m.
        for (int c = 0; c < outputCount; c++)
        {
            Assert.Equal(rows, biasGradient[c]);
            for (int j = 0; j < columns; j++)
            {
                double sum = 0;
                for (int i = 0; i < rows; i++)
                    sum += x[i * columns + j];
                Assert.Equal(sum, weightGradient[c * columns + j], 1e-3);
            }
        }
    }

    [Fact]
    public void OnAMillionRows_TheGradientKeepsSixDigits()
    {
        // ∇f = (1/m) Σᵢ (zᵢ − yᵢ)·xᵢ with every term positive: a plain float sum over 10⁶ rows would
        // lose about three digits; blocks of 256 rows in float added in double keep about seven.
        const int rows = 1_000_000, columns = 3;
        var random = new Random(14);
        var x = new float[rows * columns];
        var y = new float[rows];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
                x[i * columns + j] = (float)(0.5 + random.NextDouble());
            y[i] = (float)(-1 - random.NextDouble());
        }
        float[] theta = [0.1f, 0.2f, 0.3f, 0.4f];
        foreach (IFeatureMatrix matrix in new IFeatureMatrix[] { new DenseFeatureMatrix(x, rows, columns), SyntheticData.ToSparse(x, rows, columns) })
        {
            var objective = new MlNetSparse.Core.Objectives.LinearModelObjective(matrix, y, new MlNetSparse.Core.Objectives.SquaredLoss());
            var gradient = new float[theta.Length];
            objective.ValueAndGradient(theta, gradient);
            var exact = new double[theta.Length];
            for (int i = 0; i < rows; i++)
            {
                double r = theta[3] - (double)y[i];
                for (int j = 0; j < columns; j++)
                    r += (double)theta[j] * x[i * columns + j];
                for (int j = 0; j < columns; j++)
                    exact[j] += r * x[i * columns + j] / rows;
                exact[3] += r / rows;
            }
            for (int p = 0; p < theta.Length; p++)
                Assert.True(Math.Abs(gradient[p] - exact[p]) <= 1e-6 * exact[p], $"∇f[{p}] = {gradient[p]}, exact {exact[p]}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WeightedColumnSquares_IsOneParallelPass_EqualToTheBruteForce(bool sparse)
    {
        const int rows = 3001, columns = 257;
        var random = new Random(15);
        float[] x = SyntheticData.GaussianMatrix(random, rows, columns, sparse ? 0.7 : 0);
        float[] w = SyntheticData.ExampleWeights(random, rows);
        IFeatureMatrix matrix = sparse ? SyntheticData.ToSparse(x, rows, columns) : new DenseFeatureMatrix(x, rows, columns);
        double[] one = new double[columns], two = new double[columns];
        matrix.WeightedColumnSquares(w, one);
        matrix.WeightedColumnSquares(w, two, maxDegreeOfParallelism: 2);
        Assert.Equal(one, two);
        for (int j = 0; j < columns; j++)
        {
            double exact = 0;
            for (int i = 0; i < rows; i++)
                exact += w[i] * (double)x[i * columns + j] * x[i * columns + j];
            Assert.True(Math.Abs(one[j] - exact) <= 1e-6 * exact, $"column {j}: {one[j]}, exact {exact}");
        }
    }

    [Fact]
    public void DenseSoftmax_RunsOnTheInjectedBlas()
    {
        var problem = LinearModelProblem.Create(LossKind.Softmax, sparse: false, weighted: false, 300, 20, seed: 16);
        var blas = new CountingBlas();
        var objective = new MlNetSparse.Core.Objectives.LinearModelObjective(new DenseFeatureMatrix(problem.X, 300, 20, blas), problem.Labels, problem.Loss);
        // The reference runs on the managed backend the counting one wraps, not on the process's default
        // (OpenBLAS where it is installed), so the two must agree bit for bit whatever ran before.
        var reference = new MlNetSparse.Core.Objectives.LinearModelObjective(
            new DenseFeatureMatrix(problem.X, 300, 20, new MlNetSparse.Core.Numerics.Blas.ManagedBlas()), problem.Labels, problem.Loss);
        float[] theta = problem.RandomParameters(seed: 17);
        float[] expected = new float[theta.Length], gradient = new float[theta.Length];
        double expectedValue = reference.ValueAndGradient(theta, expected);
        Assert.Equal(expectedValue, objective.ValueAndGradient(theta, gradient));
        Assert.Equal(expected, gradient);
        Assert.True(blas.Calls > 0, "the injected IBlas was not used");
    }

    [Fact]
    public void BadArguments_NameTheArgumentAndTheAllowedRange()
    {
        var matrix = new DenseFeatureMatrix(new float[6], 2, 3);
        var transform = new CountingTransform(2, 2);
        float[] biases = new float[2], weightGradient = new float[6], biasGradient = new float[2];
        var e = Assert.Throws<ArgumentException>(() => matrix.LossAndGradient(new float[5], biases, transform, weightGradient, biasGradient, 1));
        Assert.Equal("weights must have length 6; got 5. (Parameter 'weights')", e.Message);
        e = Assert.Throws<ArgumentException>(() => matrix.Loss(new float[6], new float[3], transform, 1));
        Assert.StartsWith("biases must have length 2; got 3.", e.Message);
        e = Assert.Throws<ArgumentException>(() => matrix.LossAndGradient(new float[6], biases, transform, new float[7], biasGradient, 1));
        Assert.StartsWith("weightGradient must have length 6; got 7.", e.Message);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Loss(new float[6], biases, transform, 0));
        Assert.StartsWith("maxDegreeOfParallelism must be in [1, 2147483647]; got 0.", range.Message);
        Assert.Throws<ArgumentNullException>(() => matrix.Loss(new float[6], biases, null!, 1));

        var objective = LinearModelProblem.Create(LossKind.Squared, sparse: false, weighted: false, 5, 2, seed: 1).Objective;
        range = Assert.Throws<ArgumentOutOfRangeException>(() => objective.MaxDegreeOfParallelism = 0);
        Assert.StartsWith("MaxDegreeOfParallelism must be in [1, 2147483647]; got 0.", range.Message);
    }

    // The managed backend, counting its calls.
    private sealed class CountingBlas : MlNetSparse.Core.Numerics.Blas.IBlas
    {
        private readonly MlNetSparse.Core.Numerics.Blas.ManagedBlas _inner = new();

        public int Calls { get; private set; }

        public MlNetSparse.Core.Numerics.Blas.BlasBackendKind Kind => _inner.Kind;

        public string Description => "counting " + _inner.Description;

        public void Sgemm(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
            ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
        {
            Calls++;
            _inner.Sgemm(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        }
    }

    // Each row's share of f is 1 and its coefficients are all 1; counts how often each row was seen.
    private sealed class CountingTransform(int rows, int outputCount) : IMarginBlockTransform
    {
        public int[] Seen { get; } = new int[rows];

        public int OutputCount => outputCount;

        public double Loss(int firstRow, ReadOnlySpan<float> margins) => Count(firstRow, margins.Length);

        public double LossAndCoefficients(int firstRow, Span<float> block)
        {
            block.Fill(1f);
            return Count(firstRow, block.Length);
        }

        private double Count(int firstRow, int length)
        {
            Assert.Equal(0, length % outputCount);
            for (int i = firstRow; i < firstRow + length / outputCount; i++)
                Interlocked.Increment(ref Seen[i]);
            return length / outputCount;
        }
    }
}
