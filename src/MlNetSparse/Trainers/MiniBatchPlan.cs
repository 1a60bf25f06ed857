using System.Globalization;
using Microsoft.ML.Runtime;
using MlNetSparse.Core.Stochastic;
using MlNetSparse.Data;

namespace MlNetSparse.Trainers;

/// <summary>Turns the trainer's mini-batch options into the core's schedule, and says in the log how the rows will be used.</summary>
internal static class MiniBatchPlan
{
    /// <summary>The schedule, or null for full-batch IHT (<see cref="SparseIhtOptionsBase.MiniBatchSize"/> = 0).</summary>
    public static MiniBatchOptions? Create(SparseIhtOptionsBase options, TrainingData data, IChannel channel)
    {
        string rows = data.Caching == SparseIhtDataCaching.Streaming ? "rows streamed from the data view in its order" : "rows cached in memory";
        if (options.MiniBatchSize == 0)
        {
            channel.Info(MessageSensitivity.None, $"Full-batch IHT, {rows}.");
            return null;
        }
        channel.Info(MessageSensitivity.None, string.Format(CultureInfo.InvariantCulture,
            "Mini-batch IHT: batches of min({0}, ⌈{1}·{2:G4}ᵏ⌉) rows at step k, {3}{4}.", data.Rows.RowsUsed, options.MiniBatchSize,
            options.MiniBatchGrowth, rows, data.Caching == SparseIhtDataCaching.InMemory ? ", shuffled each epoch" : ""));
        return new MiniBatchOptions { InitialSize = options.MiniBatchSize, Growth = options.MiniBatchGrowth };
    }
}
