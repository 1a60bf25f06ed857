using System.CommandLine;

namespace MlNetSparse.Cli.Commands;

/// <summary>
/// An option whose value is one of a few words, bound by System.CommandLine to the typed value each
/// word stands for (an enum member, a trainer): the words are declared once, beside their values, and
/// give the completions and the one error line "--task must be binary, multiclass or regression; got 'x'."
/// </summary>
internal static class ChoiceOption
{
    /// <summary>An option <paramref name="name"/> taking one of <paramref name="choices"/>' words (case-insensitive).</summary>
    public static Option<T> Create<T>(string name, string description, IReadOnlyList<(string Word, T Value)> choices)
    {
        string allowed = Words(choices.Select(c => c.Word).ToList());
        var option = new Option<T>(name)
        {
            Description = description,
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                foreach ((string word, T value) in choices)
                    if (string.Equals(word, text, StringComparison.OrdinalIgnoreCase))
                        return value;
                result.AddError($"{name} must be {allowed}; got '{text}'.");
                return default!;
            },
        };
        // Only these words: for an enum System.CommandLine would offer its member names too, in both cases.
        option.CompletionSources.Clear();
        option.CompletionSources.Add([.. choices.Select(c => c.Word)]);
        option.HelpName = string.Join("|", choices.Select(c => c.Word));
        return option;
    }

    // "a, b or c".
    private static string Words(IReadOnlyList<string> words) =>
        words.Count == 1 ? words[0] : string.Join(", ", words.Take(words.Count - 1)) + " or " + words[^1];
}
