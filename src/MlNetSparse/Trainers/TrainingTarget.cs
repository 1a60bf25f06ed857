namespace MlNetSparse.Trainers;

/// <summary>What a <see cref="TrainingPlan"/> trains: one s, or the s a choice among several finds.</summary>
internal enum TrainingTarget
{
    /// <summary>The options' Sparsity.</summary>
    SingleSparsity,

    /// <summary>A sparsity path, s chosen on held-out rows, then a refit on all rows.</summary>
    SparsityPath,

    /// <summary>A sparsity path on all rows, s chosen by k-fold cross-validation (or the extended BIC), then polished on all rows.</summary>
    CrossValidatedSparsityPath,
}
