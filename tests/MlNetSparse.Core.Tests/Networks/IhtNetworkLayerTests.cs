using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Sparsity;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core.Networks;

/// <summary>
/// A network is an objective like any other (<see cref="NetworkObjective"/>): IHT with H_s sparsifies
/// one layer's weights with the network's own loss and back-propagated gradient.
/// </summary>
public class IhtNetworkLayerTests
{
    private const int Samples = 240, Inputs = 6, Classes = 3;
    private static readonly TensorShape Shape = new(1, 1, Inputs);

    [Fact]
    public void Iht_SparsifiesTheFirstLayer_KeepingSWeights_AndLowersTheLoss()
    {
        var (x, y) = Data();
        var network = new Network(Shape, [LayerSpec.Dense(8), LayerSpec.Relu(), LayerSpec.Dense(Classes)], seed: 3);
        ParameterTensor layer = network.Parameters[0];
        Assert.Equal("dense1.weight", layer.Name);
        var objective = new NetworkObjective(network, new SoftmaxCrossEntropyLoss(Classes), x, y, Samples, [layer]);
        const int kept = 12; // of 48 weights

        float[] start = HardThresholdOperator.Apply(objective.CopyFromNetwork(), kept);
        IhtSolution solution = IhtSolver.Solve(objective, start,
            new IhtSolverOptions { Sparsity = kept, StepSize = 1, MaximumIterations = 300 });
        objective.CopyToNetwork(solution.Parameters);

        Assert.Equal(kept, Support.CountNonzero(solution.Parameters));
        Assert.Equal(kept, layer.CountNonzeros());
        Assert.True(network.Parameters.Skip(1).All(p => p.CountNonzeros() == p.Values.Length), "only the chosen layer is thresholded");
        for (int k = 1; k < solution.LossHistory.Count; k++)
            Assert.True(solution.LossHistory[k] <= solution.LossHistory[k - 1], $"the loss rose at step {k}");
        Assert.True(solution.Loss < 0.7 * solution.LossHistory[0],
            $"f went from {solution.LossHistory[0]:G4} to {solution.Loss:G4} in {solution.Iterations} steps");
        Assert.Equal(solution.Loss, objective.Value(solution.Parameters), 12);
    }

    [Fact]
    public void Gradient_MatchesCentralDifferences()
    {
        var (x, y) = Data();
        // No activation between the layers: f is smooth in θ.
        var network = new Network(Shape, [LayerSpec.Dense(4), LayerSpec.Dense(Classes)], seed: 5);
        var objective = new NetworkObjective(network, new SoftmaxCrossEntropyLoss(Classes), x, y, Samples, [network.Parameters[0], network.Parameters[3]]);
        float[] theta = objective.CopyFromNetwork();
        var gradient = new float[objective.ParameterCount];
        objective.ValueAndGradient(theta, gradient);

        const float h = 1e-2f;
        for (int p = 0; p < theta.Length; p++)
        {
            float saved = theta[p];
            theta[p] = saved + h;
            double up = objective.Value(theta);
            theta[p] = saved - h;
            double down = objective.Value(theta);
            theta[p] = saved;
            double numeric = (up - down) / (2 * h);
            Assert.True(Math.Abs(gradient[p] - numeric) <= 2e-3 * Math.Max(1, Math.Abs(numeric)), $"∂f/∂θ[{p}] = {gradient[p]}, numeric {numeric}");
        }
    }

    [Fact]
    public void TensorOfAnotherNetwork_IsRejectedByPosition()
    {
        var (x, y) = Data();
        var network = new Network(Shape, [LayerSpec.Dense(Classes)]);
        var other = new Network(Shape, [LayerSpec.Dense(Classes)]);
        var error = Assert.Throws<ArgumentException>(
            () => new NetworkObjective(network, new SoftmaxCrossEntropyLoss(Classes), x, y, Samples, [network.Parameters[0], other.Parameters[0]]));
        Assert.Equal("tensors", error.ParamName);
        Assert.Contains("tensors[1] (dense1.weight) is not a parameter tensor of this network", error.Message);
    }

    // The class is the largest of the first three inputs; the other three are noise.
    private static (float[] Inputs, float[] Labels) Data()
    {
        var random = new Random(11);
        float[] x = SyntheticData.Gaussian(random, Samples * Inputs);
        var y = new float[Samples];
        for (int i = 0; i < Samples; i++)
        {
            ReadOnlySpan<float> row = x.AsSpan(i * Inputs, Classes);
            y[i] = row.IndexOf(TensorMax(row));
        }
        return (x, y);
    }

    private static float TensorMax(ReadOnlySpan<float> values)
    {
        float max = float.NegativeInfinity;
        foreach (float v in values)
            max = Math.Max(max, v);
        return max;
    }
}
