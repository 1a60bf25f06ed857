using System.Globalization;
using System.Text.Json;
using MlNetSparse.Networks;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetSparse.Cli.Data;
using MlNetSparse.Tests.TestData;
using MlNetSparse.DataFiles;

namespace MlNetSparse.Tests.Cli;

/// <summary>`mlnet-sparse train --trainer cnn`: the digits as 8×8 images through the binarized CNN, a zip `predict` reads, and its user errors.</summary>
public class TrainCnnCommandTests
{
    private static readonly string Digits = BundledData.PathOf("digits.csv");

    [Fact]
    public void Digits_TrainsTwoEpochs_PrintsLayersAndEpochs_AndPredictGivesTheZipsPredictions()
    {
        string zip = Path.Combine(InspectTestModels.NewFolder(), "digits.zip");
        (int code, string stdout, string stderr) = InspectTestModels.Run("train", "--data", Digits, "--label", "Digit", "--trainer", "cnn", "--epochs", "2", "--output", zip);
        Assert.True(code == 0, stderr);
        Assert.Contains("read as 1×8×8 images", stdout);
        Assert.Contains("trained: 2 epochs, batches of 128, learning rate 0.01; dense (no sparsification)", stdout);
        Assert.Contains("MicroAccuracy", stdout);
        Assert.Contains("conv1.weight", stdout);
        // The summary: LeNet-5's first convolution, 6·25 weights + 6 biases, 150 · 8·8 MACs on the real image.
        Assert.Matches(@"(?m)^conv1\s+6×8×8\s+156\s+150/150\s+real → real\s+9,600\s+0\s", stdout);
        Assert.Matches(@"│\s+2 │\s+\d+\.\d{4} │", stdout);   // the second epoch's loss

        (code, string predictions, stderr) = InspectTestModels.Run("predict", zip, "--data", Digits);
        Assert.True(code == 0, stderr);
        string[] lines = predictions.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("PredictedLabel,Score.0,Score.1,Score.2,", lines[0]);
        // The same classes as the zip gives in ML.NET directly, row by row.
        var ml = new MLContext();
        IDataView data = DataFileInference.Infer(Digits).CreateLoader(ml).Load(Digits);
        float[] expected = [.. ml.Model.Load(zip, out _).Transform(data).GetColumn<float>("PredictedValue")];
        Assert.Equal(1797, expected.Length);
        Assert.Equal(expected, lines.Skip(1).Select(l => float.Parse(l.Split(',')[0], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Json_WithRvscgd_ReportsSparsifiedLayers_AndOneEpoch_AndPlotsTheLossAndTheLayersNonzeros()
    {
        string folder = InspectTestModels.NewFolder(), zip = Path.Combine(folder, "digits.zip");
        (int code, string stdout, string stderr) = InspectTestModels.Run("train", "--data", Digits, "--label", "Digit", "--trainer", "cnn",
            "--image", "1x8x8", "--epochs", "1", "--sparsification", "l0", "--output", zip, "--json", "--plot", folder);
        Assert.True(code == 0, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        JsonElement root = json.RootElement;
        Assert.True(root.GetProperty("sparsified").GetBoolean());
        Assert.Single(root.GetProperty("epochs").EnumerateArray());
        long nonzeros = root.GetProperty("layers").EnumerateArray().Sum(l => l.GetProperty("nonzeros").GetInt64());
        Assert.Equal(root.GetProperty("nonzeros").GetInt64(), nonzeros);
        // The summary counts the same sparse weights, over LeNet-5's 16 layers.
        JsonElement summary = root.GetProperty("summary");
        Assert.Equal(16, summary.GetProperty("layers").GetArrayLength());
        Assert.Equal(nonzeros, summary.GetProperty("totals").GetProperty("nonzeroWeights").GetInt64());
        Assert.Equal(root.GetProperty("weightCount").GetInt64(), summary.GetProperty("totals").GetProperty("weights").GetInt64());
        Assert.True(File.Exists(zip));
        PngFile.AssertSize(Path.Combine(folder, "loss.png"), 800, 500);
        PngFile.AssertSize(Path.Combine(folder, "weights.png"), 800, 500);
    }

    [Fact]
    public void TheTrainersOptions_AreUsedAndReported_AndALargerLambdaGivesASparserNetwork()
    {
        double Sparsity(string lambda, out JsonElement training)
        {
            string zip = Path.Combine(InspectTestModels.NewFolder(), "digits.zip");
            (int code, string stdout, string stderr) = InspectTestModels.Run("train", "--data", Digits, "--label", "Digit", "--trainer", "cnn",
                "--epochs", "2", "--batch-size", "64", "--learning-rate", "0.02", "--sparsification", "l0", "--lambda", lambda, "--beta", "2", "--output", zip, "--json");
            Assert.True(code == 0, stderr);
            using JsonDocument json = JsonDocument.Parse(stdout);
            training = json.RootElement.GetProperty("training").Clone();
            return json.RootElement.GetProperty("sparsity").GetDouble();
        }

        double sparse = Sparsity("0.01", out JsonElement training), light = Sparsity("0.0001", out _);

        Assert.Equal((2, 64, 0.02, "L0", 0.01, 2.0), (training.GetProperty("epochs").GetInt32(), training.GetProperty("batchSize").GetInt32(),
            training.GetProperty("learningRate").GetDouble(), training.GetProperty("sparsification").GetString(), training.GetProperty("lambda").GetDouble(),
            training.GetProperty("beta").GetDouble()));
        // ℓ0's threshold is √(2λ/β): 0.1 against 0.01, so far more weights fall under it.
        Assert.True(sparse > light + 0.2, $"sparsity {sparse} at λ = 0.01 vs {light} at λ = 0.0001");
    }

    [Theory]
    [InlineData("l0", BinarizedCnnTrainer.Options.Defaults.L0Lambda)]
    [InlineData("l1", BinarizedCnnTrainer.Options.Defaults.L1Lambda)]
    public void WithoutLambda_ThePenaltysDefaultIsUsed_AndTheJsonSaysWhich(string penalty, double expected)
    {
        string zip = Path.Combine(InspectTestModels.NewFolder(), "digits.zip");
        (int code, string stdout, string stderr) = InspectTestModels.Run("train", "--data", Digits, "--label", "Digit", "--trainer", "cnn",
            "--epochs", "1", "--sparsification", penalty, "--output", zip, "--json");
        Assert.True(code == 0, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        Assert.Equal(expected, json.RootElement.GetProperty("training").GetProperty("lambda").GetDouble());
    }

    [Fact]
    public void TheOptimizerScheduleAndThreadFlags_ReachTheTrainer_AndTheJsonShowsTheValuesUsed()
    {
        JsonElement Train(params string[] flags)
        {
            string zip = Path.Combine(InspectTestModels.NewFolder(), "digits.zip");
            (int code, string stdout, string stderr) = InspectTestModels.Run(["train", "--data", Digits, "--label", "Digit", "--trainer", "cnn",
                "--epochs", "4", "--output", zip, "--json", .. flags]);
            Assert.True(code == 0, stderr);
            using JsonDocument json = JsonDocument.Parse(stdout);
            return json.RootElement.Clone();
        }
        static double[] Rates(JsonElement root) => [.. root.GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("learningRate").GetDouble())];

        JsonElement adam = Train("--optimizer", "adam", "--learning-rate", "0.002", "--schedule", "cosine", "--weight-decay", "0", "--threads", "1");
        JsonElement training = adam.GetProperty("training");
        Assert.Equal(("Adam", JsonValueKind.Null, 0.0, "Cosine", 0, JsonValueKind.Null, 1),
            (training.GetProperty("optimizer").GetString(), training.GetProperty("momentum").ValueKind, training.GetProperty("weightDecay").GetDouble(),
             training.GetProperty("schedule").GetString(), training.GetProperty("dropEpochs").GetArrayLength(), training.GetProperty("dropFactor").ValueKind,
             training.GetProperty("threads").GetInt32()));
        // The epochs ran at the cosine schedule's rates: the schedule reached the trainer.
        Assert.Equal(Enumerable.Range(0, 4).Select(e => 0.002 * (1 + Math.Cos(Math.PI * e / 4)) / 2), Rates(adam));

        JsonElement sgd = Train("--momentum", "0.5", "--drop-epochs", "1,3", "--drop-factor", "0.5");
        training = sgd.GetProperty("training");
        Assert.Equal(("Sgd", 0.5, 5e-4, "Step", "1,3", 0.5, Environment.ProcessorCount),
            (training.GetProperty("optimizer").GetString(), training.GetProperty("momentum").GetDouble(), training.GetProperty("weightDecay").GetDouble(),
             training.GetProperty("schedule").GetString(), string.Join(",", training.GetProperty("dropEpochs").EnumerateArray().Select(e => e.GetInt32())),
             training.GetProperty("dropFactor").GetDouble(), training.GetProperty("threads").GetInt32()));
        Assert.Equal([0.01, 0.005, 0.005, 0.0025], Rates(sgd));
        // Different optimisers from the same seed: different models.
        Assert.NotEqual(adam.GetProperty("epochs")[0].GetProperty("meanLoss").GetDouble(), sgd.GetProperty("epochs")[0].GetProperty("meanLoss").GetDouble());
    }

    [Fact]
    public void TheWidthFlag_WidensEveryHiddenLayerOfLeNet5_AndTheJsonSaysIt()
    {
        string zip = Path.Combine(InspectTestModels.NewFolder(), "digits.zip");
        (int code, string stdout, string stderr) = InspectTestModels.Run("train", "--data", Digits, "--label", "Digit", "--trainer", "cnn",
            "--epochs", "1", "--width", "0.5", "--output", zip, "--json");
        Assert.True(code == 0, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        Assert.Equal(0.5, json.RootElement.GetProperty("training").GetProperty("width").GetDouble());
        // Half of LeNet-5: 3 and 8 filters, 60 and 42 units (8×8 digits: 8 × 2 × 2 = 32 features into the first dense layer).
        string architecture = json.RootElement.GetProperty("architecture").GetString()!;
        Assert.Contains("Conv 3@5×5", architecture);
        Assert.Contains("Dense 32 → 60", architecture);
        Assert.Contains("Dense 60 → 42", architecture);
    }

    [Fact]
    public void TargetSparsity_GivesThatFractionZeroInEveryLayer_AndTheJsonShowsTheTargetAndEachLambda()
    {
        string zip = Path.Combine(InspectTestModels.NewFolder(), "digits.zip");
        (int code, string stdout, string stderr) = InspectTestModels.Run("train", "--data", Digits, "--label", "Digit", "--trainer", "cnn", "--epochs", "2",
            "--sparsification", "tl1", "--tl1-shape", "0.5", "--target-sparsity", "0.8", "--target-per-layer", "--target-ramp-epochs", "1", "--output", zip, "--json");
        Assert.True(code == 0, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        JsonElement root = json.RootElement, training = root.GetProperty("training");
        Assert.Equal((JsonValueKind.Null, 0.8, true, 1, 0.5),
            (training.GetProperty("lambda").ValueKind, training.GetProperty("targetSparsity").GetDouble(), training.GetProperty("targetPerLayer").GetBoolean(),
             training.GetProperty("targetRampEpochs").GetInt32(), training.GetProperty("transformedL1Shape").GetDouble()));
        foreach (JsonElement layer in root.GetProperty("layers").EnumerateArray())
        {
            long count = layer.GetProperty("count").GetInt64();
            Assert.Equal((long)Math.Round(0.8 * count, MidpointRounding.AwayFromZero), count - layer.GetProperty("nonzeros").GetInt64());
            Assert.True(layer.GetProperty("lambda").GetDouble() > 0);
        }
        // Per-layer λ: none shared in the epochs, each layer's under lambdas.
        JsonElement last = root.GetProperty("epochs")[1];
        Assert.Equal(JsonValueKind.Null, last.GetProperty("lambda").ValueKind);
        Assert.Equal(root.GetProperty("layers").GetArrayLength(), last.GetProperty("lambdas").EnumerateObject().Count());
    }

    [Fact]
    public void TheTextReport_SaysWhatIsNotTheDefault()
    {
        string zip = Path.Combine(InspectTestModels.NewFolder(), "digits.zip");
        (int code, string stdout, string stderr) = InspectTestModels.Run("train", "--data", Digits, "--label", "Digit", "--trainer", "cnn", "--epochs", "2",
            "--optimizer", "adam", "--learning-rate", "0.001", "--schedule", "cosine", "--weight-decay", "0", "--threads", "2", "--output", zip);
        Assert.True(code == 0, stderr);
        Assert.Contains("trained: 2 epochs, batches of 128, Adam, learning rate 0.001 on a cosine schedule, weight decay 0, 2 threads; dense (no sparsification)", stdout);
    }

    [Theory]
    [InlineData("--trainer cnn --image 2x4x9", "--image 2x4x9 holds 72 values but the file has 64 numeric feature columns.")]
    [InlineData("--trainer cnn --image 8by8", "--image must be CxHxW or HxW")]
    [InlineData("--trainer cnn --image 16x4x1", "read as a 16×4×1 image, but the default binarized LeNet-5 needs images of at least 4×4")]
    [InlineData("--trainer cnn --task regression", "--task must be multiclass")]
    [InlineData("--trainer cnn --sparsity 5", "--sparsity applies to --trainer iht only.")]
    [InlineData("--trainer cnn --sparsification l2", "--sparsification must be none, l0, l1 or tl1; got 'l2'.")]
    [InlineData("--trainer cnn --epochs 0", "--epochs: must be in [1, ")]
    [InlineData("--epochs 3", "--epochs applies to --trainer cnn only.")]
    [InlineData("--lambda 0.1", "--lambda applies to --trainer cnn only.")]
    [InlineData("--trainer cnn --lambda 0.1", "--lambda weighs RVSCGD's penalty: it applies with --sparsification l0, l1 or tl1 only.")]
    [InlineData("--trainer cnn --sparsification l1 --beta 0", "--beta: must be a finite number > 0 (β, the weight of RVSCGD's coupling (β/2)‖w − u‖²); got 0.")]
    [InlineData("--trainer cnn --sparsification l1 --lambda -1", "--lambda: must be a finite number > 0 (λ, the weight of RVSCGD's penalty); got -1.")]
    [InlineData("--trainer cnn --learning-rate NaN", "--learning-rate: must be a finite number > 0 (the initial learning rate η); got NaN.")]
    [InlineData("--trainer cnn --batch-size 0", "--batch-size: must be in [1, ")]
    [InlineData("--trainer tree", "--trainer must be iht or cnn; got 'tree'.")]
    [InlineData("--trainer cnn --optimizer rmsprop", "--optimizer must be sgd or adam; got 'rmsprop'.")]
    [InlineData("--trainer cnn --schedule linear", "--schedule must be step or cosine; got 'linear'.")]
    [InlineData("--trainer cnn --momentum 1", "--momentum: must be in [0, 1) (SGD's momentum μ; ignored by Adam); got 1.")]
    [InlineData("--trainer cnn --momentum -0.01", "--momentum: must be in [0, 1) (SGD's momentum μ; ignored by Adam); got -0.01.")]
    [InlineData("--trainer cnn --weight-decay -1E-06", "--weight-decay: must be a finite number ≥ 0 (L2 weight decay added to every parameter's gradient); got -1E-06.")]
    [InlineData("--trainer cnn --drop-epochs 0", "--drop-epochs: must hold epochs ≥ 1; got 0.")]
    [InlineData("--trainer cnn --drop-epochs 3,x", "--drop-epochs must be epochs separated by commas (e.g. 6,8); got '3,x'.")]
    [InlineData("--trainer cnn --drop-epochs 3 --drop-factor 0", "--drop-factor: must be in (0, 1] (the factor of each learning-rate drop); got 0.")]
    [InlineData("--trainer cnn --drop-epochs 3 --drop-factor 1.01", "--drop-factor: must be in (0, 1] (the factor of each learning-rate drop); got 1.01.")]
    [InlineData("--trainer cnn --threads 0", "--threads: must be in [1, 1024] (threads; null uses every core); got 0.")]
    [InlineData("--trainer cnn --threads 1025", "--threads: must be in [1, 1024] (threads; null uses every core); got 1025.")]
    [InlineData("--trainer cnn --optimizer adam --momentum 0.5", "--momentum is SGD's: it applies with --optimizer sgd only.")]
    [InlineData("--trainer cnn --schedule cosine --drop-epochs 3", "--drop-epochs belongs to the step schedule: it applies with --schedule step only.")]
    [InlineData("--trainer cnn --schedule cosine --drop-factor 0.5", "--drop-factor belongs to the step schedule: it applies with --schedule step only.")]
    [InlineData("--trainer cnn --drop-factor 0.5", "--drop-factor multiplies the learning rate at each of --drop-epochs: give those epochs too.")]
    [InlineData("--trainer cnn --target-sparsity 0.9", "--target-sparsity sets how sparse RVSCGD makes the layers: it applies with --sparsification l0, l1 or tl1 only.")]
    [InlineData("--trainer cnn --sparsification l0 --target-sparsity 1", "--target-sparsity: must be in [0, 1) (the fraction of weights zero; 0 or null is off); got 1.")]
    [InlineData("--trainer cnn --sparsification l0 --target-sparsity -0.1", "--target-sparsity: must be in [0, 1) (the fraction of weights zero; 0 or null is off); got -0.1.")]
    [InlineData("--trainer cnn --sparsification l0 --target-sparsity 0.9 --lambda 0.01", "--target-sparsity finds λ at every step: give it or --lambda, not both.")]
    [InlineData("--trainer cnn --sparsification l0 --target-per-layer", "--target-per-layer shapes --target-sparsity: it applies with that option only.")]
    [InlineData("--trainer cnn --sparsification l0 --target-ramp-epochs 1", "--target-ramp-epochs shapes --target-sparsity: it applies with that option only.")]
    [InlineData("--trainer cnn --sparsification l0 --target-sparsity 0.5 --epochs 2 --target-ramp-epochs 3", "--target-ramp-epochs: must be in [0, --epochs = 2]; got 3.")]
    [InlineData("--trainer cnn --sparsification l0 --tl1-shape 2", "--tl1-shape is the transformed ℓ1 penalty's: it applies with --sparsification tl1 only.")]
    [InlineData("--trainer cnn --sparsification tl1 --tl1-shape 0", "--tl1-shape: must be a finite number > 0 (a of the transformed ℓ1 penalty); got 0.")]
    [InlineData("--optimizer adam", "--optimizer applies to --trainer cnn only.")]
    [InlineData("--threads 2", "--threads applies to --trainer cnn only.")]
    [InlineData("--width 2", "--width applies to --trainer cnn only.")]
    [InlineData("--trainer cnn --width 20", "--width: must be in [0.25, 16] (the default architecture's width: LeNet-5's filters and units times this); got 20.")]
    public void BadOptions_AreOneLineUserErrors_BeforeTraining(string options, string message)
    {
        string zip = Path.Combine(InspectTestModels.NewFolder(), "digits.zip");
        string error = InspectTestModels.AssertUserError(InspectTestModels.Run(
            ["train", "--data", Digits, "--label", "Digit", "--output", zip, .. options.Split(' ')]));
        Assert.Contains(message, error);
        Assert.False(File.Exists(zip));
    }

    [Fact]
    public void AnExplodingLoss_IsWarnedOf_WithTheToolsOption_AndANonFiniteOneIsAnErrorNamingIt()
    {
        string folder = InspectTestModels.NewFolder(), data = Path.Combine(folder, "digits300.csv");
        File.WriteAllLines(data, File.ReadLines(Digits).Take(301));

        (int code, string stdout, string stderr) = InspectTestModels.Run("train", "--data", data, "--label", "Digit", "--trainer", "cnn",
            "--epochs", "3", "--learning-rate", "1e6", "--output", Path.Combine(folder, "m.zip"));
        Assert.True(code == 0, stderr);
        Assert.Matches(@"warning: The training diverged: the mean loss went from \S+ \(epoch 1\) to \S+ \(epoch 3\), above ln 10 = 2\.3", stdout);
        Assert.Contains("lower --learning-rate (now 1E+06), for example tenfold.", stdout);

        string line = InspectTestModels.AssertUserError(InspectTestModels.Run("train", "--data", data, "--label", "Digit", "--trainer", "cnn",
            "--epochs", "3", "--learning-rate", "1e30", "--output", Path.Combine(folder, "n.zip")));
        Assert.Matches(@"^error: The training loss became non-finite at step \d+ \(epoch \d\): .*\. Lower --learning-rate\.$", line);
        Assert.False(File.Exists(Path.Combine(folder, "n.zip")));
    }

    [Fact]
    public void NonSquareColumnCount_WithoutImage_AsksForTheShape()
    {
        string error = InspectTestModels.AssertUserError(InspectTestModels.Run(
            "train", "--data", BundledData.PathOf("breast_cancer.csv"), "--label", "Diagnosis", "--trainer", "cnn", "--output", Path.Combine(InspectTestModels.NewFolder(), "m.zip")));
        Assert.Contains("30 numeric columns are not a square image; pass --image CxHxW", error);
    }

    [Fact]
    public void TooFewColumnsForLeNet_SayTheShapeRead_TheMinimum_AndTheOtherTrainer()
    {
        string error = InspectTestModels.AssertUserError(InspectTestModels.Run(
            "train", "--data", BundledData.PathOf("iris.csv"), "--label", "Species", "--trainer", "cnn", "--output", Path.Combine(InspectTestModels.NewFolder(), "m.zip")));
        Assert.Contains("4 numeric columns read as a 1×2×2 image", error);
        Assert.Contains("needs images of at least 4×4", error);
        Assert.Contains("use --trainer iht", error);
    }
}
