namespace MlNetSparse.Core.Networks.Training;

/// <summary>How <see cref="NetworkTrainer"/> changes the learning rate from one epoch to the next.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>
    /// η times the drop factor after each listed drop epoch (<see cref="StepLearningRateSchedule"/>);
    /// constant η when no epoch is listed (the default).
    /// </summary>
    Step,

    /// <summary>η annealed along half a cosine to 0 over the epochs (<see cref="CosineLearningRateSchedule"/>).</summary>
    Cosine,
}
