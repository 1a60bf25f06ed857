using MlNetSparse.Experiments.Data;
using MlNetSparse.Experiments.Study;

namespace MlNetSparse.Experiments.Output;

/// <summary>The files a finished study leaves in its folder: runs.csv, summary.csv, summary.md and the figures.</summary>
public static class StudyFiles
{
    /// <summary>Writes every output of <paramref name="result"/> into <paramref name="folder"/>; returns the figures' paths.</summary>
    public static IReadOnlyList<string> WriteAll(StudyResult result, ClassificationData data, string folder)
    {
        ArgumentNullException.ThrowIfNull(result);
        RunCsv.WriteAll(Path.Combine(folder, "runs.csv"), result.Runs);
        SummaryCsv.Write(Path.Combine(folder, "summary.csv"), result.Levels);
        File.WriteAllText(Path.Combine(folder, "summary.md"), SummaryCsv.MedianTable(result.Levels));
        return StudyFigures.SaveAll(result, data, folder);
    }
}
