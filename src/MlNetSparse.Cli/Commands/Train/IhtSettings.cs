using MlNetSparse.Core.Training;
using MlNetSparse.Trainers;

namespace MlNetSparse.Cli.Commands;

/// <summary>What `train iht` adds to <see cref="TrainSettings"/>: the sparse IHT trainer's options, range-checked by the library.</summary>
/// <param name="Sparsity">s, or null for the automatic sparsity path (`auto`).</param>
/// <param name="MaximumIterations">The IHT iteration cap.</param>
/// <param name="PathTolerance">With `auto`: the smallest s whose validation loss is within this relative tolerance of the best is chosen.</param>
/// <param name="LossTolerance">IHT stops once the training loss is at most this (0: never for the loss).</param>
/// <param name="L2Regularization">λ₂ of the ridge term (λ₂/2)·‖w‖² (0: none, the paper's objective).</param>
/// <param name="PathFolds">With `auto`: k of the k-fold cross-validation that chooses s (1: one held-out split).</param>
/// <param name="PathSelection">With `auto`: how s is read off the cross-validation curve.</param>
/// <param name="PolishSupport">After IHT, Newton steps on the support to its optimum (docs/algorithms.md#support-polish).</param>
/// <param name="WorkingSet">IHT on a working set of columns, checked on all columns (docs/algorithms.md#working-set).</param>
/// <param name="PathRepeats">With `auto`: how many times the k-fold cross-validation runs (0: by the row count).</param>
/// <param name="PathL2Regularization">With `auto`, for classification: c of the ridge c/rows of every fit of the path.</param>
/// <param name="PolishAfterStableSteps">With the polish: IHT hands over to it once the support has been unchanged over this many steps (0: after IHT has stopped).</param>
public sealed record IhtSettings(int? Sparsity, int MaximumIterations = SparseIhtOptionsBase.Defaults.MaximumNumberOfIterations,
    double PathTolerance = SparseIhtOptionsBase.Defaults.PathSelectionTolerance, double LossTolerance = SparseIhtOptionsBase.Defaults.LossTolerance,
    double L2Regularization = SparseIhtOptionsBase.Defaults.L2Regularization,
    int PathFolds = SparseIhtOptionsBase.Defaults.NumberOfFolds, SparsitySelectionRule PathSelection = SparseIhtOptionsBase.Defaults.PathSelectionRule,
    bool PolishSupport = MlNetSparse.Core.Solvers.IhtSolverOptions.Defaults.PolishSupport,
    WorkingSetMode WorkingSet = MlNetSparse.Core.Solvers.IhtSolverOptions.Defaults.WorkingSet,
    int PathRepeats = SparseIhtOptionsBase.Defaults.CrossValidationRepeats,
    double PathL2Regularization = SparseIhtOptionsBase.Defaults.PathL2Regularization,
    int PolishAfterStableSteps = MlNetSparse.Core.Solvers.IhtSolverOptions.Defaults.PolishAfterStableSteps);
