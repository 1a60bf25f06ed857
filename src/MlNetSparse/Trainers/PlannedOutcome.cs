using MlNetSparse.Core.Solvers;

namespace MlNetSparse.Trainers;

/// <summary>What a <see cref="TrainingPlan"/> ran: the model, the IHT options it was trained with (s chosen, on a path) and the path's report.</summary>
/// <param name="Result">The trained model and its figures on all rows.</param>
/// <param name="Options">The IHT options of the final run.</param>
/// <param name="Path">The sparsity path's report; null for a single s.</param>
internal sealed record PlannedOutcome(TrainingOutcome Result, IhtSolverOptions Options, SparsityPathReport? Path);
