using System.Globalization;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Experiments.Data;
using MlNetSparse.Experiments.Study;

namespace MlNetSparse.Experiments.Output;

/// <summary>The highlighted run's heatmaps: its trained θ (the paper's Fig. 14) and ∇f(θ) (Fig. 15), titled with s and the seeds.</summary>
internal static class HighlightFigures
{
    /// <summary>θ, with the run's losses and accuracies in the title.</summary>
    public static void SaveParameters(HighlightResult highlight, ClassificationData data, string path, int width, int height)
    {
        RunResult run = highlight.Run;
        string title = $"Trained parameters θ, {Identity(run)}\n" +
            $"train loss {ValueLabel.Format(run.TrainLoss)}, test accuracy {ValueLabel.Format(run.TestAccuracy)}, " +
            string.Create(CultureInfo.InvariantCulture, $"{run.Steps:N0} steps") + " · grey: exactly 0 (off the support)";
        ParameterHeatmapFigure.Save(highlight.Parameters, data, title, "parameter value θᵢ", outlined: null, path, width, height);
    }

    /// <summary>∇f(θ), the support of θ framed, with the HT-stability certificate in the title.</summary>
    public static void SaveGradient(HighlightResult highlight, ClassificationData data, string path, int width, int height)
    {
        RunResult run = highlight.Run;
        string title = $"Gradient ∇f(θ) at the trained point, {Identity(run)}\n" +
            $"framed: the support of θ · {Certificate(run)}";
        ParameterHeatmapFigure.Save(highlight.Gradient, data, title, "partial derivative ∂f/∂θᵢ", run.Support, path, width, height);
    }

    // The paper's Figs. 14–15 name the same seeds, but here they drive this project's generators
    // (another split, start and support than the paper's PyTorch run), so the title says whose seeds they are.
    private static string Identity(RunResult run)
        => $"s = {run.Level} (seeds of this project's generators: init {run.Seeds.Initialization}, data {run.Seeds.Data}, support {run.Seeds.Support})";

    private static string Certificate(RunResult run)
    {
        string inequality = $"min|θ_S| = {ValueLabel.Format(run.CertificateLeft)} vs γ·max|∇f off S| = {ValueLabel.Format(run.CertificateRight)}";
        return run.Verdict switch
        {
            HtStabilityVerdict.Stable => $"HT-stable: {inequality}",
            HtStabilityVerdict.Unstable => $"HT-unstable: {inequality}",
            _ => $"not a fixed point: {inequality}",
        };
    }
}
