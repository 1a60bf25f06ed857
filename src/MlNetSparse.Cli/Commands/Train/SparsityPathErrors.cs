using System.Globalization;
using MlNetSparse.Cli.Data;
using MlNetSparse.Trainers;
using MlNetSparse.DataFiles;

namespace MlNetSparse.Cli.Commands;

/// <summary>
/// `--sparsity auto` trains the sparsity path, which holds out part of the training rows to choose s
/// (the library's ValidationFraction, which the tool leaves at its default). On too few rows the
/// library's error names that option and asks for a larger one; the tool's user gets what the tool
/// can do instead.
/// </summary>
internal static class SparsityPathErrors
{
    /// <summary>Runs <paramref name="fit"/>; a failure to split rows for the path becomes a user error in the tool's options.</summary>
    public static T Translate<T>(IhtSettings iht, DataFileSchema schema, PredictionTask task, Func<T> fit)
    {
        try
        {
            return fit();
        }
        catch (Exception error) when (iht.Sparsity is null && IsValidationSplitFailure(error))
        {
            string fraction = SparseIhtOptionsBase.Defaults.ValidationFraction.ToString("P0", CultureInfo.InvariantCulture);
            string rows = task == PredictionTask.Regression ? "the training rows" : "each class's training rows";
            throw new UserErrorException($"--sparsity auto: too few rows to choose s. The sparsity path holds out {fraction} of {rows} to compare the values of s, " +
                $"and the {schema.RowCount} rows of {schema.Path} leave none to hold out; pass a fixed --sparsity (for example --sparsity 1) or use more rows.");
        }
        catch (Exception error) when (iht.Sparsity is null && IsFoldsFailure(error))
        {
            throw new UserErrorException($"--sparsity auto: too few rows to choose s. The sparsity path cross-validates s on {iht.PathFolds} folds ({ToolWording.Flag(nameof(SparseIhtOptionsBase.NumberOfFolds))}), " +
                $"each holding out at least one training row, and the {schema.RowCount} rows of {schema.Path} leave fewer; pass a fixed --sparsity (for example --sparsity 1), " +
                $"fewer {ToolWording.Flag(nameof(SparseIhtOptionsBase.NumberOfFolds))}, or use more rows.");
        }
    }

    // The library's rejection of more folds than training rows, possibly inside ML.NET's wrapping.
    private static bool IsFoldsFailure(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
            if (e is ArgumentOutOfRangeException { ParamName: nameof(SparseIhtOptionsBase.NumberOfFolds) })
                return true;
        return false;
    }

    // The library's InvalidOperationException, possibly inside ML.NET's wrapping; it is the one error that names ValidationFraction.
    private static bool IsValidationSplitFailure(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
            if (e is InvalidOperationException && e.Message.Contains(nameof(SparseIhtOptionsBase.ValidationFraction), StringComparison.Ordinal))
                return true;
        return false;
    }
}
