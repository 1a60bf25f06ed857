using Microsoft.ML;
using Microsoft.ML.Trainers;
using MlNetSparse.Internals;
using MlNetSparse.Tests.TestData;
using MlNetSparse.Trainers;

namespace MlNetSparse.Tests.Integration;

public class CancellationAndLoggingTests
{
    [Fact]
    public void CancelExecution_DuringTraining_StopsFitWithOperationCanceled()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = PreparedIris(ml);
        var trainer = ml.MulticlassClassification.Trainers.SparseIht(new SparseIhtMulticlassTrainer.Options
        {
            Sparsity = 5, MaximumNumberOfIterations = 1_000_000, OptimizationTolerance = 0, CompareWithDenseOptimum = false,
        });
        int iterationMessages = 0;
        ml.Log += (_, e) =>
        {
            if (e.Message.Contains("iteration 1:") && Interlocked.Increment(ref iterationMessages) == 1)
                MlNetInternals.CancelExecution(ml); // what Microsoft.ML.Experimental's mlContext.CancelExecution() calls
        };

        Assert.ThrowsAny<OperationCanceledException>(() => trainer.Fit(data));
        Assert.Equal(1, iterationMessages);
    }

    [Fact]
    public void Training_ReportsItsStepsThroughMLContextLog()
    {
        var ml = new MLContext(seed: 2);
        var messages = new List<string>();
        ml.Log += (_, e) => { lock (messages) messages.Add(e.RawMessage); };

        ml.MulticlassClassification.Trainers.SparseIht(sparsity: 4).Fit(PreparedIris(ml));

        Assert.Contains(messages, m => m.StartsWith("Training sparse IHT (MulticlassClassification): 150 rows, 4 features"));
        Assert.Contains(messages, m => m.StartsWith("Estimated L̂₂ₛ = "));
        Assert.Contains(messages, m => m.Contains("IHT (s = 4) iteration 1: loss"));
        Assert.Contains(messages, m => m.StartsWith("IHT stopped after ") && m.Contains("Certificate: "));
    }

    [Fact]
    public void RawIrisFeatures_GetAnUncentredWarning()
    {
        var ml = new MLContext(seed: 3);
        var warnings = new List<string>();
        ml.Log += (_, e) => { if (e.Kind == Microsoft.ML.Runtime.ChannelMessageKind.Warning) lock (warnings) warnings.Add(e.RawMessage); };
        IDataView raw = ml.Transforms.Concatenate("Features", BundledData.IrisFeatures)
            .Append(ml.Transforms.Conversion.MapValueToKey("Label", "Species"))
            .Fit(BundledData.Iris(ml)).Transform(BundledData.Iris(ml));

        ml.MulticlassClassification.Trainers.SparseIht(sparsity: 4).Fit(raw);

        Assert.Contains(warnings, w => w.StartsWith("4 of 4 features in 'Features' are not centred"));
    }

    private static IDataView PreparedIris(MLContext ml)
        => BundledData.IrisPreparation(ml).Fit(BundledData.Iris(ml)).Transform(BundledData.Iris(ml));
}
