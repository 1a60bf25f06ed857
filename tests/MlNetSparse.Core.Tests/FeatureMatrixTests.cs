using MlNetSparse.Core.Numerics;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>Dense and CSR storage give the same products, both equal to a double-precision reference.</summary>
public class FeatureMatrixTests
{
    public static TheoryData<int, int, int, double> Shapes() => new()
    {
        // rows, columns, outputs k, fraction of zero entries
        { 1, 1, 1, 0.0 },
        { 7, 3, 1, 0.5 },
        { 25, 9, 3, 0.7 },
        { 600, 17, 2, 0.8 }, // more than the dense kernel's 256-row partial sums
        { 40, 5, 4, 1.0 },   // all zero: every CSR row empty
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Multiply_DenseAndSparseAgreeWithTheReference(int rows, int columns, int k, double zeroFraction)
    {
        var random = new Random(51 + rows);
        float[] x = SyntheticData.GaussianMatrix(random, rows, columns, zeroFraction);
        float[] w = SyntheticData.Gaussian(random, k * columns);
        float[] dense = new float[rows * k], sparse = new float[rows * k];
        new DenseFeatureMatrix(x, rows, columns).Multiply(w, k, dense);
        SyntheticData.ToSparse(x, rows, columns).Multiply(w, k, sparse);
        for (int i = 0; i < rows; i++)
            for (int c = 0; c < k; c++)
            {
                // zᵢc = Σ_j X[i, j]·W[c, j]; rounding is bounded by a multiple of ε·Σ_j |X[i, j]·W[c, j]|.
                double exact = 0, magnitude = 0;
                for (int j = 0; j < columns; j++)
                {
                    exact += (double)x[i * columns + j] * w[c * columns + j];
                    magnitude += Math.Abs((double)x[i * columns + j] * w[c * columns + j]);
                }
                double tolerance = 4 * columns * 6e-8 * magnitude;
                Assert.True(Math.Abs(dense[i * k + c] - exact) <= tolerance, $"dense z[{i},{c}] = {dense[i * k + c]}, exact {exact}");
                Assert.True(Math.Abs(sparse[i * k + c] - exact) <= tolerance, $"sparse z[{i},{c}] = {sparse[i * k + c]}, exact {exact}");
            }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TransposeMultiply_DenseAndSparseAgreeWithTheReference(int rows, int columns, int k, double zeroFraction)
    {
        var random = new Random(52 + rows);
        float[] x = SyntheticData.GaussianMatrix(random, rows, columns, zeroFraction);
        float[] coefficients = SyntheticData.Gaussian(random, rows * k);
        coefficients[0] = 0f; // a zero coefficient is skipped by both kernels
        float[] dense = new float[k * columns], sparse = new float[k * columns];
        // Fill the outputs first: the kernels must overwrite, not accumulate.
        Array.Fill(dense, 123f);
        Array.Fill(sparse, -7f);
        new DenseFeatureMatrix(x, rows, columns).TransposeMultiply(coefficients, k, dense);
        SyntheticData.ToSparse(x, rows, columns).TransposeMultiply(coefficients, k, sparse);
        for (int c = 0; c < k; c++)
            for (int j = 0; j < columns; j++)
            {
                // G[c, j] = Σ_i C[i, c]·X[i, j].
                double exact = 0, magnitude = 0;
                for (int i = 0; i < rows; i++)
                {
                    exact += (double)coefficients[i * k + c] * x[i * columns + j];
                    magnitude += Math.Abs((double)coefficients[i * k + c] * x[i * columns + j]);
                }
                // The dense kernel sums 256 rows in float before moving to double.
                double tolerance = 4 * Math.Min(rows, 256) * 6e-8 * magnitude;
                Assert.True(Math.Abs(dense[c * columns + j] - exact) <= tolerance, $"dense G[{c},{j}] = {dense[c * columns + j]}, exact {exact}");
                Assert.True(Math.Abs(sparse[c * columns + j] - exact) <= tolerance, $"sparse G[{c},{j}] = {sparse[c * columns + j]}, exact {exact}");
            }
    }

    [Fact]
    public void RepeatedCallsGiveTheSameResult_ScratchIsReset()
    {
        var random = new Random(53);
        float[] x = SyntheticData.GaussianMatrix(random, 30, 4, 0.3);
        float[] coefficients = SyntheticData.Gaussian(random, 30 * 2);
        foreach (IFeatureMatrix matrix in new IFeatureMatrix[] { new DenseFeatureMatrix(x, 30, 4), SyntheticData.ToSparse(x, 30, 4) })
        {
            float[] first = new float[8], second = new float[8];
            matrix.TransposeMultiply(coefficients, 2, first);
            matrix.TransposeMultiply(coefficients, 2, second);
            Assert.Equal(first, second);
        }
    }

    [Fact]
    public void StoredCountIsMTimesNForDense_AndTheNonzerosForSparse()
    {
        float[] x = [1, 0, 2, 0, 0, 0, 3, 4, 0];
        Assert.Equal(9, new DenseFeatureMatrix(x, 3, 3).StoredCount);
        Assert.Equal(4, SyntheticData.ToSparse(x, 3, 3).StoredCount);
    }
}
