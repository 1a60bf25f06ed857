using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.Runtime;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Internals;

namespace MlNetSparse.Trainers;

/// <summary>
/// Bridges an IHT run to ML.NET: honours <c>MLContext.CancelExecution()</c> after every step and
/// reports progress through <c>MLContext.Log</c> (first step, then at most once a second) and to the
/// user's <see cref="SparseIhtOptionsBase.Progress"/> callback.
/// </summary>
internal sealed class TrainingProgress(IHost host, IChannel channel, SparseIhtProgressReporter reporter) : IIhtObserver
{
    private static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(1);
    private readonly Stopwatch _sinceReport = Stopwatch.StartNew();

    public void OnIteration(in IhtIteration iteration)
    {
        MlNetInternals.CheckAlive(null, host);
        reporter.OnIteration(iteration);
        if (iteration.Iteration != 1 && _sinceReport.Elapsed < ReportInterval)
            return;
        _sinceReport.Restart();
        channel.Info(MessageSensitivity.None, string.Format(CultureInfo.InvariantCulture,
            "IHT (s = {0}) iteration {1}: loss {2:G6}, γ = {3:G4}, max change {4:G3}{5}",
            iteration.Sparsity, iteration.Iteration, iteration.Loss, iteration.StepSize, iteration.Change,
            iteration.SupportChanged ? ", support changed" : ""));
    }
}
