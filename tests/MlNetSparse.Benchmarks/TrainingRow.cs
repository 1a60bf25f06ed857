namespace MlNetSparse.Benchmarks;

/// <summary>One trained model in the training table. Null fields do not apply to that trainer.</summary>
/// <param name="Problem">"dense" or "sparse".</param>
/// <param name="Trainer">What trained it.</param>
/// <param name="Sparsity">s, the budget.</param>
/// <param name="Nonzeros">Nonzero weights and bias of the model.</param>
/// <param name="TestAccuracy">On the held-out 20 %.</param>
/// <param name="TestAuc">On the held-out 20 %.</param>
/// <param name="TrainLoss">f(θ): the unpenalised mean logistic loss on the training rows, the same function for every trainer.</param>
/// <param name="ReadSeconds">Time spent reading the IDataView into memory before training started (SparseIht through ML.NET).</param>
/// <param name="EstimateSeconds">Time of the Monte-Carlo L̂₂ₛ (IHT's step), included in the times after it.</param>
/// <param name="TimeToTargetSeconds">Time to a model within 1 % of the best loss.</param>
/// <param name="IterationsToTarget">IHT iterations to that model.</param>
/// <param name="Iterations">IHT iterations of the whole run.</param>
/// <param name="FitSeconds">The fit that produced this model (for the L1 trainers: the final λ's fit alone; the median of three for them and for the default SparseIht fit); null when nothing was fitted.</param>
/// <param name="TuningSeconds">All fits of the λ search, the final one included.</param>
/// <param name="Fits">Fits it took; null when nothing was fitted.</param>
/// <param name="FastestFitSeconds">Where <paramref name="FitSeconds"/> is the median of repeated fits, the fastest of them.</param>
internal sealed record TrainingRow(string Problem, string Trainer, int Sparsity, int Nonzeros, double TestAccuracy, double TestAuc,
    double TrainLoss, double? ReadSeconds, double? EstimateSeconds, double? TimeToTargetSeconds, int? IterationsToTarget, int? Iterations,
    double? FitSeconds, double? TuningSeconds, int? Fits, double? FastestFitSeconds = null);
