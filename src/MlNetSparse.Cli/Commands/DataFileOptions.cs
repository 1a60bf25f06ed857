using System.CommandLine;
using System.CommandLine.Parsing;
using MlNetSparse.Cli.Data;
using MlNetSparse.DataFiles;

namespace MlNetSparse.Cli.Commands;

/// <summary>The options that say how to read a CSV/TSV file where inference would guess wrong, bound to typed values.</summary>
internal static class DataFileOptions
{
    /// <summary>--separator: "tab" (or \t) or any one character → that character; absent → null (inferred).</summary>
    public static Option<char?> Separator(string description) => new("--separator")
    {
        Description = description,
        CustomParser = result =>
        {
            string text = result.Tokens[^1].Value;
            if (text is "tab" or "\\t" or "\t")
                return '\t';
            if (text.Length == 1)
                return text[0];
            result.AddError($"--separator must be one character (, ; |) or tab; got '{text}'.");
            return null;
        },
    };

    /// <summary>--has-header true|false; absent → null (inferred).</summary>
    public static Option<bool?> HasHeader() => new("--has-header") { Description = "true or false: whether the first line names the columns (default: inferred)." };

    /// <summary>--column-type Name=text|number, repeatable → the kinds by column name; absent → null.</summary>
    public static Option<IReadOnlyDictionary<string, ColumnKind>?> ColumnTypes() => new("--column-type")
    {
        Description = "Name=text or Name=number, to override an inferred column type; repeatable.",
        AllowMultipleArgumentsPerToken = true,
        CustomParser = ParseColumnTypes,
    };

    private static IReadOnlyDictionary<string, ColumnKind>? ParseColumnTypes(ArgumentResult result)
    {
        var kinds = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);
        foreach (string pair in result.Tokens.Select(t => t.Value))
        {
            int equals = pair.LastIndexOf('=');
            string kind = equals < 0 ? "" : pair[(equals + 1)..].ToLowerInvariant();
            if (equals <= 0 || kind is not ("text" or "number"))
            {
                result.AddError($"--column-type must be Name=text or Name=number; got '{pair}'.");
                return null;
            }
            kinds[pair[..equals]] = kind == "text" ? ColumnKind.Text : ColumnKind.Number;
        }
        return kinds.Count == 0 ? null : kinds;
    }
}
