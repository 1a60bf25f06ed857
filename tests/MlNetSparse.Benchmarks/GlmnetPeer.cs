using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MlNetSparse.Benchmarks;

/// <summary>cv.glmnet's predictions at λ.min and λ.1se on the same outer and inner folds, and its nonzeros on all rows.</summary>
internal sealed record GlmnetRun(double[] PredictionMin, double[] PredictionOneSe, int NonzerosMin, int NonzerosOneSe);

/// <summary>
/// cv.glmnet through Rscript, as a peer of the choice benchmark and never a dependency: absent R or
/// glmnet skips it with the reason. The data goes through a temporary folder that is deleted after.
/// </summary>
internal static class GlmnetPeer
{
    private const string Script = """
        args <- commandArgs(TRUE); d <- read.csv(args[1]); fam <- args[2]; k <- as.integer(args[3])
        suppressMessages(library(glmnet))
        x <- as.matrix(d[, grep("^x", names(d))]); y <- d$label
        if (fam != "gaussian") y <- factor(y)
        nz <- function(fit, s) { b <- coef(fit, s = s); if (is.list(b)) sum(sapply(b, function(m) sum(m[-1] != 0))) else sum(b[-1] != 0) }
        for (o in 0:(k - 1)) {
          tr <- d$outer != o; te <- !tr
          fit <- suppressWarnings(cv.glmnet(x[tr, , drop = FALSE], y[tr], family = fam, foldid = d[[paste0("inner", o)]][tr] + 1))
          type <- if (fam == "gaussian") "response" else "class"
          pm <- predict(fit, x[te, , drop = FALSE], s = "lambda.min", type = type)
          ps <- predict(fit, x[te, , drop = FALSE], s = "lambda.1se", type = type)
          rows <- which(te) - 1
          for (i in seq_along(rows)) cat("P", rows[i], as.numeric(as.character(pm[i])), as.numeric(as.character(ps[i])), "\n")
        }
        full <- suppressWarnings(cv.glmnet(x, y, family = fam, foldid = d$full + 1))
        cat("NZ", nz(full, "lambda.min"), nz(full, "lambda.1se"), "\n")
        """;

    /// <summary>Null with <paramref name="reason"/> when Rscript or glmnet is not there.</summary>
    public static bool Available(out string reason)
    {
        try
        {
            (int code, string output) = RunR(["-e", "suppressMessages(library(glmnet)); cat(as.character(packageVersion('glmnet')))"]);
            reason = code == 0 ? $"glmnet {output.Trim()}" : "Rscript is here but glmnet is not (install r-cran-glmnet)";
            return code == 0;
        }
        catch (Win32Exception)
        {
            reason = "Rscript is not on the PATH (install r-base-core and r-cran-glmnet)";
            return false;
        }
    }

    /// <summary>Runs cv.glmnet for each outer fold on its training rows with the inner folds given, and on all rows with <paramref name="fullFolds"/>.</summary>
    public static GlmnetRun Run(ChoiceData data, int[] outer, int[][] inner, int[] fullFolds, int outerFolds)
    {
        string folder = Path.Combine(Path.GetTempPath(), "mlnetsparse-glmnet-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string csv = Path.Combine(folder, "data.csv"), script = Path.Combine(folder, "cv.R");
            File.WriteAllText(script, Script);
            var text = new StringBuilder();
            text.Append("outer,full,label");
            for (int o = 0; o < outerFolds; o++)
                text.Append(CultureInfo.InvariantCulture, $",inner{o}");
            for (int j = 0; j < data.FeatureCount; j++)
                text.Append(CultureInfo.InvariantCulture, $",x{j}");
            text.AppendLine();
            for (int i = 0; i < data.Rows; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{outer[i]},{fullFolds[i]},{data.Labels[i].ToString("R", CultureInfo.InvariantCulture)}");
                for (int o = 0; o < outerFolds; o++)
                    text.Append(CultureInfo.InvariantCulture, $",{inner[o][i]}");
                foreach (float v in data.Features[i])
                    text.Append(',').Append(v.ToString("R", CultureInfo.InvariantCulture));
                text.AppendLine();
            }
            File.WriteAllText(csv, text.ToString());
            string family = data.Task switch { ChoiceTask.Binary => "binomial", ChoiceTask.Multiclass => "multinomial", _ => "gaussian" };
            (int code, string output) = RunR([script, csv, family, outerFolds.ToString(CultureInfo.InvariantCulture)]);
            if (code != 0)
                throw new InvalidOperationException($"Rscript failed ({code}): {output}");
            double[] min = new double[data.Rows], se = new double[data.Rows];
            int nzMin = -1, nzSe = -1;
            foreach (string line in output.Split('\n'))
            {
                string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 4 && parts[0] == "P")
                {
                    int row = int.Parse(parts[1], CultureInfo.InvariantCulture);
                    min[row] = double.Parse(parts[2], CultureInfo.InvariantCulture);
                    se[row] = double.Parse(parts[3], CultureInfo.InvariantCulture);
                }
                else if (parts.Length == 3 && parts[0] == "NZ")
                    (nzMin, nzSe) = (int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
            }
            return new GlmnetRun(min, se, nzMin, nzSe);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (int Code, string Output) RunR(IEnumerable<string> arguments)
    {
        var (code, output, error) = PeerProcess.Run("Rscript", arguments);
        return (code, code == 0 ? output : output + error);
    }
}
