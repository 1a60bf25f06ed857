using System.Globalization;
using Microsoft.ML.Runtime;
using MlNetSparse.Core.Networks.Training;
using MlNetSparse.Internals;

namespace MlNetSparse.Networks;

/// <summary>
/// Bridges a network training run to ML.NET: honours <c>MLContext.CancelExecution()</c> after every
/// step, logs each epoch through <c>MLContext.Log</c>, and forwards progress to the user's callback.
/// </summary>
internal sealed class NetworkTrainingProgress(IHost host, IChannel channel, IProgress<BinarizedCnnProgress>? progress, int epochs)
    : INetworkTrainingObserver
{
    public void OnStep(int epoch, int step, int stepsPerEpoch) => OnStep(epoch, step, stepsPerEpoch, null);

    public void OnStep(int epoch, int step, int stepsPerEpoch, double? lambda)
    {
        MlNetInternals.CheckAlive(null, host);
        progress?.Report(new BinarizedCnnProgress(epoch, epochs, step, stepsPerEpoch, null, lambda));
    }

    public void OnEpoch(EpochRecord record)
    {
        string lagrangian = record.Lagrangian is double l ? string.Create(CultureInfo.InvariantCulture, $", Lagrangian {l:G5}, {record.DescribeLambda()}") : "";
        long count = record.Tensors.Sum(t => (long)t.Count), nonzeros = record.Tensors.Sum(t => (long)t.Nonzeros);
        channel.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
            $"Epoch {record.Epoch}/{epochs}: mean loss {record.MeanLoss:G5}{lagrangian}, lr {record.LearningRate:G3}, ") +
            string.Create(CultureInfo.InvariantCulture, $"{nonzeros}/{count} weights nonzero, {record.Seconds:F1} s."));
        progress?.Report(new BinarizedCnnProgress(record.Epoch, epochs, 0, 0, record));
    }
}
