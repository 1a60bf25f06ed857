using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;

namespace MlNetSparse.Trainers;

/// <summary>What Fit hands its <see cref="TrainingPlan"/> to run, once the rows are read and the loss is known.</summary>
/// <param name="Task">The prediction task (the path's split is stratified by class for classification).</param>
/// <param name="Options">The trainer's options.</param>
/// <param name="Loss">ℓ for these labels.</param>
/// <param name="Initializer">The model's usual random initialisation.</param>
/// <param name="Training">The core's IHT options, seeds drawn.</param>
/// <param name="ShuffleSeed">Seed of the cached rows' order per epoch for mini-batches.</param>
/// <param name="FeatureColumn">The feature column's name, for messages.</param>
/// <param name="Reporter">The user's progress callback.</param>
internal sealed record TrainingRequest(SparseIhtTask Task, SparseIhtOptionsBase Options, IMarginLoss Loss, IParameterInitializer Initializer,
    IhtSolverOptions Training, int ShuffleSeed, string FeatureColumn, SparseIhtProgressReporter Reporter);
