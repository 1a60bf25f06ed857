using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Networks.Training;
using MlNetSparse.Internals;
using MlNetSparse.Networks;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Integration;

/// <summary>The BinarizedCnn trainer in real ML.NET pipelines on the bundled 8×8 digits.</summary>
public class BinarizedCnnTrainerTests
{
    // Small enough to train in about a second on two cores, large enough to learn the digits.
    private static LayerSpec[] SmallNet() =>
    [
        LayerSpec.Convolution(6, 3, padding: 1), LayerSpec.BatchNorm(), LayerSpec.Binarized(CoarseGradient.ClippedRelu), LayerSpec.MaxPool(2),
        LayerSpec.Flatten(), LayerSpec.Dense(32), LayerSpec.BatchNorm(), LayerSpec.Binarized(CoarseGradient.ClippedRelu), LayerSpec.Dense(10),
    ];

    private static BinarizedCnnTrainer.Options Options(BinarizedCnnSparsification sparsification = BinarizedCnnSparsification.None) => new()
    {
        Architecture = SmallNet(), NumberOfEpochs = 6, BatchSize = 64, Sparsification = sparsification, Seed = 5,
    };

    private static IEstimator<ITransformer> Preparation(MLContext ml) =>
        ml.Transforms.NormalizeMinMax("Features", "Pixels").Append(ml.Transforms.Conversion.MapValueToKey("Label", "Digit"));

    [Fact]
    public void Digits_PassesConformance_AndLearns()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = DigitsData.Load(ml);
        var trainer = ml.MulticlassClassification.Trainers.BinarizedCnn(Options());

        ITransformer model = EstimatorConformance.Check(ml, Preparation(ml), trainer, data, "Score", "PredictedLabel");

        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(data));
        Assert.True(metrics.MicroAccuracy > 0.85, $"training accuracy {metrics.MicroAccuracy}");
    }

    [Fact]
    public void SavedModel_PredictsTheSame_InAFreshContext_WithPredictionEngine()
    {
        var ml = new MLContext(seed: 2);
        IDataView data = DigitsData.Load(ml);
        ITransformer model = Preparation(ml).Append(ml.MulticlassClassification.Trainers.BinarizedCnn(Options(BinarizedCnnSparsification.L0))).Fit(data);
        string path = Path.Combine(Path.GetTempPath(), $"mlnetsparse-cnn-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, data.Schema, path);
            var fresh = new MLContext();
            ITransformer loaded = fresh.Model.Load(path, out _);
            var before = ml.Model.CreatePredictionEngine<DigitImage, DigitPrediction>(model);
            var after = fresh.Model.CreatePredictionEngine<DigitImage, DigitPrediction>(loaded);
            foreach (DigitImage image in ml.Data.CreateEnumerable<DigitImage>(data, reuseRowObject: false).Take(200))
            {
                DigitPrediction a = before.Predict(image), b = after.Predict(image);
                Assert.Equal(a.PredictedLabel, b.PredictedLabel);
                Assert.Equal(a.Score, b.Score);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Rvscgd_ReportsSparsityPerLayer_AndTheSparseModelIsWhatIsSaved()
    {
        var ml = new MLContext(seed: 3);
        IDataView data = Preparation(ml).Fit(DigitsData.Load(ml)).Transform(DigitsData.Load(ml));
        BinarizedCnnTransformer model = ml.MulticlassClassification.Trainers.BinarizedCnn(Options(BinarizedCnnSparsification.L0)).Fit(data);

        BinarizedCnnTrainingReport report = model.Report;
        Assert.True(report.Sparsified);
        Assert.Equal(3, report.Layers.Count);
        Assert.True(report.Sparsity > 0.2, $"sparsity {report.Sparsity}");
        Assert.All(report.Epochs, e => Assert.NotNull(e.Lagrangian));
        Assert.Equal(6, report.Epochs.Count);
        Assert.Equal(1797, report.RowsUsed);
        // The last layer is ML.NET's softmax model: its stored weights have the reported nonzeros.
        var linear = (MulticlassPredictionTransformer<Microsoft.ML.Trainers.MaximumEntropyModelParameters>)model.Model.Last();
        VBuffer<float>[] weights = [];
        linear.Model.GetWeights(ref weights, out _);
        Assert.Equal(report.Layers[^1].Nonzeros, weights.Sum(w => w.DenseValues().Count(v => v != 0)));
        // The summary counts the same sparse weights, layer by layer, and the model gives the report's summary.
        LayerSummary[] weighted = [.. report.Summary.Layers.Where(l => l.Weights > 0)];
        Assert.Equal(report.Layers.Select(l => ((long)l.Count, (long)l.Nonzeros)), weighted.Select(l => (l.Weights, l.NonzeroWeights)));
        Assert.Equal((report.WeightCount, report.Nonzeros), (report.Summary.Totals.Weights, report.Summary.Totals.NonzeroWeights));
        Assert.True(report.Summary.Totals.SparseBytes < report.Summary.Totals.Float32Bytes, "a bitmap pays at this sparsity");
        Assert.Same(report.Summary, model.Summary);
    }

    [Fact]
    public void Lambda_DefaultsToThePenaltysOwn_UntilSet_WhateverTheOrderOfTheSettings()
    {
        // One λ zeroes very different fractions per penalty, so each has its default; a λ the user sets always wins.
        var defaults = new Dictionary<BinarizedCnnSparsification, double>
        {
            [BinarizedCnnSparsification.L0] = BinarizedCnnTrainer.Options.Defaults.L0Lambda,
            [BinarizedCnnSparsification.L1] = BinarizedCnnTrainer.Options.Defaults.L1Lambda,
            [BinarizedCnnSparsification.TransformedL1] = BinarizedCnnTrainer.Options.Defaults.TransformedL1Lambda,
        };
        foreach (var (penalty, lambda) in defaults)
        {
            Assert.Equal(lambda, new BinarizedCnnTrainer.Options { Sparsification = penalty }.Lambda);
            Assert.Equal(lambda, BinarizedCnnTrainer.Options.Defaults.LambdaFor(penalty));
            Assert.Equal(0.02, new BinarizedCnnTrainer.Options { Lambda = 0.02, Sparsification = penalty }.Lambda);
            Assert.Equal(0.02, new BinarizedCnnTrainer.Options { Sparsification = penalty, Lambda = 0.02 }.Lambda);
        }
        // For one threshold t < 2β: ℓ0's λ = β·t²/2 is below ℓ1's λ = β·t.
        Assert.True(defaults[BinarizedCnnSparsification.L0] < defaults[BinarizedCnnSparsification.L1]);
    }

    [Theory]
    [InlineData(BinarizedCnnSparsification.L0, false)]
    [InlineData(BinarizedCnnSparsification.L1, false)]
    [InlineData(BinarizedCnnSparsification.TransformedL1, false)]
    [InlineData(BinarizedCnnSparsification.TransformedL1, true)]
    public void TargetSparsity_GivesExactlyThatFractionZero_InTheModelSavedAndLoadedFresh(BinarizedCnnSparsification penalty, bool perLayer)
    {
        var ml = new MLContext(seed: 8);
        IDataView data = DigitsData.Load(ml);
        BinarizedCnnTrainer.Options options = Options(penalty);
        options.NumberOfEpochs = 2;
        options.TargetSparsity = 0.9;
        options.TargetSparsityPerLayer = perLayer;
        options.TargetSparsityRampEpochs = 1;
        var steps = new List<BinarizedCnnProgress>();
        options.Progress = new SynchronousProgress(p => { if (p.Completed is null) steps.Add(p); });
        var model = Preparation(ml).Append(ml.MulticlassClassification.Trainers.BinarizedCnn(options)).Fit(data);
        BinarizedCnnTrainingReport report = model.LastTransformer.Report;

        // round(0.9·n) zeros: over all 54 + 3,072 + 320 weights together, or in each layer on its own.
        static long Zeros(long count) => (long)Math.Round(0.9 * count, MidpointRounding.AwayFromZero);
        if (perLayer)
            Assert.All(report.Layers, l => Assert.Equal(Zeros(l.Count), l.Count - l.Nonzeros));
        else
            Assert.Equal(Zeros(report.WeightCount), report.WeightCount - report.Nonzeros);
        // The λ each epoch found is reported: one for all layers, or one per layer.
        Assert.All(report.Epochs, e => Assert.Equal(perLayer, e.Lambda is null));
        Assert.All(report.Layers, l => Assert.True(l.Lambda > 0, $"{l.Name}: λ {l.Lambda}"));
        // Each step's progress has its λ; an epoch's last step, the λ of the epoch's record. The ramp raises λ at first.
        Assert.All(steps, p => Assert.Equal(perLayer, p.Lambda is null));
        if (!perLayer)
        {
            Assert.All(report.Epochs, e => Assert.Equal(e.Lambda, steps.Last(p => p.Epoch == e.Epoch).Lambda));
            Assert.True(steps[0].Lambda < steps[steps.Count / 2].Lambda, $"λ {steps[0].Lambda} at the first step, {steps[steps.Count / 2].Lambda} half-way");
        }

        string path = Path.Combine(Path.GetTempPath(), $"mlnetsparse-cnn-target-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, data.Schema, path);
            ITransformer loaded = new MLContext().Model.Load(path, out _);
            // The zip holds ML.NET's own types only: the last layer is a softmax model with the reported nonzeros.
            var linear = Flatten(loaded).OfType<MulticlassPredictionTransformer<Microsoft.ML.Trainers.MaximumEntropyModelParameters>>().Single();
            VBuffer<float>[] weights = [];
            linear.Model.GetWeights(ref weights, out _);
            Assert.Equal(report.Layers[^1].Nonzeros, weights.Sum(w => w.DenseValues().Count(v => v != 0)));
            Assert.Equal(model.Transform(data).GetColumn<uint>("PredictedLabel"), loaded.Transform(data).GetColumn<uint>("PredictedLabel"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer transformer) => transformer is IEnumerable<ITransformer> chain
        ? chain.SelectMany(Flatten)
        : [transformer];

    [Fact]
    public void ExportedOnnx_GivesTheModelsProbabilities()
    {
        var ml = new MLContext(seed: 4);
        IDataView data = Preparation(ml).Fit(DigitsData.Load(ml)).Transform(DigitsData.Load(ml));
        BinarizedCnnTransformer model = ml.MulticlassClassification.Trainers.BinarizedCnn(Options()).Fit(data);
        using var onnx = new MemoryStream();
        model.ExportOnnx(onnx);

        float[][] features = data.GetColumn<VBuffer<float>>("Features").Take(20).Select(v => v.DenseValues().ToArray()).ToArray();
        float[][] scores = model.Transform(data).GetColumn<VBuffer<float>>("Score").Take(20).Select(v => v.DenseValues().ToArray()).ToArray();
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(onnx.ToArray());
        var input = new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>(features.SelectMany(f => f).ToArray(), [20, 64]);
        using var results = session.Run([Microsoft.ML.OnnxRuntime.NamedOnnxValue.CreateFromTensor("input", input)]);
        float[] probabilities = results.First().AsEnumerable<float>().ToArray();
        for (int n = 0; n < 20; n++)
            for (int c = 0; c < 10; c++)
                Assert.Equal(scores[n][c], probabilities[n * 10 + c], 1e-5f);
    }

    public static TheoryData<string, Action<BinarizedCnnTrainer.Options>> BadOptions => new()
    {
        { "image shape 1×8×9 (ImageChannels × ImageHeight × ImageWidth) holds 72 values, but feature column 'Features' has 64", o => { o.ImageHeight = 8; o.ImageWidth = 9; } },
        { "Architecture must end with LayerSpec.Dense(10)", o => o.Architecture = [LayerSpec.Flatten(), LayerSpec.Dense(7)] },
        { "Architecture layer 1", o => o.Architecture = [LayerSpec.Convolution(4, 9), LayerSpec.Dense(10)] },
        { "kernel 9×9 is larger than the padded input 8×8", o => o.Architecture = [LayerSpec.Convolution(4, 9), LayerSpec.Dense(10)] },
    };

    [Fact]
    public void Width_OutsideItsRange_OrBesideAnArchitectureOfYourOwn_IsOneErrorNamingIt()
    {
        var ml = new MLContext(seed: 5);
        foreach (Action<BinarizedCnnTrainer.Options> spoil in new Action<BinarizedCnnTrainer.Options>[]
                 { o => o.Width = 0.2, o => o.Width = double.NaN, o => { o.Width = 2; o.Architecture = [LayerSpec.Flatten(), LayerSpec.Dense(10)]; } })
        {
            BinarizedCnnTrainer.Options options = Options();
            spoil(options);
            var error = Assert.ThrowsAny<ArgumentException>(() => ml.MulticlassClassification.Trainers.BinarizedCnn(options));
            Assert.Equal(nameof(BinarizedCnnTrainer.Options.Width), error.ParamName);
        }
    }

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void BadShapes_AreRejectedWithTheOptionAndSizes(string message, Action<BinarizedCnnTrainer.Options> spoil)
    {
        var ml = new MLContext(seed: 5);
        IDataView data = Preparation(ml).Fit(DigitsData.Load(ml)).Transform(DigitsData.Load(ml));
        BinarizedCnnTrainer.Options options = Options();
        spoil(options);
        var error = Assert.ThrowsAny<ArgumentException>(() => ml.MulticlassClassification.Trainers.BinarizedCnn(options).Fit(data));
        Assert.Contains(message, error.Message);
    }

    public static TheoryData<string, Action<BinarizedCnnTrainer.Options>> BadValues => new()
    {
        // Each option's own range: the theory generated from BinarizedCnnTrainer.Options.Table (TrainerOptionTableTests).
        { "ImageHeight and ImageWidth must both be set", o => o.ImageHeight = 8 },
        { "LearningRateDropEpochs apply to the Step learning-rate schedule only; got 1 with LearningRateSchedule Cosine.",
            o => { o.LearningRateSchedule = LearningRateScheduleKind.Cosine; o.LearningRateDropEpochs = [3]; } },
        { "TargetSparsity (0.9) needs Sparsification L0, L1 or TransformedL1, the penalty whose λ it finds; got None.", o => o.TargetSparsity = 0.9 },
        { "TargetSparsityRampEpochs must be in [0, NumberOfEpochs = 6]; got 7.",
            o => { o.Sparsification = BinarizedCnnSparsification.L0; o.TargetSparsity = 0.9; o.TargetSparsityRampEpochs = 7; } },
    };

    [Fact]
    public void AdamOnACosineSchedule_ReachesTheNetworkTrainer_AndTheReportHasEachEpochsRate()
    {
        var ml = new MLContext(seed: 7);
        IDataView data = Preparation(ml).Fit(DigitsData.Load(ml)).Transform(DigitsData.Load(ml));
        BinarizedCnnTrainer.Options options = Options();
        options.NumberOfEpochs = 3;
        options.Optimizer = NetworkOptimizer.Adam;
        options.LearningRate = 0.003;
        options.LearningRateSchedule = LearningRateScheduleKind.Cosine;
        options.NumberOfThreads = 1;

        using BinarizedCnnTransformer cosine = ml.MulticlassClassification.Trainers.BinarizedCnn(options).Fit(data);
        options.LearningRateSchedule = LearningRateScheduleKind.Step;
        using BinarizedCnnTransformer constant = ml.MulticlassClassification.Trainers.BinarizedCnn(options).Fit(data);

        Assert.Equal(Enumerable.Range(0, 3).Select(e => 0.003 * (1 + Math.Cos(Math.PI * e / 3)) / 2), cosine.Report.Epochs.Select(e => e.LearningRate));
        Assert.All(constant.Report.Epochs, e => Assert.Equal(0.003, e.LearningRate));
        // The same first epoch (same η, same seed), then different rates: different models.
        Assert.Equal(constant.Report.Epochs[0].MeanLoss, cosine.Report.Epochs[0].MeanLoss);
        Assert.NotEqual(constant.Report.Epochs[^1].MeanLoss, cosine.Report.Epochs[^1].MeanLoss);
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void BadValues_AreRejectedWhenTheTrainerIsCreated(string message, Action<BinarizedCnnTrainer.Options> spoil)
    {
        var ml = new MLContext();
        BinarizedCnnTrainer.Options options = Options();
        spoil(options);
        var error = Assert.ThrowsAny<ArgumentException>(() => ml.MulticlassClassification.Trainers.BinarizedCnn(options));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void RowsWithMissingPixels_AreSkippedAndCounted()
    {
        var ml = new MLContext(seed: 6);
        var rows = ml.Data.CreateEnumerable<DigitImage>(DigitsData.Load(ml), reuseRowObject: false).Take(300).ToArray();
        rows[3].Pixels[10] = float.NaN;
        rows[8].Pixels[0] = float.NaN;
        IDataView data = Preparation(ml).Fit(ml.Data.LoadFromEnumerable(rows)).Transform(ml.Data.LoadFromEnumerable(rows));
        var messages = new List<string>();
        ml.Log += (_, e) => messages.Add(e.Message);

        BinarizedCnnTransformer model = ml.MulticlassClassification.Trainers.BinarizedCnn(Options()).Fit(data);

        Assert.Equal(298, model.Report.RowsUsed);
        Assert.Equal(2, model.Report.RowsSkipped);
        Assert.Contains(messages, m => m.Contains("Skipped 2 of 300 rows"));
        Assert.Contains(messages, m => m.Contains("Epoch 6/6: mean loss"));
    }

    [Fact]
    public void ALearningRateThatMakesTheLossExplode_IsWarnedOf_NamingTheOption_AndTheDefaultIsNot()
    {
        List<string> Warnings(double learningRate)
        {
            var ml = new MLContext(seed: 6);
            var rows = ml.Data.CreateEnumerable<DigitImage>(DigitsData.Load(ml), reuseRowObject: false).Take(300).ToArray();
            IDataView data = Preparation(ml).Fit(ml.Data.LoadFromEnumerable(rows)).Transform(ml.Data.LoadFromEnumerable(rows));
            var warnings = new List<string>();
            ml.Log += (_, e) => { if (e.Kind == Microsoft.ML.Runtime.ChannelMessageKind.Warning) lock (warnings) warnings.Add(e.RawMessage); };
            BinarizedCnnTrainer.Options options = Options();
            (options.NumberOfEpochs, options.LearningRate) = (3, learningRate);
            ml.MulticlassClassification.Trainers.BinarizedCnn(options).Fit(data);
            return warnings;
        }

        string diverged = Assert.Single(Warnings(1e3), w => w.StartsWith("The training diverged", StringComparison.Ordinal));
        Assert.Contains("above ln 10 = 2.3, the loss of giving every class the same probability", diverged);
        Assert.EndsWith("lower LearningRate (now 1E+03), for example tenfold.", diverged);
        Assert.DoesNotContain(Warnings(BinarizedCnnTrainer.Options.Defaults.LearningRate), w => w.Contains("diverged", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new[] { 2.35, 2.20, 1.90 }, false)]   // learning: falls below ln 10
    [InlineData(new[] { 2.35 }, false)]               // one epoch just above ln 10, as an untrained net starts
    [InlineData(new[] { 2.39, 2.24, 2.40 }, true)]    // ends above ln 10, and higher than it started
    [InlineData(new[] { 6.0, 14.3, 8.3 }, true)]      // falling again, but still confidently wrong (> 2 ln 10)
    [InlineData(new[] { 4.2e5 }, true)]               // exploded in the first epoch
    [InlineData(new[] { 3.0, 2.5 }, false)]           // above ln 10 but falling, under 2 ln 10
    public void Divergence_IsALastLossAboveTheUniformGuess_ThatRoseOrIsTwiceIt(double[] losses, bool diverged)
    {
        EpochRecord[] epochs = [.. losses.Select((loss, i) => new EpochRecord(i + 1, loss, null, 0.01, 0.1, []))];
        Assert.Equal(diverged, LossDivergence.Warning(epochs, classCount: 10, learningRate: 0.01) is not null);
    }

    [Fact]
    public void CancelExecution_StopsTraining()
    {
        var ml = new MLContext(seed: 7);
        IDataView data = Preparation(ml).Fit(DigitsData.Load(ml)).Transform(DigitsData.Load(ml));
        BinarizedCnnTrainer.Options options = Options();
        options.NumberOfEpochs = 1000;
        int steps = 0;
        options.Progress = new SynchronousProgress(p =>
        {
            if (++steps == 5)
                MlNetInternals.CancelExecution(ml);
        });
        Assert.ThrowsAny<OperationCanceledException>(() => ml.MulticlassClassification.Trainers.BinarizedCnn(options).Fit(data));
        Assert.InRange(steps, 5, 6);
    }

    private sealed class SynchronousProgress(Action<BinarizedCnnProgress> report) : IProgress<BinarizedCnnProgress>
    {
        public void Report(BinarizedCnnProgress value) => report(value);
    }

    public sealed class DigitImage
    {
        [VectorType(64)]
        public float[] Pixels { get; set; } = [];

        public float Digit { get; set; }
    }

    public sealed class DigitPrediction
    {
        public uint PredictedLabel { get; set; }

        public float[] Score { get; set; } = [];
    }
}
