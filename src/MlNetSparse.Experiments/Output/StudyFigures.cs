using MlNetSparse.Experiments.Data;
using MlNetSparse.Experiments.Study;

namespace MlNetSparse.Experiments.Output;

/// <summary>
/// The paper's figures of a study, as PNGs with stable names: per sparsity level s, box plots of the
/// learning rate, training and test loss, training and test accuracy (Figs. 9–13); and, for the
/// highlighted run, heatmaps of the trained parameters and of the gradient there (Figs. 14–15).
/// </summary>
public static class StudyFigures
{
    /// <summary>Default width in pixels.</summary>
    public const int DefaultWidth = 900;

    /// <summary>Default height in pixels.</summary>
    public const int DefaultHeight = 600;

    /// <summary>Fig. 9: γ = 1/L̂₂ₛ per level.</summary>
    public const string LearningRateFile = "learning-rate.png";

    /// <summary>Fig. 10: training loss per level.</summary>
    public const string TrainingLossFile = "training-loss.png";

    /// <summary>Fig. 11: test loss per level.</summary>
    public const string TestLossFile = "test-loss.png";

    /// <summary>Fig. 12: training accuracy per level.</summary>
    public const string TrainingAccuracyFile = "training-accuracy.png";

    /// <summary>Fig. 13: test accuracy per level.</summary>
    public const string TestAccuracyFile = "test-accuracy.png";

    /// <summary>Fig. 14: the highlighted run's trained parameters.</summary>
    public const string HighlightParametersFile = "highlight-parameters.png";

    /// <summary>Fig. 15: the gradient at the highlighted run's solution.</summary>
    public const string HighlightGradientFile = "highlight-gradient.png";

    /// <summary>
    /// Writes every figure of <paramref name="result"/> into <paramref name="folder"/> (created if
    /// missing), replacing files of the same names. The two highlight figures are skipped when the
    /// study has no highlighted run.
    /// </summary>
    /// <param name="result">The study.</param>
    /// <param name="data">The dataset it ran on: its class and feature names label the heatmaps.</param>
    /// <param name="folder">Where the PNGs go.</param>
    /// <param name="width">Width of every image in pixels.</param>
    /// <param name="height">Height of every image in pixels.</param>
    /// <returns>The paths written, in the paper's figure order.</returns>
    /// <exception cref="ArgumentException">The study has no levels, or its highlighted run does not fit <paramref name="data"/>.</exception>
    public static IReadOnlyList<string> SaveAll(StudyResult result, ClassificationData data, string folder,
        int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 200);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 150);
        if (result.Levels.Count == 0)
            throw new ArgumentException("The study has no sparsity levels to draw.", nameof(result));
        if (result.Highlight is { } run && (run.Parameters.Length != data.ParameterCount || run.Gradient.Length != data.ParameterCount))
            throw new ArgumentException($"The highlighted run has {run.Parameters.Length} parameters, but {data.ClassCount} classes × " +
                $"({data.FeatureCount} features + bias) make {data.ParameterCount}: pass the dataset the study ran on.", nameof(data));
        Directory.CreateDirectory(folder);

        var written = new List<string>();
        foreach (LevelQuantity quantity in LevelQuantity.PaperFigures)
        {
            string path = Path.Combine(folder, quantity.FileName);
            LevelBoxPlotFigure.Save(result, quantity, path, width, height);
            written.Add(path);
        }
        if (result.Highlight is { } highlight)
        {
            string parameters = Path.Combine(folder, HighlightParametersFile), gradient = Path.Combine(folder, HighlightGradientFile);
            HighlightFigures.SaveParameters(highlight, data, parameters, width, height);
            HighlightFigures.SaveGradient(highlight, data, gradient, width, height);
            written.Add(parameters);
            written.Add(gradient);
        }
        return written;
    }
}
