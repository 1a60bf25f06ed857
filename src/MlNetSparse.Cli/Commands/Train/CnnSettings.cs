using System.Globalization;
using MlNetSparse.Core.Networks;
using MlNetSparse.Core.Networks.Training;
using MlNetSparse.Networks;

namespace MlNetSparse.Cli.Commands;

/// <summary>What `train cnn` adds to <see cref="TrainSettings"/>: the binarized CNN trainer's options, range-checked by the library.</summary>
/// <param name="Image">The image shape "CxHxW" or "HxW", or null for a square one-channel image from the column count.</param>
/// <param name="Epochs">Passes over the training rows.</param>
/// <param name="Sparsification">RVSCGD's penalty, or none for a dense network.</param>
/// <param name="BatchSize">Images per mini-batch step.</param>
/// <param name="LearningRate">The (initial) learning rate η.</param>
/// <param name="Lambda">RVSCGD's λ, the penalty's weight: larger gives sparser layers; null for the penalty's default.</param>
/// <param name="Beta">RVSCGD's β, the coupling of the weights w to their thresholded copy u.</param>
/// <param name="Optimizer">The update rule: SGD with momentum, or Adam.</param>
/// <param name="Momentum">SGD's momentum μ.</param>
/// <param name="WeightDecay">L2 weight decay added to every parameter's gradient.</param>
/// <param name="Schedule">How η changes from epoch to epoch.</param>
/// <param name="DropEpochs">The step schedule's epochs after which η is multiplied by <paramref name="DropFactor"/>; null for none.</param>
/// <param name="DropFactor">The factor of each drop.</param>
/// <param name="Threads">Threads; null for every core.</param>
/// <param name="TargetSparsity">The fraction of weights zero that RVSCGD finds λ for at every step; null for the fixed <paramref name="Lambda"/>.</param>
/// <param name="TargetPerLayer">With <paramref name="TargetSparsity"/>: that fraction in every layer (one λ per layer).</param>
/// <param name="TargetRampEpochs">With <paramref name="TargetSparsity"/>: epochs over which the fraction grows to it.</param>
/// <param name="TransformedL1Shape">a of the transformed ℓ1 penalty.</param>
/// <param name="Width">The default LeNet-5's filters and units times this (1: LeNet-5's own).</param>
public sealed record CnnSettings(string? Image, int Epochs, BinarizedCnnSparsification Sparsification,
    int BatchSize = BinarizedCnnTrainer.Options.Defaults.BatchSize, double LearningRate = BinarizedCnnTrainer.Options.Defaults.LearningRate,
    double? Lambda = null, double Beta = BinarizedCnnTrainer.Options.Defaults.Beta,
    NetworkOptimizer Optimizer = NetworkTrainingOptions.Defaults.Optimizer, double Momentum = BinarizedCnnTrainer.Options.Defaults.Momentum,
    double WeightDecay = BinarizedCnnTrainer.Options.Defaults.WeightDecay, LearningRateScheduleKind Schedule = NetworkTrainingOptions.Defaults.LearningRateSchedule,
    int[]? DropEpochs = null, double DropFactor = NetworkTrainingOptions.Defaults.LearningRateDropFactor, int? Threads = null,
    double? TargetSparsity = null, bool TargetPerLayer = false, int TargetRampEpochs = BinarizedCnnTrainer.Options.Defaults.TargetSparsityRampEpochs,
    double TransformedL1Shape = BinarizedCnnTrainer.Options.Defaults.TransformedL1Shape,
    double Width = BinarizedCnnTrainer.Options.Defaults.Width)
{
    /// <summary>The threads training uses: <see cref="Threads"/>, or every core as the trainer counts them.</summary>
    internal int ThreadsUsed => Threads ?? Environment.ProcessorCount;

    /// <summary>The λ training uses: <see cref="Lambda"/>, or the penalty's default.</summary>
    internal double LambdaUsed => Lambda ?? BinarizedCnnTrainer.Options.Defaults.LambdaFor(Sparsification);

    /// <summary>
    /// "10 epochs, batches of 128, learning rate 0.01; RVSCGD ℓ0 with λ = 0.001, β = 1" (or "dense"); what is
    /// not the default is added: "Adam", "cosine schedule", "× 0.1 after epochs 6, 8", the momentum, the weight decay, the threads.
    /// </summary>
    internal string Describe()
    {
        var c = CultureInfo.InvariantCulture;
        string training = (Width != BinarizedCnnTrainer.Options.Defaults.Width ? string.Create(c, $"LeNet-5 at width {Width:G4}, ") : "")
            + string.Create(c, $"{Epochs} epochs, batches of {BatchSize}, ")
            + (Optimizer == NetworkOptimizer.Adam ? "Adam, " : "")
            + string.Create(c, $"learning rate {LearningRate:G4}")
            + (Schedule == LearningRateScheduleKind.Cosine ? " on a cosine schedule" : "")
            + (DropEpochs is { Length: > 0 } drops ? string.Create(c, $" × {DropFactor:G4} after epoch{(drops.Length > 1 ? "s" : "")} {string.Join(", ", drops)}") : "")
            + (Optimizer == NetworkOptimizer.Sgd && Momentum != BinarizedCnnTrainer.Options.Defaults.Momentum ? string.Create(c, $", momentum {Momentum:G4}") : "")
            + (WeightDecay != BinarizedCnnTrainer.Options.Defaults.WeightDecay ? string.Create(c, $", weight decay {WeightDecay:G4}") : "")
            + (Threads is int threads ? string.Create(c, $", {threads} thread{(threads > 1 ? "s" : "")}") : "");
        return Sparsification == BinarizedCnnSparsification.None
            ? training + "; dense (no sparsification)"
            : training + string.Create(c, $"; RVSCGD {PenaltyName(Sparsification)}{Shape()} with {LambdaRule()}, β = {Beta:G4}");
    }

    // "λ = 0.001", or "λ found each step for 90 % of the weights zero (per layer, reached after 3 epochs)".
    private string LambdaRule()
    {
        var c = CultureInfo.InvariantCulture;
        if (TargetSparsity is not double target)
            return string.Create(c, $"λ = {LambdaUsed:G4}");
        string details = string.Join(", ", new[]
        {
            TargetPerLayer ? "per layer" : "",
            TargetRampEpochs > 0 ? string.Create(c, $"reached after {TargetRampEpochs} epoch{(TargetRampEpochs > 1 ? "s" : "")}") : "",
        }.Where(d => d.Length > 0));
        return string.Create(c, $"λ found each step for {target:P1} of the weights zero") + (details.Length > 0 ? $" ({details})" : "");
    }

    private string Shape() => Sparsification == BinarizedCnnSparsification.TransformedL1
        ? string.Create(CultureInfo.InvariantCulture, $" (a = {TransformedL1Shape:G4})")
        : "";

    private static string PenaltyName(BinarizedCnnSparsification sparsification) => sparsification switch
    {
        BinarizedCnnSparsification.L0 => "ℓ0",
        BinarizedCnnSparsification.L1 => "ℓ1",
        _ => "transformed ℓ1",
    };

    /// <summary>
    /// The (channels, height, width) of <see cref="Image"/> for <paramref name="columnCount"/> numeric
    /// columns, which must be exactly C·H·W; without <see cref="Image"/>, one channel of √n × √n. Either way
    /// the image must be large enough for the default binarized LeNet-5.
    /// </summary>
    internal (int Channels, int Height, int Width) ShapeFor(int columnCount)
    {
        if (Image is null)
        {
            int side = (int)Math.Round(Math.Sqrt(columnCount));
            if (side * side != columnCount)
                throw new UserErrorException($"--trainer cnn: {columnCount} numeric columns are not a square image; pass --image CxHxW (or HxW) with C·H·W = {columnCount}.");
            return FitsLeNet((1, side, side), columnCount);
        }
        string[] parts = Image.Split('x', '×', 'X');
        int[] sizes = [.. parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 ? n : 0)];
        if (parts.Length is not (2 or 3) || sizes.Contains(0))
            throw new UserErrorException($"--image must be CxHxW or HxW with positive integers (e.g. 1x8x8); got '{Image}'.");
        (int c, int h, int w) = sizes.Length == 3 ? (sizes[0], sizes[1], sizes[2]) : (1, sizes[0], sizes[1]);
        if ((long)c * h * w != columnCount)
            throw new UserErrorException($"--image {Image} holds {(long)c * h * w} values but the file has {columnCount} numeric feature columns.");
        return FitsLeNet((c, h, w), columnCount);
    }

    // The trainer would refuse a smaller image too, naming a pooling layer and its tensor shapes; the
    // user of the CLI needs the shape read from the file and what to do instead.
    private static (int Channels, int Height, int Width) FitsLeNet((int Channels, int Height, int Width) shape, int columnCount)
    {
        const int side = NetworkArchitecture.BinarizedLeNet5MinimumSide;
        if (shape.Height < side || shape.Width < side)
            throw new UserErrorException($"--trainer cnn: {columnCount} numeric columns read as a {shape.Channels}×{shape.Height}×{shape.Width} image, " +
                $"but the default binarized LeNet-5 needs images of at least {side}×{side}; for tabular data like this, use --trainer iht.");
        return shape;
    }
}
