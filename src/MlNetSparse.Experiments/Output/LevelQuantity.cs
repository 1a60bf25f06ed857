using MlNetSparse.Experiments.Study;

namespace MlNetSparse.Experiments.Output;

/// <summary>One per-level distribution of the paper (Figs. 9–13): which run value it draws and how to label it.</summary>
/// <param name="FileName">The PNG's stable name.</param>
/// <param name="Title">What the figure shows, for its title.</param>
/// <param name="AxisLabel">The quantity with its symbol, for the vertical axis.</param>
/// <param name="Select">The value of one run.</param>
/// <param name="IsFraction">True for accuracies: the axis spans [0, 1].</param>
/// <param name="MarkLossThreshold">True to draw the study's stopping loss as a reference line.</param>
internal sealed record LevelQuantity(string FileName, string Title, string AxisLabel, Func<RunResult, double> Select,
    bool IsFraction = false, bool MarkLossThreshold = false)
{
    /// <summary>Figs. 9–13 in the paper's order.</summary>
    public static IReadOnlyList<LevelQuantity> PaperFigures { get; } =
    [
        // The figure font draws no combining hat, so "L̂₂ₛ" is spelled out.
        new(StudyFigures.LearningRateFile, "Learning rate γ = 1 / estimated L₂ₛ", "learning rate γ = 1 / estimated L₂ₛ", r => r.StepSize),
        new(StudyFigures.TrainingLossFile, "Training loss", "training cross-entropy f(θ)", r => r.TrainLoss, MarkLossThreshold: true),
        new(StudyFigures.TestLossFile, "Test loss", "test cross-entropy", r => r.TestLoss),
        new(StudyFigures.TrainingAccuracyFile, "Training accuracy", "training accuracy (fraction correct)", r => r.TrainAccuracy, IsFraction: true),
        new(StudyFigures.TestAccuracyFile, "Test accuracy", "test accuracy (fraction correct)", r => r.TestAccuracy, IsFraction: true),
    ];
}
