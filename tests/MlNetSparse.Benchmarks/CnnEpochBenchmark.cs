using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Networks.Training;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Numerics.Blas;

namespace MlNetSparse.Benchmarks;

/// <summary>
/// One training epoch of the binarized LeNet-5 (batch 128, SGD) per BLAS backend, at one thread and
/// at all cores: its achieved GFLOP/s (GEMM flops of forward, ∂W and ∂x over the epoch's wall
/// time) against the same backend's SGEMM GFLOP/s on 512³ measured in the same run, one thread.
/// Fashion-MNIST when Debian's dataset-fashion-mnist is installed, else seeded random 28×28 images
/// (the flop count and the work are the same).
/// </summary>
internal static class CnnEpochBenchmark
{
    private const string FashionTrainImages = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz";
    private const string FashionTrainLabels = "/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz";

    public static void Run(BenchmarkReport report, bool quick)
    {
        int rows = quick ? 1_024 : 60_000;
        var (inputs, labels, source) = Images(rows);
        var shape = new TensorShape(1, 28, 28);
        int threads = Environment.ProcessorCount;
        var automatic = new Dictionary<int, double>();   // seconds per epoch of the automatic (managed) backend, by threads
        foreach (BlasBackendKind kind in BlasBackend.Available())
        {
            if (!BlasBackend.TryLoad(kind, out IBlas? blas) || blas is null)
                continue;
            double sgemm = GemmThroughput.MeasureGflops(blas, quick ? 128 : 512);
            foreach (int t in threads > 1 ? [1, threads] : new[] { 1 })
            {
                var network = new Network(shape, NetworkArchitecture.BinarizedLeNet5(shape, 10, CoarseGradient.ClippedRelu), seed: 1, blas);
                var options = new NetworkTrainingOptions { Epochs = 1, BatchSize = 128, LearningRate = 0.01, MaxDegreeOfParallelism = t, Seed = 1 };
                var clock = Stopwatch.StartNew();
                NetworkTrainingResult result = new NetworkTrainer(network, new SoftmaxCrossEntropyLoss(network.OutputSize), options).Train(inputs, labels, rows);
                double seconds = clock.Elapsed.TotalSeconds;
                if (kind == BlasBackendKind.Managed)
                    automatic[t] = seconds;
                double gflops = (double)result.TrainingFlopsPerSample * rows / seconds / 1e9;
                report.Note(string.Create(CultureInfo.InvariantCulture,
                    $"LeNet-5 epoch, {source} {rows:N0} images, {kind}, {t} thread(s): {seconds:F2} s, {gflops:F2} GFLOP/s = ") +
                    string.Create(CultureInfo.InvariantCulture,
                    $"{gflops / (sgemm * t):P1} of {t} × its one-thread SGEMM ({sgemm:F1} GFLOP/s); mean loss {result.Epochs[0].MeanLoss:F3}."));
            }
        }
        RunPyTorch(report, rows, source, automatic);
    }

    // The same network and epoch in PyTorch (Peers/lenet_epoch.py), on the same images, at the same thread counts, with the
    // Python that MLNETSPARSE_PYTHON names (default python3: Debian's has python3-torch when that package is installed).
    private static void RunPyTorch(BenchmarkReport report, int rows, string source, IReadOnlyDictionary<int, double> ours)
    {
        string python = Environment.GetEnvironmentVariable("MLNETSPARSE_PYTHON") is { Length: > 0 } chosen ? chosen : "python3";
        string[] data = source == "Fashion-MNIST" ? [FashionTrainImages, FashionTrainLabels] : [];
        foreach (var (threads, seconds) in ours.OrderBy(p => p.Key))
        {
            (int Code, string Output, string Error) run;
            try
            {
                run = PeerProcess.Run(python, [PeerProcess.File("lenet_epoch.py"), rows.ToString(CultureInfo.InvariantCulture),
                    threads.ToString(CultureInfo.InvariantCulture), .. data]);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                report.Note($"LeNet-5 epoch, PyTorch: not run: {python} is not on the PATH (MLNETSPARSE_PYTHON names another).");
                return;
            }
            if (run.Code != 0)
            {
                report.Note("LeNet-5 epoch, PyTorch: not run: " + (run.Error.Contains("No module named 'torch'", StringComparison.Ordinal)
                    ? $"{python} has no PyTorch (Debian: python3-torch; MLNETSPARSE_PYTHON names another Python)." : run.Error.Trim().Split('\n')[^1]));
                return;
            }
            string[] fields = run.Output.Trim().Split(' ');
            double theirs = double.Parse(fields[0], CultureInfo.InvariantCulture);
            report.Note(string.Create(CultureInfo.InvariantCulture,
                $"LeNet-5 epoch, {source} {rows:N0} images, PyTorch {fields[2]} (same network, SGD, batch 128), {threads} thread(s): {theirs:F2} s, mean loss {fields[1]}; ") +
                string.Create(CultureInfo.InvariantCulture,
                $"the managed backend's epoch {seconds:F2} s is {theirs / seconds:F2}× as fast (issue 16's target on one thread: ≥ 2×)."));
        }
    }

    private static (float[] Inputs, float[] Labels, string Source) Images(int rows)
    {
        if (File.Exists(FashionTrainImages) && File.Exists(FashionTrainLabels))
        {
            byte[] pixels = Gunzip(FashionTrainImages), classes = Gunzip(FashionTrainLabels);
            var inputs = new float[rows * 784];
            for (int i = 0; i < inputs.Length; i++)
                inputs[i] = pixels[16 + i] / 255f;
            return (inputs, Enumerable.Range(0, rows).Select(n => (float)classes[8 + n]).ToArray(), "Fashion-MNIST");
        }
        var random = new Random(1);
        return (Enumerable.Range(0, rows * 784).Select(_ => (float)random.NextDouble()).ToArray(),
            Enumerable.Range(0, rows).Select(_ => (float)random.Next(10)).ToArray(), "random");
    }

    private static byte[] Gunzip(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }
}
