using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace MlNetSparse.Cli.Commands;

/// <summary>
/// The warnings ML.NET and the trainers write to <c>MLContext.Log</c> (no convergence within the
/// iteration cap, skipped rows, a layer zeroed by RVSCGD, ...): the report shows those of the Fit whose
/// model goes into the zip, since a user of the CLI never sees the log. Cross-validation's folds are
/// cleared away before that Fit, each once. The trainers' remedies name their API options; the
/// user of the tool gets them in its terms (<see cref="ToolWording"/>).
/// </summary>
internal sealed class TrainerWarnings
{
    private readonly List<string> _messages = [];

    /// <summary>Listens to <paramref name="mlContext"/>'s log from now on.</summary>
    public TrainerWarnings(MLContext mlContext)
    {
        mlContext.Log += (_, e) =>
        {
            if (e.Kind != ChannelMessageKind.Warning || ToolWording.SaidByTheTool(e.RawMessage))
                return;
            string message = ToolWording.Translate(e.RawMessage);
            lock (_messages)
                _messages.Add(message);
        };
    }

    /// <summary>Forgets what came so far: the next Fit is the one that matters.</summary>
    public void Clear()
    {
        lock (_messages)
            _messages.Clear();
    }

    /// <summary>The warnings since the last <see cref="Clear"/>, each once, in order.</summary>
    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages)
                return [.. _messages.Distinct(StringComparer.Ordinal)];
        }
    }
}
