using MlNetSparse.Core.Networks.Training;
using MlNetSparse.Plots;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Plots;

/// <summary>The weights figures of MlNetSparse.Plots: as tall as their rows need, within the screen-sized cap, and saved at that size.</summary>
public sealed class WeightFiguresTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlnetsparse-plots-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(3, 1, TrainingFigures.Height)]            // few rows: the standard height
    [InlineData(40, 1, 120 + 28 * 40)]                     // one output: 28 pixels a row
    [InlineData(40, 3, 120 + (12 * 3 + 12) * 40)]          // three classes share a row: 12 pixels each, and a gap
    [InlineData(200, 3, 2400)]                             // capped
    public void Support_GrowsWithItsRows_AndIsSavedAtItsSize(int features, int outputs, int height)
    {
        SupportWeight[] support = [.. Enumerable.Range(0, features).SelectMany(f => Enumerable.Range(0, outputs)
            .Select(o => new SupportWeight(o, outputs > 1 ? $"class{o}" : null, f, $"x{f}", (f % 2 == 0 ? 1 : -1) * (f + 1) * 0.1f)))];

        Figure figure = WeightFigures.Support(support, outputs, "support");
        string png = Path.Combine(_folder, "support.png");
        figure.SavePng(png);

        Assert.Equal((TrainingFigures.Width, height), (figure.Width, figure.Height));
        PngFile.AssertSize(png, TrainingFigures.Width, height);
    }

    [Fact]
    public void Layers_AndTheLossFigures_HaveTheStandardSize()
    {
        Figure layers = WeightFigures.Layers([new TensorSparsity("conv1.weight", 150, 30, 0), new TensorSparsity("fc.weight", 840, 840, 0)], "layers");
        Figure epochs = TrainingFigures.EpochLoss([new EpochRecord(1, 2.0, 2.5, 0.01, 0.1, []), new EpochRecord(2, 1.0, 1.2, 0.01, 0.1, [])], sparsified: true);
        Figure path = TrainingFigures.SparsityPath([new PathPoint(1, 1.0, 1.1), new PathPoint(2, 0.5, 0.7)], chosenSparsity: 2);

        foreach (Figure figure in new[] { layers, epochs, path, TrainingFigures.IhtLoss([3.0, 2.0, 1.0], sparsity: 2, iterations: 2) })
            Assert.Equal((TrainingFigures.Width, TrainingFigures.Height), (figure.Width, figure.Height));
        string png = Path.Combine(_folder, "epochs.png");
        epochs.SavePng(png);
        PngFile.AssertSize(png, TrainingFigures.Width, TrainingFigures.Height);
    }
}
