using System.Globalization;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Experiments.Study;

namespace MlNetSparse.Experiments.Output;

/// <summary>
/// The study's per-run CSV: one row per run, invariant culture, round-trip numbers. The support
/// column lists the nonzero parameters' indices in θ = [W (k×n), b (k)], separated by spaces.
/// </summary>
public static class RunCsv
{
    /// <summary>The header row.</summary>
    public const string Header =
        "level,run,data_seed,init_seed,support_seed,mc_seed,l2s_hat,gamma,final_gamma,steps,backtracks,stop_reason," +
        "train_loss,test_loss,train_accuracy,test_accuracy,verdict,certificate_left,certificate_right,certificate_margin," +
        "support_gradient_norm,dense_train_loss,gap,support";

    /// <summary>One run as a CSV row (no newline).</summary>
    public static string Row(RunResult run)
    {
        var c = CultureInfo.InvariantCulture;
        string Number(double value) => value.ToString("R", c);
        return string.Join(',',
            run.Level.ToString(c), run.Run.ToString(c),
            run.Seeds.Data.ToString(c), run.Seeds.Initialization.ToString(c), run.Seeds.Support.ToString(c), run.Seeds.MonteCarlo.ToString(c),
            Number(run.EstimatedSmoothness), Number(run.StepSize), Number(run.FinalStepSize),
            run.Steps.ToString(c), run.Backtracks.ToString(c), run.StopReason.ToString(),
            Number(run.TrainLoss), Number(run.TestLoss), Number(run.TrainAccuracy), Number(run.TestAccuracy),
            run.Verdict.ToString(), Number(run.CertificateLeft), Number(run.CertificateRight), Number(run.CertificateMargin),
            Number(run.SupportGradientNorm),
            run.DenseTrainLoss is double dense ? Number(dense) : "", run.Gap is double gap ? Number(gap) : "",
            string.Join(' ', run.Support.Select(i => i.ToString(c))));
    }

    /// <summary>Writes every run to <paramref name="path"/> atomically (a temporary file, then a move).</summary>
    public static void WriteAll(string path, IEnumerable<RunResult> runs)
    {
        string temporary = path + ".writing";
        using (var writer = new StreamWriter(temporary))
        {
            writer.WriteLine(Header);
            foreach (RunResult run in runs)
                writer.WriteLine(Row(run));
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a file written by <see cref="WriteAll"/> or <see cref="StreamingRunCsv"/>.</summary>
    /// <exception cref="FormatException">The header or a row is not in this format (the line is named).</exception>
    public static IReadOnlyList<RunResult> Read(string path)
    {
        using var reader = new StreamReader(path);
        if (reader.ReadLine() != Header)
            throw new FormatException($"'{path}' does not start with the study CSV header.");
        var runs = new List<RunResult>();
        int line = 1;
        for (string? text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            line++;
            try
            {
                runs.Add(Parse(text.Split(',')));
            }
            catch (Exception e) when (e is FormatException or IndexOutOfRangeException or ArgumentException)
            {
                throw new FormatException($"'{path}' line {line} is not a study row: {e.Message}", e);
            }
        }
        return runs;
    }

    private static RunResult Parse(string[] f)
    {
        if (f.Length != 24)
            throw new FormatException($"expected 24 fields, got {f.Length}");
        var c = CultureInfo.InvariantCulture;
        int Int(int i) => int.Parse(f[i], c);
        double Number(int i) => double.Parse(f[i], c);
        return new RunResult
        {
            Level = Int(0), Run = Int(1),
            Seeds = new RunSeeds(Int(2), Int(3), Int(4), Int(5)),
            EstimatedSmoothness = Number(6), StepSize = Number(7), FinalStepSize = Number(8),
            Steps = Int(9), Backtracks = Int(10), StopReason = Enum.Parse<IhtStopReason>(f[11]),
            TrainLoss = Number(12), TestLoss = Number(13), TrainAccuracy = Number(14), TestAccuracy = Number(15),
            Verdict = Enum.Parse<HtStabilityVerdict>(f[16]), CertificateLeft = Number(17), CertificateRight = Number(18),
            SupportGradientNorm = Number(20),
            DenseTrainLoss = f[21].Length == 0 ? null : Number(21),
            Support = f[23].Length == 0 ? [] : [.. f[23].Split(' ').Select(s => int.Parse(s, c))],
        };
    }
}
