using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlNetSparse.Cli.Commands;

/// <summary>
/// How `train --json` writes its report: camelCase names, indented, and every number valid JSON.
/// JSON has no NaN or infinity, and the strings "NaN"/"Infinity" would turn a number field into a
/// string: a non-finite value (a LogLoss of ∞, an AUC of NaN) is written as null, and the report's
/// warnings say why it is not finite.
/// </summary>
internal static class JsonReportOptions
{
    /// <summary>The options, shared by the sparse IHT and the CNN reports.</summary>
    public static readonly JsonSerializerOptions Default = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,   // ×, →, ± and accents stay readable
        Converters = { new FiniteOrNull<double>(), new FiniteOrNull<float>() },
    };

    private sealed class FiniteOrNull<T> : JsonConverter<T> where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? T.NaN : T.CreateChecked(reader.GetDouble());

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (!T.IsFinite(value))
                writer.WriteNullValue();
            else if (typeof(T) == typeof(float))
                writer.WriteNumberValue(float.CreateChecked(value));   // float's own shortest form, not its double expansion
            else
                writer.WriteNumberValue(double.CreateChecked(value));
        }
    }
}
