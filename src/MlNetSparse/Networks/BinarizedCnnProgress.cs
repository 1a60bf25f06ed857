using MlNetSparse.Core.Networks.Training;

namespace MlNetSparse.Networks;

/// <summary>Where a <see cref="BinarizedCnnTrainer"/> run is.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Epochs in all.</param>
/// <param name="Step">Mini-batch steps done in this epoch.</param>
/// <param name="StepsPerEpoch">Mini-batch steps per epoch.</param>
/// <param name="Completed">The record of the epoch just finished; null between steps.</param>
/// <param name="Lambda">After a step: RVSCGD's λ of that step (the one <c>TargetSparsity</c> found, or the fixed one); null for a
/// dense network, with per-layer λ (each layer's is in the epoch's record), and in an epoch's report (see <see cref="EpochRecord.Lambda"/>).</param>
public sealed record BinarizedCnnProgress(int Epoch, int Epochs, int Step, int StepsPerEpoch, EpochRecord? Completed, double? Lambda = null);
