using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Networks.Training;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core.Networks;

/// <summary>The learning-rate schedules against their closed forms, and the rates a training run records.</summary>
public class LearningRateScheduleTests
{
    [Fact]
    public void Step_MultipliesByTheFactorAfterEachDropEpoch()
    {
        var schedule = new StepLearningRateSchedule(0.1, [2, 4], 0.5);
        Assert.Equal([0.1, 0.1, 0.05, 0.05, 0.025, 0.025], Enumerable.Range(0, 6).Select(schedule.At));
        Assert.All(Enumerable.Range(0, 6), e => Assert.Equal(0.1, new StepLearningRateSchedule(0.1, [], 0.5).At(e)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(10)]
    public void Cosine_IsHalfACosineFromEtaToZeroOverTheEpochs(int epochs)
    {
        const double eta = 0.02;
        var schedule = new CosineLearningRateSchedule(eta, epochs);
        for (int e = 0; e < epochs; e++)
            Assert.Equal(eta * (1 + Math.Cos(Math.PI * e / epochs)) / 2, schedule.At(e), 15);
        // The formula's landmarks: η at the start, η/2 half-way, decreasing, and still > 0 in the last epoch.
        Assert.Equal(eta, schedule.At(0));
        Assert.Equal(eta / 2, new CosineLearningRateSchedule(eta, 2 * epochs).At(epochs), 15);
        Assert.All(Enumerable.Range(1, epochs - 1), e => Assert.True(schedule.At(e) < schedule.At(e - 1)));
        Assert.True(schedule.At(epochs - 1) > 0);
    }

    [Fact]
    public void Cosine_OverFourEpochs_GivesTheKnownRates()
    {
        // (1 + cos(πe/4))/2 for e = 0..3: 1, (2 + √2)/4, 1/2, (2 − √2)/4.
        var schedule = new CosineLearningRateSchedule(1, 4);
        double[] expected = [1, (2 + Math.Sqrt(2)) / 4, 0.5, (2 - Math.Sqrt(2)) / 4];
        for (int e = 0; e < 4; e++)
            Assert.Equal(expected[e], schedule.At(e), 15);
    }

    [Fact]
    public void Options_CreateTheScheduleTheirKindNames_StepByDefault()
    {
        var options = new NetworkTrainingOptions { LearningRate = 0.3, Epochs = 7, LearningRateDropEpochs = [3], LearningRateDropFactor = 0.2 };
        Assert.Equal(LearningRateScheduleKind.Step, options.LearningRateSchedule);
        Assert.Equal(new StepLearningRateSchedule(0.3, options.LearningRateDropEpochs, 0.2), options.CreateSchedule());
        options.LearningRateDropEpochs = [];
        options.LearningRateSchedule = LearningRateScheduleKind.Cosine;
        Assert.Equal(new CosineLearningRateSchedule(0.3, 7), options.CreateSchedule());
        Assert.Equal(0.3 * (1 + Math.Cos(Math.PI * 3 / 7)) / 2, options.LearningRateAt(3), 15);
    }

    [Fact]
    public void Training_RecordsEachEpochsRate_FromTheSchedule()
    {
        var (x, y, n) = DigitsData.Load(64);
        var network = new Network(new TensorShape(1, 8, 8), [LayerSpec.Flatten(), LayerSpec.Dense(10)], seed: 1);
        var options = new NetworkTrainingOptions
        {
            Epochs = 5, BatchSize = 32, LearningRate = 0.05, Optimizer = NetworkOptimizer.Adam, LearningRateSchedule = LearningRateScheduleKind.Cosine, Seed = 2,
        };

        NetworkTrainingResult result = new NetworkTrainer(network, new SoftmaxCrossEntropyLoss(10), options).Train(x, y, n);

        Assert.Equal(Enumerable.Range(0, 5).Select(e => 0.05 * (1 + Math.Cos(Math.PI * e / 5)) / 2), result.Epochs.Select(r => r.LearningRate));
    }
}
