namespace MlNetSparse.Core.Onnx;

/// <summary>
/// One named attribute of a node (ONNX AttributeProto), made by a typed factory:
/// <see cref="Int"/>, <see cref="Ints"/>, <see cref="Float"/>, <see cref="Floats"/>,
/// <see cref="String"/>, <see cref="FloatTensor"/> or <see cref="Int64Tensor"/>.
/// </summary>
public sealed class OnnxAttribute
{
    private readonly int _type;
    private readonly long _int;
    private readonly float _float;
    private readonly long[]? _ints;
    private readonly float[]? _floats;
    private readonly string? _string;
    private readonly OnnxTensor? _tensor;

    private OnnxAttribute(string name, int type, long i = 0, float f = 0, long[]? ints = null,
        float[]? floats = null, string? s = null, OnnxTensor? tensor = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _type = type;
        _int = i;
        _float = f;
        _ints = ints;
        _floats = floats;
        _string = s;
        _tensor = tensor;
    }

    /// <summary>The attribute's name, such as "kernel_shape".</summary>
    public string Name { get; }

    /// <summary>An INT attribute.</summary>
    /// <exception cref="ArgumentException">An empty or blank name.</exception>
    public static OnnxAttribute Int(string name, long value) =>
        new(name, OnnxProtoFields.AttributeType.Int, i: value);

    /// <summary>An INTS attribute (the values are copied).</summary>
    /// <exception cref="ArgumentException">An empty or blank name.</exception>
    public static OnnxAttribute Ints(string name, params ReadOnlySpan<long> values) =>
        new(name, OnnxProtoFields.AttributeType.Ints, ints: values.ToArray());

    /// <summary>A FLOAT attribute.</summary>
    /// <exception cref="ArgumentException">An empty or blank name.</exception>
    public static OnnxAttribute Float(string name, float value) =>
        new(name, OnnxProtoFields.AttributeType.Float, f: value);

    /// <summary>A FLOATS attribute (the values are copied).</summary>
    /// <exception cref="ArgumentException">An empty or blank name.</exception>
    public static OnnxAttribute Floats(string name, params ReadOnlySpan<float> values) =>
        new(name, OnnxProtoFields.AttributeType.Floats, floats: values.ToArray());

    /// <summary>A STRING attribute, stored as UTF-8.</summary>
    /// <exception cref="ArgumentException">An empty or blank name.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static OnnxAttribute String(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(name, OnnxProtoFields.AttributeType.String, s: value);
    }

    /// <summary>A TENSOR attribute holding a float tensor (for instance the value of a Constant node).</summary>
    /// <exception cref="ArgumentException">An empty name, a negative dim, or a value count that does not match the dims.</exception>
    public static OnnxAttribute FloatTensor(string name, ReadOnlySpan<int> dims, ReadOnlySpan<float> values) =>
        new(name, OnnxProtoFields.AttributeType.Tensor, tensor: OnnxTensor.Float(name, dims, values));

    /// <summary>A TENSOR attribute holding an int64 tensor.</summary>
    /// <exception cref="ArgumentException">An empty name, a negative dim, or a value count that does not match the dims.</exception>
    public static OnnxAttribute Int64Tensor(string name, ReadOnlySpan<int> dims, ReadOnlySpan<long> values) =>
        new(name, OnnxProtoFields.AttributeType.Tensor, tensor: OnnxTensor.Int64(name, dims, values));

    /// <summary>Writes this attribute as an AttributeProto.</summary>
    internal void WriteTo(ProtoWriter writer)
    {
        writer.WriteString(OnnxProtoFields.Attribute.Name, Name);
        switch (_type)
        {
            case OnnxProtoFields.AttributeType.Float:
                writer.WriteFloat(OnnxProtoFields.Attribute.F, _float);
                break;
            case OnnxProtoFields.AttributeType.Int:
                writer.WriteInt64(OnnxProtoFields.Attribute.I, _int);
                break;
            case OnnxProtoFields.AttributeType.String:
                writer.WriteString(OnnxProtoFields.Attribute.S, _string!);
                break;
            case OnnxProtoFields.AttributeType.Tensor:
                var tensor = new ProtoWriter();
                _tensor!.WriteTo(tensor);
                writer.WriteMessage(OnnxProtoFields.Attribute.T, tensor);
                break;
            // onnx.proto declares floats and ints without [packed = true]: one tag per element, as protoc would write them.
            case OnnxProtoFields.AttributeType.Floats:
                foreach (float value in _floats!)
                    writer.WriteFloat(OnnxProtoFields.Attribute.Floats, value);
                break;
            case OnnxProtoFields.AttributeType.Ints:
                foreach (long value in _ints!)
                    writer.WriteInt64(OnnxProtoFields.Attribute.Ints, value);
                break;
        }
        writer.WriteInt64(OnnxProtoFields.Attribute.Type, _type);
    }
}
