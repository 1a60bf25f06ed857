using Google.Protobuf;
using MlNetSparse.Onnx.Proto;
using AttributeType = MlNetSparse.Onnx.Proto.AttributeProto.Types.AttributeType;

namespace MlNetSparse.Onnx;

/// <summary>
/// The typed factories of a node's attributes (ONNX AttributeProto): each sets the name, the value
/// and the <c>type</c> that says which value field is in use, so the two cannot disagree.
/// </summary>
internal static class OnnxAttribute
{
    /// <summary>An INT attribute.</summary>
    /// <exception cref="ArgumentException">An empty or blank name.</exception>
    public static AttributeProto Int(string name, long value)
    {
        AttributeProto attribute = Named(name, AttributeType.Int);
        attribute.I = value;
        return attribute;
    }

    /// <summary>An INTS attribute (the values are copied).</summary>
    /// <exception cref="ArgumentException">An empty or blank name.</exception>
    public static AttributeProto Ints(string name, params ReadOnlySpan<long> values)
    {
        AttributeProto attribute = Named(name, AttributeType.Ints);
        attribute.Ints.AddRange(values.ToArray());
        return attribute;
    }

    /// <summary>A FLOAT attribute.</summary>
    /// <exception cref="ArgumentException">An empty or blank name.</exception>
    public static AttributeProto Float(string name, float value)
    {
        AttributeProto attribute = Named(name, AttributeType.Float);
        attribute.F = value;
        return attribute;
    }

    /// <summary>A FLOATS attribute (the values are copied).</summary>
    /// <exception cref="ArgumentException">An empty or blank name.</exception>
    public static AttributeProto Floats(string name, params ReadOnlySpan<float> values)
    {
        AttributeProto attribute = Named(name, AttributeType.Floats);
        attribute.Floats.AddRange(values.ToArray());
        return attribute;
    }

    /// <summary>A STRING attribute, stored as UTF-8.</summary>
    /// <exception cref="ArgumentException">An empty or blank name.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static AttributeProto String(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        AttributeProto attribute = Named(name, AttributeType.String);
        attribute.S = ByteString.CopyFromUtf8(value);
        return attribute;
    }

    /// <summary>A TENSOR attribute holding a float tensor (for instance the value of a Constant node).</summary>
    /// <exception cref="ArgumentException">An empty name, a negative dim, or a value count that does not match the dims.</exception>
    public static AttributeProto FloatTensor(string name, ReadOnlySpan<int> dims, ReadOnlySpan<float> values)
    {
        AttributeProto attribute = Named(name, AttributeType.Tensor);
        attribute.T = OnnxTensor.Float(name, dims, values);
        return attribute;
    }

    /// <summary>A TENSOR attribute holding an int64 tensor.</summary>
    /// <exception cref="ArgumentException">An empty name, a negative dim, or a value count that does not match the dims.</exception>
    public static AttributeProto Int64Tensor(string name, ReadOnlySpan<int> dims, ReadOnlySpan<long> values)
    {
        AttributeProto attribute = Named(name, AttributeType.Tensor);
        attribute.T = OnnxTensor.Int64(name, dims, values);
        return attribute;
    }

    // The caller sets the one value field that type names.
    private static AttributeProto Named(string name, AttributeType type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new AttributeProto { Name = name, Type = type };
    }
}
