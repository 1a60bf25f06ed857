using MlNetSparse.Experiments.Data;
using MlNetSparse.Experiments.Output;
using MlNetSparse.Experiments.Study;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Experiments;

public sealed class StudyFiguresTests : IDisposable
{
    private static readonly string[] LevelFigures =
    [
        StudyFigures.LearningRateFile, StudyFigures.TrainingLossFile, StudyFigures.TestLossFile,
        StudyFigures.TrainingAccuracyFile, StudyFigures.TestAccuracyFile,
    ];

    private static readonly Lazy<ClassificationData> Iris = new(() => CsvClassificationReader.Read(BundledData.PathOf("iris.csv"), "Species", out _));

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "study-figures-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void SaveAll_WritesEveryFigure_AsPngOfTheDefaultSize()
    {
        StudyResult result = TinyStudy(runsPerLevel: 3, highlight: true);

        IReadOnlyList<string> written = StudyFigures.SaveAll(result, Iris.Value, _folder);

        string[] expected = [.. LevelFigures, StudyFigures.HighlightParametersFile, StudyFigures.HighlightGradientFile];
        Assert.Equal(expected.Select(name => Path.Combine(_folder, name)), written);
        foreach (string path in written)
            PngFile.AssertSize(path, StudyFigures.DefaultWidth, StudyFigures.DefaultHeight);
    }

    [Fact]
    public void SaveAll_HonoursTheRequestedSize_AndCreatesNestedFolders()
    {
        StudyResult result = TinyStudy(runsPerLevel: 3, highlight: true);
        string nested = Path.Combine(_folder, "a", "b");

        IReadOnlyList<string> written = StudyFigures.SaveAll(result, Iris.Value, nested, width: 640, height: 480);

        Assert.Equal(7, written.Count);
        foreach (string path in written)
            PngFile.AssertSize(path, 640, 480);
    }

    [Fact]
    public void SaveAll_WithoutHighlight_SkipsTheHeatmaps()
    {
        StudyResult result = TinyStudy(runsPerLevel: 3, highlight: false);

        IReadOnlyList<string> written = StudyFigures.SaveAll(result, Iris.Value, _folder);

        Assert.Equal(LevelFigures.Select(name => Path.Combine(_folder, name)), written);
        Assert.False(File.Exists(Path.Combine(_folder, StudyFigures.HighlightParametersFile)));
        Assert.False(File.Exists(Path.Combine(_folder, StudyFigures.HighlightGradientFile)));
    }

    [Fact]
    public void SaveAll_DrawsLevelsWithASingleRun()
    {
        StudyResult result = TinyStudy(runsPerLevel: 1, highlight: false);

        foreach (string path in StudyFigures.SaveAll(result, Iris.Value, _folder))
            PngFile.AssertSize(path, StudyFigures.DefaultWidth, StudyFigures.DefaultHeight);
    }

    [Fact]
    public void TheMedian_StaysVisible_WhenItEqualsTheQuartiles()
    {
        // One run per level: every box collapses to a line where median and quartiles coincide.
        StudyResult result = TinyStudy(runsPerLevel: 1, highlight: false);
        StudyFigures.SaveAll(result, Iris.Value, _folder);

        using SkiaSharp.SKBitmap image = SkiaSharp.SKBitmap.Decode(Path.Combine(_folder, StudyFigures.TestAccuracyFile));
        ScottPlot.Color median = LevelBoxPlotFigure.MedianColor;
        int medianPixels = 0;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                SkiaSharp.SKColor pixel = image.GetPixel(x, y);
                if (Math.Abs(pixel.Red - median.R) + Math.Abs(pixel.Green - median.G) + Math.Abs(pixel.Blue - median.B) < 30)
                    medianPixels++;
            }
        // Three boxes, each about a sixth of the plot wide, drawn 3 px thick in the median's colour (no other mark has it).
        Assert.True(medianPixels > 3 * 100, $"{medianPixels} pixels of the median's colour");
    }

    [Fact]
    public void SaveAll_RejectsAHighlightThatDoesNotMatchTheData()
    {
        StudyResult result = TinyStudy(runsPerLevel: 1, highlight: true);
        var wrongShape = new ClassificationData(new float[4], [0, 1], ["x", "y"], ["a", "b"]);

        Assert.Throws<ArgumentException>(() => StudyFigures.SaveAll(result, wrongShape, _folder));
        Assert.False(Directory.Exists(_folder));
    }

    [Fact]
    public void TukeyBox_ReachesTheFurthestValuesWithinOneAndAHalfInterquartileRanges()
    {
        // Quartiles 2 and 4 (IQR 2): fences at −1 and 7, so 100 is an outlier and 6 the upper whisker.
        TukeyBox box = TukeyBox.Of(3, [1, 2, 3, 4, 6, 100, double.NaN])!;

        Assert.Equal(3, box.Position);
        Assert.Equal(1, box.LowerWhisker);
        Assert.Equal(6, box.UpperWhisker);
        Assert.Equal([100.0], box.Outliers);
        Assert.Null(TukeyBox.Of(1, [double.NaN]));
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-9.4145775, "−9.415")]
    [InlineData(15.0, "15")]
    [InlineData(8.877998e-05, "8.88e−5")]
    [InlineData(-0.007308456, "−7.31e−3")]
    [InlineData(0.05, "0.05")]
    public void ValueLabel_IsShortAndUsesATrueMinus(double value, string expected)
        => Assert.Equal(expected, ValueLabel.Format(value));

    private static StudyResult TinyStudy(int runsPerLevel, bool highlight) => StudyRunner.Run(Iris.Value, new StudyOptions
    {
        Levels = [1, 7, 14],
        RunsPerLevel = runsPerLevel,
        MaximumSteps = 200,
        MonteCarloSampleCount = 10,
        DenseReference = false,
        Highlight = highlight ? new StudyOptions().Highlight : null,
    });
}
