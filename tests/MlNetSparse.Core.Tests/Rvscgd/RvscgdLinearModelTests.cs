using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Solvers.Rvscgd;
using MlNetSparse.Core.Sparsity;
using MlNetSparse.Core.Sparsity.Penalties;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core.Rvscgd;

/// <summary>
/// RVSCGD is "gradient + sparsity operator" like IHT: given the linear model's objective (the exact
/// gradient, dense or CSR rows) and any prox, it trains a sparse logistic model.
/// </summary>
public class RvscgdLinearModelTests
{
    private const int Rows = 300, Columns = 20;
    private static readonly int[] TruthSupport = [2, 9, 15];

    public static TheoryData<string, bool> Proxes() => new()
    {
        { "l0", false }, { "l0", true }, { "l1", false }, { "l1", true }, { "top-4", false },
    };

    [Theory]
    [MemberData(nameof(Proxes))]
    public void TrainsTheLinearModel_ToASparseModelWithLowLoss(string prox, bool csr)
    {
        LinearModelObjective objective = LogisticProblem(csr);
        int n = objective.ParameterCount;
        double denseOptimum = IhtSolver.Solve(objective, new float[n],
            new IhtSolverOptions { Sparsity = n, StepSize = 2, MaximumIterations = 3000 }).Loss;

        // With β = 0.1, τ = λ/β puts the threshold between the truth's weights (≈ 2) and the noise's:
        // √(2τ) = 0.5 for ℓ0, τ = 0.2 for ℓ1 (which also shrinks what it keeps); H_s ignores τ.
        var splitting = prox switch
        {
            "l0" => new RvscgdSplitting(lambda: 0.0125, beta: 0.1, L0Penalty.Instance),
            "l1" => new RvscgdSplitting(lambda: 0.02, beta: 0.1, L1Penalty.Instance),
            _ => new RvscgdSplitting(lambda: 0.0125, beta: 0.1, new HardThresholdOperator(n, 4)),
        };
        RvscgdResult result = new RvscgdSolver(splitting, learningRate: 1, normalize: false).Run(objective, new float[n], 1500);

        float[] u = result.SparseWeights;
        double sparseLoss = objective.Value(u);
        double startLoss = objective.Value(new float[n]);
        Assert.InRange(Support.CountNonzero(u), TruthSupport.Length, TruthSupport.Length + 1);
        foreach (int j in TruthSupport)
            Assert.True(u[j] != 0f, $"{prox}: the truth's weight {j} was thresholded away");
        // Low loss: u closes most of the way from f(0) to the dense optimum (ℓ1 pays for its shrinkage, ℓ0 and H_s hardly).
        Assert.True(startLoss - sparseLoss >= 0.75 * (startLoss - denseOptimum),
            $"{prox}: f(u) = {sparseLoss:G5} with {Support.CountNonzero(u)} nonzeros; dense optimum {denseOptimum:G5}, f(0) = {startLoss:G5}");
        Assert.Equal(objective.Value(result.Weights), result.Trace[^1].Loss); // the trace's f(w) is the objective's
    }

    // Labels y ~ Bernoulli(σ(x·w*)) for a truth w* with three weights of ±2 and no bias.
    private static LinearModelObjective LogisticProblem(bool csr)
    {
        var random = new Random(7);
        float[] x = SyntheticData.GaussianMatrix(random, Rows, Columns);
        var labels = new float[Rows];
        for (int i = 0; i < Rows; i++)
        {
            double z = 2 * x[i * Columns + TruthSupport[0]] - 2 * x[i * Columns + TruthSupport[1]] + 2 * x[i * Columns + TruthSupport[2]];
            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1f : 0f;
        }
        IFeatureMatrix matrix = csr ? SyntheticData.ToSparse(x, Rows, Columns) : new DenseFeatureMatrix(x, Rows, Columns);
        return new LinearModelObjective(matrix, labels, new LogisticLoss());
    }
}
