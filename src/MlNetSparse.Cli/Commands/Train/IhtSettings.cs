using MlNetSparse.Trainers;

namespace MlNetSparse.Cli.Commands;

/// <summary>What `train iht` adds to <see cref="TrainSettings"/>: the sparse IHT trainer's options, range-checked by the library.</summary>
/// <param name="Sparsity">s, or null for the automatic sparsity path (`auto`).</param>
/// <param name="MaximumIterations">The IHT iteration cap.</param>
/// <param name="PathTolerance">With `auto`: the smallest s whose validation loss is within this relative tolerance of the best is chosen.</param>
/// <param name="LossTolerance">IHT stops once the training loss is at most this (0: never for the loss).</param>
/// <param name="PolishSupport">After IHT, Newton steps on the support to its optimum (docs/algorithms.md#support-polish).</param>
public sealed record IhtSettings(int? Sparsity, int MaximumIterations = SparseIhtOptionsBase.Defaults.MaximumNumberOfIterations,
    double PathTolerance = SparseIhtOptionsBase.Defaults.PathSelectionTolerance, double LossTolerance = SparseIhtOptionsBase.Defaults.LossTolerance,
    bool PolishSupport = MlNetSparse.Core.Solvers.IhtSolverOptions.Defaults.PolishSupport);
