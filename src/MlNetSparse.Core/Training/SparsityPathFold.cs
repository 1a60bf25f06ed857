using MlNetSparse.Core.Objectives;

namespace MlNetSparse.Core.Training;

/// <summary>One fold of a cross-validated sparsity path: the loss on the rows it trains on and on the rows it holds out.</summary>
/// <param name="Training">f on the fold's training rows (every row outside the fold).</param>
/// <param name="Validation">The same loss on the fold's held-out rows.</param>
/// <param name="ValidationWeight">The held-out rows' total weight (their count when unweighted): the fold's weight in the pooled curve, &gt; 0.</param>
public sealed record SparsityPathFold(IDifferentiableObjective Training, IDifferentiableObjective Validation, double ValidationWeight);
