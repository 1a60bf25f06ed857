using System.Text.RegularExpressions;

namespace MlNetSparse.Cli.Commands;

/// <summary>
/// Puts the library's messages (the trainers' warnings, and the errors that reach the user) in the
/// tool's terms: an API option becomes the command-line option that sets it, and advice the tool
/// already follows is left out: `train` standardizes the features (NormalizeMeanVariance), scales
/// the CNN's pixels to [0, 1] and batch-normalizes its layers itself, so telling its user to do so
/// would send them looking for a flag that does not exist.
/// </summary>
internal static class ToolWording
{
    // The one map from the library's option names (its ParamName) to the tool's flags: the trainers'
    // commands name their options through Flag, and the library's messages are translated through it.
    private static readonly Dictionary<string, string> OptionNames = new(StringComparer.Ordinal)
    {
        ["Sparsity"] = "--sparsity",
        ["MaximumNumberOfIterations"] = "--max-iterations",
        ["LossTolerance"] = "--loss-tolerance",
        ["L2Regularization"] = "--l2",
        ["PathSelectionTolerance"] = "--path-tolerance",
        ["NumberOfFolds"] = "--path-folds",
        ["CrossValidationRepeats"] = "--path-repeats",
        ["PathL2Regularization"] = "--path-l2",
        ["PathSelectionRule"] = "--path-selection",
        ["PolishSupport"] = "--polish",
        ["WorkingSet"] = "--working-set",
        ["PolishAfterStableSteps"] = "--polish-after",
        ["Lambda"] = "--lambda",
        ["Beta"] = "--beta",
        ["NumberOfEpochs"] = "--epochs",
        ["Epochs"] = "--epochs",   // the network trainer's own name for NumberOfEpochs
        ["LearningRate"] = "--learning-rate",
        ["BatchSize"] = "--batch-size",
        ["Sparsification"] = "--sparsification",
        ["Optimizer"] = "--optimizer",
        ["Momentum"] = "--momentum",
        ["WeightDecay"] = "--weight-decay",
        ["LearningRateSchedule"] = "--schedule",
        ["LearningRateDropEpochs"] = "--drop-epochs",
        ["LearningRateDropFactor"] = "--drop-factor",
        ["NumberOfThreads"] = "--threads",
        ["TargetSparsity"] = "--target-sparsity",
        ["TargetSparsityPerLayer"] = "--target-per-layer",
        ["TargetSparsityRampEpochs"] = "--target-ramp-epochs",
        ["TransformedL1Shape"] = "--tl1-shape",
        ["Width"] = "--width",
    };

    private static readonly Regex OptionName = new($@"\b({string.Join("|", OptionNames.Keys)})\b", RegexOptions.CultureInvariant);

    // Each remedy the tool applies already, as the library words it in a list of remedies ("A, B, or C."),
    // with what replaces it: nothing, or a rewording where the next item leans on it.
    private static readonly (Regex Remedy, string Replacement)[] RemediesApplied =
    [
        (new Regex(@"Standardize the features \(e\.g\. NormalizeMeanVariance\), check them", RegexOptions.CultureInvariant), "Check the features"),
        (new Regex(@"(?i:standardize the features), ", RegexOptions.CultureInvariant), ""),
        (new Regex(@"(?i:scale the inputs to about \[0, 1\] or standardize them), ", RegexOptions.CultureInvariant), ""),
        (new Regex(@", or add BatchNorm layers", RegexOptions.CultureInvariant), ""),   // the tool's LeNet-5 has them after every layer
    ];

    // The trainers' warnings about constant features: the tool says the same of the file's columns
    // (Data/DataWarnings), by name and with the file's value rather than the standardized 0.
    private static readonly Regex ConstantFeatures = new(@"\bconstant over the \d+ training rows\b", RegexOptions.CultureInvariant);

    /// <summary>Whether the tool reports what <paramref name="message"/> says in its own words already, so the library's is left out.</summary>
    public static bool SaidByTheTool(string message) => ConstantFeatures.IsMatch(message);

    /// <summary>The flag that sets the library's option <paramref name="parameterName"/> (a property of its Options classes).</summary>
    public static string Flag(string parameterName) => OptionNames[parameterName];

    /// <summary>
    /// The library's rejection of an option's value, in the tool's terms and led by the flag:
    /// "NumberOfEpochs must be in [1, …]; got 0." for NumberOfEpochs → "--epochs: must be in [1, …]; got 0.".
    /// Any other message is <see cref="Translate"/>d.
    /// </summary>
    public static string OptionError(string message, string? parameterName)
    {
        string text = Translate(message);
        if (parameterName is null || !OptionNames.TryGetValue(parameterName, out string? flag))
            return text;
        return text.StartsWith(flag + " ", StringComparison.Ordinal) ? $"{flag}: {text[(flag.Length + 1)..]}" : $"{flag}: {text}";
    }

    /// <summary><paramref name="message"/> in the tool's terms.</summary>
    public static string Translate(string message)
    {
        string text = message;
        foreach ((Regex remedy, string replacement) in RemediesApplied)
            text = Replace(text, remedy, replacement);
        return OptionName.Replace(text, match => OptionNames[match.Value]);
    }

    // Replaces each match; a sentence whose first remedy is left out starts with the next one, capitalized.
    private static string Replace(string text, Regex remedy, string replacement)
    {
        Match match = remedy.Match(text);
        if (!match.Success)
            return text;
        string after = text[(match.Index + match.Length)..];
        bool sentenceStart = match.Index == 0 || text[..match.Index].EndsWith(". ", StringComparison.Ordinal);
        if (replacement.Length == 0 && sentenceStart && after.Length > 0)
            after = char.ToUpperInvariant(after[0]) + after[1..];
        return Replace(text[..match.Index] + replacement + after, remedy, replacement);   // no replacement matches its own remedy
    }
}
