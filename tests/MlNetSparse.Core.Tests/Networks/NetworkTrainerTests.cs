using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Networks.Training;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Solvers.Rvscgd;
using MlNetSparse.Core.Sparsity.Penalties;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core.Networks;

/// <summary>Mini-batch training of small networks on the bundled digits: it learns, it is reproducible, it fails clearly.</summary>
public class NetworkTrainerTests
{
    private static readonly TensorShape Digit = new(1, 8, 8);

    private static IReadOnlyList<LayerSpec> SmallBinarizedNet() =>
    [
        LayerSpec.Convolution(4, 3, padding: 1), LayerSpec.BatchNorm(), LayerSpec.Binarized(CoarseGradient.ClippedRelu), LayerSpec.MaxPool(2),
        LayerSpec.Flatten(), LayerSpec.Dense(32), LayerSpec.BatchNorm(), LayerSpec.Binarized(CoarseGradient.ClippedRelu), LayerSpec.Dense(10),
    ];

    private static NetworkTrainingOptions Options(int epochs = 3, int threads = -1) => new()
    {
        Epochs = epochs, BatchSize = 64, LearningRate = 0.01, Seed = 3, MaxDegreeOfParallelism = threads,
    };

    private static double Accuracy(Network network, float[] inputs, float[] labels, int count)
    {
        var logits = new float[count * network.OutputSize];
        network.Predict(inputs, count, logits);
        int right = 0;
        for (int n = 0; n < count; n++)
        {
            ReadOnlySpan<float> z = logits.AsSpan(n * 10, 10);
            int best = 0;
            for (int j = 1; j < 10; j++)
                if (z[j] > z[best])
                    best = j;
            right += best == (int)labels[n] ? 1 : 0;
        }
        return (double)right / count;
    }

    [Fact]
    public void BinarizedNetwork_LearnsTheDigits()
    {
        var (x, y, n) = DigitsData.Load();
        var network = new Network(Digit, SmallBinarizedNet(), seed: 1);
        double before = Accuracy(network, x, y, n);

        NetworkTrainingResult result = new NetworkTrainer(network, new SoftmaxCrossEntropyLoss(10), Options(epochs: 8)).Train(x, y, n);

        Assert.Equal(8, result.Epochs.Count);
        Assert.True(result.Epochs[^1].MeanLoss < 0.6 * result.Epochs[0].MeanLoss,
            $"mean loss {result.Epochs[0].MeanLoss} → {result.Epochs[^1].MeanLoss}");
        double after = Accuracy(network, x, y, n);
        Assert.True(after > 0.85 && before < 0.3, $"training accuracy {before} → {after}");
        Assert.False(result.Sparsified);
        Assert.Null(result.Epochs[0].Lagrangian);
    }

    [Fact]
    public void SameSeed_SameBits_ForAnyThreadCount()
    {
        var (x, y, n) = DigitsData.Load(300);
        float[] Train(int threads)
        {
            var network = new Network(Digit, SmallBinarizedNet(), seed: 2);
            new NetworkTrainer(network, new SoftmaxCrossEntropyLoss(10), Options(epochs: 2, threads)).Train(x, y, n);
            return network.Parameters.SelectMany(p => p.Values).ToArray();
        }

        float[] one = Train(1), two = Train(2), again = Train(2);

        Assert.Equal(one, two);
        Assert.Equal(two, again);
    }

    [Fact]
    public void Rvscgd_ReturnsTheSparseNetworkAndTracesTheLagrangian()
    {
        var (x, y, n) = DigitsData.Load(600);
        var network = new Network(Digit, SmallBinarizedNet(), seed: 1);
        NetworkTrainingOptions options = Options(epochs: 4);
        options.Sparsification = new RvscgdSettings(Lambda: 1e-4, Beta: 1e-2, SparsityPenaltyKind.L0);

        NetworkTrainingResult result = new NetworkTrainer(network, new SoftmaxCrossEntropyLoss(10), options).Train(x, y, n);

        Assert.True(result.Sparsified);
        Assert.All(result.Epochs, e => Assert.True(e.Lagrangian > e.MeanLoss));
        Assert.True(result.Sparsity > 0.2, $"sparsity {result.Sparsity}");
        // The network now holds u: its weights have exactly the reported nonzeros.
        long nonzeros = network.Parameters.Where(p => p.IsWeight).Sum(p => (long)p.CountNonzeros());
        Assert.Equal(result.Nonzeros, nonzeros);
        Assert.All(result.FinalTensors, t => Assert.Equal(0, t.DistanceToSparse));
    }

    [Fact]
    public void ASparsityTargetWithARamp_ZeroesTheCubicsFractionEachEpoch_AndTheTargetAtTheEnd()
    {
        // 600 rows in batches of 64: 10 steps an epoch. Each epoch's record holds u of its last step, taken at
        // e − 1 + 9/10 epochs done, so its zeros are round(f(e − 0.1)·n) with f the ramp's cubic.
        var (x, y, n) = DigitsData.Load(600);
        var network = new Network(Digit, SmallBinarizedNet(), seed: 1);
        NetworkTrainingOptions options = Options(epochs: 4);
        options.Sparsification = new RvscgdSettings(Lambda: 1e-4, Beta: 1e-2, SparsityPenaltyKind.TransformedL1, TransformedL1Shape: 0.5);
        options.SparsityTarget = new RvscgdSparsityTarget(0.75, RampEpochs: 3);

        NetworkTrainingResult result = new NetworkTrainer(network, new SoftmaxCrossEntropyLoss(10), options).Train(x, y, n);

        long count = result.WeightCount;
        static long Zeros(long count, double fraction) => (long)Math.Round(fraction * count, MidpointRounding.AwayFromZero);
        foreach (EpochRecord epoch in result.Epochs)
        {
            double f = options.SparsityTarget.FractionAt(epoch.Epoch - 0.1);
            Assert.Equal(Zeros(count, f), epoch.Tensors.Sum(t => (long)(t.Count - t.Nonzeros)));
            Assert.True(epoch.Lambda > 0, $"epoch {epoch.Epoch}: λ {epoch.Lambda}");
        }
        Assert.True(result.Epochs[0].Lambda < result.Epochs[2].Lambda, "the ramp raises λ");
        Assert.Equal(Zeros(count, 0.75), count - result.Nonzeros);
        long nonzeros = network.Parameters.Where(p => p.IsWeight).Sum(p => (long)p.CountNonzeros());
        Assert.Equal(result.Nonzeros, nonzeros);
    }

    [Fact]
    public void LearningRate_DropsAfterTheListedEpochs()
    {
        var options = new NetworkTrainingOptions { LearningRate = 0.1, LearningRateDropEpochs = [2, 4], LearningRateDropFactor = 0.5 };
        Assert.Equal([0.1, 0.1, 0.05, 0.05, 0.025], Enumerable.Range(0, 5).Select(options.LearningRateAt));
    }

    public static TheoryData<string, Action<NetworkTrainingOptions>> BadOptions => new()
    {
        { "Epochs must be in [1,", o => o.Epochs = 0 },
        { "BatchSize must be in [1,", o => o.BatchSize = 0 },
        { "LearningRate must be a finite number > 0", o => o.LearningRate = 0 },
        { "LearningRate must be a finite number > 0", o => o.LearningRate = double.NaN },
        { "Momentum must be in [0, 1)", o => o.Momentum = 1 },
        { "WeightDecay must be a finite number ≥ 0", o => o.WeightDecay = -1 },
        { "LearningRateDropEpochs must hold epochs ≥ 1", o => o.LearningRateDropEpochs = [0] },
        { "LearningRateDropFactor must be in (0, 1]", o => o.LearningRateDropFactor = 2 },
        { "MaxDegreeOfParallelism must be -1", o => o.MaxDegreeOfParallelism = 0 },
        { "LearningRateSchedule must be one of Step, Cosine", o => o.LearningRateSchedule = (LearningRateScheduleKind)2 },
        { "LearningRateDropEpochs apply to the Step learning-rate schedule only; got 1 with LearningRateSchedule Cosine.",
            o => { o.LearningRateSchedule = LearningRateScheduleKind.Cosine; o.LearningRateDropEpochs = [2]; } },
        { "SparsityTarget needs Sparsification", o => o.SparsityTarget = new RvscgdSparsityTarget(0.5) },
        { "Fraction must be in (0, 1)", o => o.SparsityTarget = new RvscgdSparsityTarget(1.5) },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void BadOption_IsRejectedByName(string message, Action<NetworkTrainingOptions> spoil)
    {
        NetworkTrainingOptions options = Options();
        spoil(options);
        var network = new Network(Digit, SmallBinarizedNet());
        var error = Assert.ThrowsAny<ArgumentException>(() => new NetworkTrainer(network, new SoftmaxCrossEntropyLoss(10), options));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void ClassIndexOutOfRange_NamesTheRow()
    {
        var (x, y, n) = DigitsData.Load(20);
        y[7] = 10;
        var trainer = new NetworkTrainer(new Network(Digit, SmallBinarizedNet()), new SoftmaxCrossEntropyLoss(10), Options());
        var error = Assert.Throws<ArgumentException>(() => trainer.Train(x, y, n));
        Assert.Contains("Row 7: the label must be a class index in [0, 9]; got 10", error.Message);
    }

    [Fact]
    public void NonFiniteLoss_StopsWithTheStep()
    {
        var (x, y, n) = DigitsData.Load(100);
        // No normalisation and an absurd step: the logits overflow within a few steps.
        var network = new Network(Digit, [LayerSpec.Flatten(), LayerSpec.Dense(10)], seed: 1);
        NetworkTrainingOptions options = Options(epochs: 50);
        options.LearningRate = 1e30;
        var error = Assert.Throws<NonFiniteLossException>(
            () => new NetworkTrainer(network, new SoftmaxCrossEntropyLoss(10), options).Train(x, y, n));
        Assert.InRange(error.Step, 2, 100);
        Assert.Contains($"at step {error.Step}", error.Message);
        Assert.Contains("Lower LearningRate", error.Message);
    }

    [Fact]
    public void Architecture_ThatDoesNotFit_NamesTheLayerAndShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => new Network(Digit,
            [LayerSpec.Convolution(4, 3), LayerSpec.MaxPool(2), LayerSpec.Convolution(4, 5), LayerSpec.Dense(10)]));
        Assert.Contains("Architecture layer 3", error.Message);
        Assert.Contains("does not fit its input 4×3×3", error.Message);
        Assert.Contains("kernel 5×5 is larger than the padded input 3×3", error.Message);
        Assert.Throws<ArgumentException>(() => new Network(Digit, []));
    }

    [Fact]
    public void DefaultLeNet_FitsSmallAndLargeImages()
    {
        Assert.Equal(10, new Network(Digit, NetworkArchitecture.BinarizedLeNet5(Digit, 10)).OutputSize);
        var mnist = new TensorShape(1, 28, 28);
        var lenet = new Network(mnist, NetworkArchitecture.BinarizedLeNet5(mnist, 10));
        // LeNet-5's classic shapes: 16×5×5 = 400 features into the first dense layer.
        Assert.Contains(lenet.Layers, l => l.Describe() == "Dense 400 → 120");
    }

    [Fact]
    public void WiderLeNet_ScalesEveryHiddenLayer_AndWidthOneIsLeNet5()
    {
        var mnist = new TensorShape(1, 28, 28);
        string[] Describe(IReadOnlyList<LayerSpec> specs) => [.. new Network(mnist, specs).Layers.Select(l => l.Describe())];
        Assert.Equal(Describe(NetworkArchitecture.BinarizedLeNet5(mnist, 10)), Describe(NetworkArchitecture.BinarizedLeNet5(mnist, 10, width: 1)));

        var wide = new Network(mnist, NetworkArchitecture.BinarizedLeNet5(mnist, 10, width: 2));
        // 12 and 32 filters, 240 and 168 units: 32×5×5 = 800 features into the first dense layer.
        Assert.Contains(wide.Layers, l => l.Describe() == "Dense 800 → 240");
        Assert.Contains(wide.Layers, l => l.Describe() == "Dense 240 → 168");
        Assert.Contains(wide.Layers, l => l.Describe() == "Dense 168 → 10");
        // Weights: conv 1·12·25, conv 12·32·25, dense 800·240, 240·168, 168·10 (+ biases and batch norm).
        long weights = 12 * 25 + 12 * 32 * 25 + 800 * 240 + 240 * 168 + 168 * 10;
        Assert.InRange(wide.Parameters.Sum(p => (long)p.Values.Length), weights, weights + 2_000);

        foreach (double bad in new[] { 0.2, 17, double.NaN })
            Assert.Equal("width", Assert.Throws<ArgumentOutOfRangeException>(() => NetworkArchitecture.BinarizedLeNet5(mnist, 10, width: bad)).ParamName);
    }

    [Fact]
    public void DefaultLeNet_FitsExactlyTheImagesWhoseSidesAreAtLeastTheMinimum()
    {
        bool Fits(int height, int width)
        {
            var shape = new TensorShape(1, height, width);
            try
            {
                _ = new Network(shape, NetworkArchitecture.BinarizedLeNet5(shape, 3));
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
        const int minimum = NetworkArchitecture.BinarizedLeNet5MinimumSide;
        // Both sides of the 16-pixel switch where the second convolution stops padding.
        foreach (int height in Enumerable.Range(1, 20))
            foreach (int width in Enumerable.Range(1, 20))
                Assert.True(Fits(height, width) == (height >= minimum && width >= minimum), $"{height}×{width}");
    }
}
