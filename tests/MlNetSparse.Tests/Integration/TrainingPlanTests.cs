using Microsoft.ML;
using Microsoft.ML.Runtime;
using MlNetSparse.Core.Training;
using MlNetSparse.Data;
using MlNetSparse.Tests.TestData;
using MlNetSparse.Trainers;

namespace MlNetSparse.Tests.Integration;

/// <summary>
/// The training plan is chosen once from the options: single s or path × full batch or mini-batch ×
/// cached or streamed; combinations that cannot run are rejected before any row is read.
/// </summary>
public class TrainingPlanTests
{
    [Theory]
    [InlineData(false, 0, 0)]
    [InlineData(false, 16, 16)]
    [InlineData(true, 0, 0)]
    [InlineData(true, 16, 0)] // every s of a path is trained full-batch
    public void ThePlan_FollowsTheOptions(bool path, int miniBatchSize, int initialBatch)
    {
        var plan = TrainingPlan.Choose(new SparseIhtRegressionTrainer.Options
        {
            Sparsity = 2, SparsityPath = path ? [] : null, MiniBatchSize = miniBatchSize, MiniBatchGrowth = 1.5,
            DataCaching = SparseIhtDataCaching.InMemory,
        });
        // A path is cross-validated by default (NumberOfFolds = 5).
        Assert.Equal(path ? TrainingTarget.CrossValidatedSparsityPath : TrainingTarget.SingleSparsity, plan.Target);
        Assert.Equal(initialBatch, plan.Batches?.InitialSize ?? 0);
        if (plan.Batches is { } batches)
            Assert.Equal(1.5, batches.Growth);
        Assert.Equal(SparseIhtDataCaching.InMemory, plan.Caching);
    }

    [Theory]
    [InlineData(1, SparsitySelectionRule.Minimum, false)]
    [InlineData(1, SparsitySelectionRule.ExtendedBic, true)]
    [InlineData(3, SparsitySelectionRule.OneStandardError, true)]
    public void OneFold_IsTheHeldOutSplit_AndTheRestCrossValidate(int folds, SparsitySelectionRule rule, bool crossValidated)
    {
        var plan = TrainingPlan.Choose(new SparseIhtRegressionTrainer.Options { SparsityPath = [], NumberOfFolds = folds, PathSelectionRule = rule });
        Assert.Equal(crossValidated ? TrainingTarget.CrossValidatedSparsityPath : TrainingTarget.SparsityPath, plan.Target);
    }

    [Fact]
    public void APathOnStreamedRows_IsRejectedWhenTheTrainerIsCreated_NamingBothOptions()
    {
        var ml = new MLContext(seed: 1);
        var error = Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.SparseIht(
            new SparseIhtRegressionTrainer.Options { SparsityPath = [1, 2], DataCaching = SparseIhtDataCaching.Streaming }));
        Assert.Equal(nameof(SparseIhtOptionsBase.SparsityPath), error.ParamName);
        Assert.Contains("SparsityPath needs the training rows in memory, but DataCaching is Streaming", error.Message);
    }

    [Fact]
    public void APathOnRowsOverTheAutoBudget_IsRejectedOnceTheirSizeIsKnown_NotStreamed()
    {
        var ml = new MLContext(seed: 1);
        using IChannel channel = ((IChannelProvider)ml).Start("test");
        IDataView rows = ml.Data.LoadFromEnumerable(new GeneratedRows(3000));
        // 3000 dense rows of 8 features take 132,000 bytes.
        var error = Assert.Throws<InvalidOperationException>(() => TrainingData.Load(rows, new TrainingColumns("Features", "Label", null),
            new LabelReader.Real(), ml, SparseIhtDataCaching.Auto, channel, inMemoryRequiredBy: "SparsityPath", budget: 50_000));
        Assert.Contains("SparsityPath needs the training rows in memory", error.Message);
        Assert.Contains("DataCaching", error.Message);
    }
}
