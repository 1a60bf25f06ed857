using System.Globalization;
using Microsoft.ML.Runtime;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Training;
using MlNetSparse.Internals;

namespace MlNetSparse.Trainers;

/// <summary>
/// Bridges a sparsity path to ML.NET: IHT steps go to <see cref="TrainingProgress"/>; each finished
/// s is scored on the validation rows, kept for the report and logged as one line; cancellation is
/// honoured between Monte-Carlo samples and between s as well as between steps. With
/// <paramref name="heldOut"/> false (the all-rows path of a cross-validated choice) the line leaves out
/// the "validation" loss, which is the training loss there.
/// </summary>
internal sealed class SparsityPathProgress(IHost host, IChannel channel, SparseIhtProgressReporter reporter, Func<SparsityPathStep, ValidationScores> score,
    bool heldOut = true)
    : ISparsityPathObserver
{
    private readonly TrainingProgress _iterations = new(host, channel, reporter);
    private readonly List<SparsityPathEntry> _entries = [];

    /// <summary>The s values finished so far, scored.</summary>
    public IReadOnlyList<SparsityPathEntry> Entries => _entries;

    public void OnIteration(in IhtIteration iteration) => _iterations.OnIteration(iteration);

    public void OnCheckpoint() => MlNetInternals.CheckAlive(null, host);

    public void OnPathStep(SparsityPathStep step)
    {
        ValidationScores scores = score(step);
        IhtSolution solution = step.Training.Solution;
        var entry = new SparsityPathEntry(step.Sparsity, step.Iterations, solution.StopReason, step.TrainingLoss, step.ValidationLoss,
            scores.Accuracy, scores.Auc, scores.Rmse, step.Verdict, step.NonzeroCount, solution.InitialStepSize);
        _entries.Add(entry);
        channel.Info(MessageSensitivity.None, string.Format(CultureInfo.InvariantCulture,
            "Sparsity path s = {0}: {1} iterations ({2}{3}), training loss {4:G6}{5}{6}, {7} nonzero, certificate {8}.",
            entry.Sparsity, entry.Iterations, entry.StopReason, step.WarmStarted ? ", warm start" : "", entry.TrainingLoss,
            heldOut ? string.Format(CultureInfo.InvariantCulture, ", validation loss {0:G6}", entry.ValidationLoss) : "",
            Metrics(entry), entry.NonzeroCount, entry.Verdict));
    }

    private static string Metrics(SparsityPathEntry entry)
    {
        var c = CultureInfo.InvariantCulture;
        string text = "";
        if (entry.ValidationAccuracy is double accuracy) text += string.Format(c, ", accuracy {0:F4}", accuracy);
        if (entry.ValidationAuc is double auc) text += string.Format(c, ", AUC {0:F4}", auc);
        if (entry.ValidationRmse is double rmse) text += string.Format(c, ", RMSE {0:G5}", rmse);
        return text;
    }
}
