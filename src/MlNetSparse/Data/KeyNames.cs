using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetSparse.Data;

/// <summary>The text values behind a key-typed label (MapValueToKey keeps them), used to name classes.</summary>
internal static class KeyNames
{
    /// <summary>The class names of <paramref name="label"/>, or null when it has no text key values for all <paramref name="count"/> keys.</summary>
    public static string[]? Of(DataViewSchema.Column label, int count)
    {
        if (!label.HasKeyValues(TextDataViewType.Instance))
            return null;
        VBuffer<ReadOnlyMemory<char>> keyValues = default;
        label.GetKeyValues(ref keyValues);
        return keyValues.Length == count ? [.. keyValues.DenseValues().Select(v => v.ToString())] : null;
    }
}
