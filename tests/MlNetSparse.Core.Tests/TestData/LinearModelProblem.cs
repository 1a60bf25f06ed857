using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;

namespace MlNetSparse.Tests.TestData;

/// <summary>
/// A seeded linear-model problem (X stored dense or CSR, labels, optional example weights, one of
/// the three losses) with its objective, and the same f and ∇f computed two independent ways:
/// exactly in double precision, and by the two-pass products Multiply / TransposeMultiply.
/// </summary>
internal sealed class LinearModelProblem
{
    private LinearModelProblem(LossKind kind, float[] x, int rows, int columns, int outputCount, float[] labels, float[]? weights, bool sparse)
    {
        Kind = kind;
        X = x;
        Rows = rows;
        Columns = columns;
        OutputCount = outputCount;
        Labels = labels;
        Weights = weights;
        Matrix = sparse ? SyntheticData.ToSparse(x, rows, columns) : new DenseFeatureMatrix(x, rows, columns);
        Loss = kind switch
        {
            LossKind.Squared => new SquaredLoss(),
            LossKind.Logistic => new LogisticLoss(),
            _ => new SoftmaxCrossEntropyLoss(outputCount),
        };
        Objective = new LinearModelObjective(Matrix, labels, Loss, weights);
    }

    public LossKind Kind { get; }
    public float[] X { get; }
    public int Rows { get; }
    public int Columns { get; }
    public int OutputCount { get; }
    public float[] Labels { get; }
    public float[]? Weights { get; }
    public IFeatureMatrix Matrix { get; }
    public IMarginLoss Loss { get; }
    public LinearModelObjective Objective { get; }

    /// <summary>Every loss × dense or CSR rows × with or without example weights.</summary>
    public static TheoryData<LossKind, bool, bool> Cases()
    {
        var data = new TheoryData<LossKind, bool, bool>();
        foreach (LossKind kind in Enum.GetValues<LossKind>())
            foreach (bool sparse in new[] { false, true })
                foreach (bool weighted in new[] { false, true })
                    data.Add(kind, sparse, weighted);
        return data;
    }

    /// <summary>Gaussian features (a fraction zeroed when sparse), labels fitting the loss, k = 3 for softmax.</summary>
    public static LinearModelProblem Create(LossKind kind, bool sparse, bool weighted, int rows, int columns, int seed, double sparseZeroFraction = 0.6)
    {
        var random = new Random(seed);
        int k = kind == LossKind.Softmax ? 3 : 1;
        float[] x = SyntheticData.GaussianMatrix(random, rows, columns, sparse ? sparseZeroFraction : 0);
        float[] labels = kind switch
        {
            LossKind.Squared => SyntheticData.Gaussian(random, rows, 2.0),
            LossKind.Logistic => SyntheticData.BinaryLabels(random, rows),
            _ => SyntheticData.ClassLabels(random, rows, k),
        };
        float[]? weights = weighted ? SyntheticData.ExampleWeights(random, rows) : null;
        if (weights is { Length: 1 })
            weights[0] = 0.7f; // ExampleWeights zeroes one row, and a single row of weight 0 is no problem
        return new LinearModelProblem(kind, x, rows, columns, k, labels, weights, sparse);
    }

    /// <summary>θ with weights U(−1/√n, 1/√n) (margins of order 1) and biases U(−1, 1).</summary>
    public float[] RandomParameters(int seed)
    {
        var random = new Random(seed);
        float[] theta = SyntheticData.Uniform(random, Objective.ParameterCount, 1 / Math.Sqrt(Columns));
        for (int c = 0; c < OutputCount; c++)
            theta[OutputCount * Columns + c] = (float)(2 * random.NextDouble() - 1);
        return theta;
    }

    /// <summary>
    /// f and ∇f in double, and for each entry of ∇f the magnitude Σᵢ (ωᵢ/Σω)·|xᵢⱼ|·(|∂ℓ/∂z_c| + 1),
    /// which bounds how far float rounding (of the margins, the derivatives and the sums) can move it.
    /// </summary>
    public (double Value, double[] Gradient, double[] Magnitude) Exact(ReadOnlySpan<float> theta)
    {
        int n = Columns, k = OutputCount;
        var gradient = new double[theta.Length];
        var magnitude = new double[theta.Length];
        var z = new double[k];
        var d = new double[k];
        double weightSum = 0, total = 0;
        for (int i = 0; i < Rows; i++)
            weightSum += Weights?[i] ?? 1.0;
        for (int i = 0; i < Rows; i++)
        {
            double share = (Weights?[i] ?? 1.0) / weightSum;
            for (int c = 0; c < k; c++)
            {
                z[c] = theta[k * n + c];
                for (int j = 0; j < n; j++)
                    z[c] += (double)theta[c * n + j] * X[i * n + j];
            }
            total += share * LossAndDerivative(z, Labels[i], d);
            for (int c = 0; c < k; c++)
            {
                for (int j = 0; j < n; j++)
                {
                    gradient[c * n + j] += share * d[c] * X[i * n + j];
                    magnitude[c * n + j] += share * Math.Abs(X[i * n + j]) * (Math.Abs(d[c]) + 1);
                }
                gradient[k * n + c] += share * d[c];
                magnitude[k * n + c] += share * (Math.Abs(d[c]) + 1);
            }
        }
        return (total, gradient, magnitude);
    }

    /// <summary>f and ∇f the way they were computed before the fused pass: Z = X·Wᵀ, C row by row, G = Cᵀ·X.</summary>
    public (double Value, float[] Gradient) TwoPass(ReadOnlySpan<float> theta)
    {
        int n = Columns, k = OutputCount;
        var margins = new float[Rows * k];
        Matrix.Multiply(theta[..(k * n)], k, margins);
        double weightSum = 0, total = 0;
        for (int i = 0; i < Rows; i++)
            weightSum += Weights?[i] ?? 1.0;
        var derivative = new float[k];
        var gradient = new float[theta.Length];
        var biasSums = new double[k];
        for (int i = 0; i < Rows; i++)
        {
            Span<float> row = margins.AsSpan(i * k, k);
            for (int c = 0; c < k; c++)
                row[c] += theta[k * n + c];
            double weight = Weights?[i] ?? 1.0;
            total += weight * Loss.ValueAndDerivative(row, Labels[i], derivative);
            for (int c = 0; c < k; c++)
            {
                row[c] = (float)(derivative[c] * weight / weightSum);
                biasSums[c] += row[c];
            }
        }
        Matrix.TransposeMultiply(margins, k, gradient.AsSpan(0, k * n));
        for (int c = 0; c < k; c++)
            gradient[k * n + c] = (float)biasSums[c];
        return (total / weightSum, gradient);
    }

    private double LossAndDerivative(double[] z, float label, double[] d)
    {
        switch (Kind)
        {
            case LossKind.Squared:
                d[0] = z[0] - label;
                return 0.5 * d[0] * d[0];
            case LossKind.Logistic:
                double p = 1 / (1 + Math.Exp(-z[0]));
                d[0] = p - label;
                return Math.Max(z[0], 0) + Math.Log(1 + Math.Exp(-Math.Abs(z[0]))) - label * z[0];
            default:
                double max = z.Max(), sum = z.Sum(v => Math.Exp(v - max));
                for (int c = 0; c < z.Length; c++)
                    d[c] = Math.Exp(z[c] - max) / sum - (c == (int)label ? 1 : 0);
                return max + Math.Log(sum) - z[(int)label];
        }
    }
}
