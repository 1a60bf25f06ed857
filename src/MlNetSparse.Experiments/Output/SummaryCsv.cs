using System.Globalization;
using System.Text;
using MlNetSparse.Experiments.Study;

namespace MlNetSparse.Experiments.Output;

/// <summary>The per-level summary: quartiles of every plotted quantity, as CSV and as a Markdown table of medians.</summary>
public static class SummaryCsv
{
    private static readonly (string Name, Func<LevelSummary, Distribution> Get)[] Quantities =
    [
        ("gamma", l => l.StepSize), ("train_loss", l => l.TrainLoss), ("test_loss", l => l.TestLoss),
        ("train_accuracy", l => l.TrainAccuracy), ("test_accuracy", l => l.TestAccuracy), ("steps", l => l.Steps), ("gap", l => l.Gap),
    ];

    /// <summary>Writes one row per level: runs, the reached-threshold and stable fractions, and min/q1/median/q3/max of each quantity.</summary>
    public static void Write(string path, IEnumerable<LevelSummary> levels)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append("level,runs,reached_threshold,ht_stable");
        foreach (var (name, _) in Quantities)
            text.Append(c, $",{name}_min,{name}_q1,{name}_median,{name}_q3,{name}_max");
        text.AppendLine();
        foreach (LevelSummary level in levels)
        {
            text.Append(c, $"{level.Level},{level.Runs},{level.ReachedThreshold:R},{level.Stable:R}");
            foreach (var (_, get) in Quantities)
            {
                Distribution d = get(level);
                text.Append(c, $",{d.Minimum:R},{d.LowerQuartile:R},{d.Median:R},{d.UpperQuartile:R},{d.Maximum:R}");
            }
            text.AppendLine();
        }
        File.WriteAllText(path, text.ToString());
    }

    /// <summary>A Markdown table of the medians per level (the numbers behind the paper's Figs. 9–13) plus the gap and how runs ended.</summary>
    public static string MedianTable(IEnumerable<LevelSummary> levels)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("| s | γ = 1/L̂₂ₛ | train loss | test loss | train acc. | test acc. | steps | reached 0.05 | HT-stable | gap f(θₛ) − f(θdense) |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (LevelSummary l in levels)
            text.AppendLine(c, $"| {l.Level} | {l.StepSize.Median:F3} | {l.TrainLoss.Median:F4} | {l.TestLoss.Median:F4} | {l.TrainAccuracy.Median:F3} | " +
                $"{l.TestAccuracy.Median:F3} | {l.Steps.Median:F0} | {l.ReachedThreshold:P0} | {l.Stable:P0} | {l.Gap.Median:F4} |");
        return text.ToString();
    }
}
