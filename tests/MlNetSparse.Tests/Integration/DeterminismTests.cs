using Microsoft.ML.Data;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using MlNetSparse.Core.Training;
using MlNetSparse.Tests.TestData;
using MlNetSparse.Trainers;

namespace MlNetSparse.Tests.Integration;

public class DeterminismTests
{
    [Fact]
    public void SameMLContextSeed_GivesTheSameModelBitForBit_EvenWithARandomStart()
    {
        (float[] Parameters, SparseIhtTrainingReport Report) Train(int seed)
        {
            var ml = new MLContext(seed);
            IDataView data = BundledData.IrisPreparation(ml).Fit(BundledData.Iris(ml)).Transform(BundledData.Iris(ml));
            var model = ml.MulticlassClassification.Trainers.SparseIht(new SparseIhtMulticlassTrainer.Options
            {
                Sparsity = 6, Initialization = SparseStartKind.RandomSparse,
            }).Fit(data);
            return (ModelInspection.Parameters(model.Model), model.GetSparseIhtReport());
        }

        var first = Train(17);
        var second = Train(17);
        var other = Train(18);

        Assert.Equal(first.Parameters, second.Parameters);
        Assert.Equal(first.Report.LossHistory, second.Report.LossHistory);
        Assert.Equal((first.Report.InitializationSeed, first.Report.SupportSeed, first.Report.MonteCarloSeed),
            (second.Report.InitializationSeed, second.Report.SupportSeed, second.Report.MonteCarloSeed));
        Assert.NotEqual((first.Report.InitializationSeed, first.Report.SupportSeed), (other.Report.InitializationSeed, other.Report.SupportSeed));
    }

    [Fact]
    public void ExplicitSeeds_ReproduceARun_WhateverTheMLContextSeed()
    {
        float[] Train(int contextSeed)
        {
            var ml = new MLContext(contextSeed);
            IDataView data = BundledData.IrisPreparation(ml).Fit(BundledData.Iris(ml)).Transform(BundledData.Iris(ml));
            return ModelInspection.Parameters(ml.MulticlassClassification.Trainers.SparseIht(new SparseIhtMulticlassTrainer.Options
            {
                Sparsity = 7, Initialization = SparseStartKind.RandomSparse, InitializationSeed = 21, SupportSeed = 84, MonteCarloSeed = 42,
            }).Fit(data).Model);
        }

        Assert.Equal(Train(1), Train(2));
    }

    [Fact]
    public void FixingOneSeed_LeavesTheSeedsDrawnForTheOthersUnchanged()
    {
        SparseIhtTrainingReport Train(int? initializationSeed)
        {
            var ml = new MLContext(seed: 5);
            IDataView data = BundledData.IrisPreparation(ml).Fit(BundledData.Iris(ml)).Transform(BundledData.Iris(ml));
            return ml.MulticlassClassification.Trainers.SparseIht(new SparseIhtMulticlassTrainer.Options
            {
                Sparsity = 6, InitializationSeed = initializationSeed, CompareWithDenseOptimum = false, MaximumNumberOfIterations = 10,
            }).Fit(data).GetSparseIhtReport();
        }

        SparseIhtTrainingReport drawn = Train(null), fixedInit = Train(12345);
        Assert.Equal(12345, fixedInit.InitializationSeed);
        Assert.Equal(drawn.SupportSeed, fixedInit.SupportSeed);
        Assert.Equal(drawn.MonteCarloSeed, fixedInit.MonteCarloSeed);
    }
}
