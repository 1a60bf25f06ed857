using System.Buffers.Binary;
using Google.Protobuf;
using MlNetSparse.Onnx.Proto;

namespace MlNetSparse.Tests.Onnx;

/// <summary>Reads exported bytes back with the classes the exporter writes with (Proto/onnx.proto).</summary>
internal static class ModelProtoReading
{
    public static ModelProto Parse(byte[] bytes) => ModelProto.Parser.ParseFrom(bytes);

    /// <summary>A float initializer's raw_data, decoded as little-endian IEEE 754.</summary>
    public static float[] Floats(TensorProto tensor)
    {
        Assert.Equal((int)TensorProto.Types.DataType.Float, tensor.DataType);
        ReadOnlySpan<byte> raw = tensor.RawData.Span;
        var values = new float[raw.Length / sizeof(float)];
        for (int i = 0; i < values.Length; i++)
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(sizeof(float) * i)..]);
        return values;
    }

    /// <summary>An int64 initializer's raw_data, decoded as little-endian.</summary>
    public static long[] Int64s(TensorProto tensor)
    {
        Assert.Equal((int)TensorProto.Types.DataType.Int64, tensor.DataType);
        ReadOnlySpan<byte> raw = tensor.RawData.Span;
        var values = new long[raw.Length / sizeof(long)];
        for (int i = 0; i < values.Length; i++)
            values[i] = BinaryPrimitives.ReadInt64LittleEndian(raw[(sizeof(long) * i)..]);
        return values;
    }

    /// <summary>A graph input's or output's dims as text: a size, or a symbolic name.</summary>
    public static string[] Dims(ValueInfoProto value) =>
        [.. value.Type.TensorType.Shape.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam
            ? d.DimParam : d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    public static TensorProto Initializer(GraphProto graph, string name) => graph.Initializer.Single(t => t.Name == name);

    public static AttributeProto Attribute(NodeProto node, string name) => node.Attribute.Single(a => a.Name == name);

    /// <summary>
    /// The graph is in single-assignment, topological order: every node input ("" = omitted) is a graph
    /// input, an initializer or an earlier node's output, and every value is defined once.
    /// </summary>
    public static void AssertTopologicallyOrdered(GraphProto graph)
    {
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in graph.Input.Select(i => i.Name).Concat(graph.Initializer.Select(t => t.Name)))
            Assert.True(defined.Add(name), $"'{name}' is defined twice");
        foreach (NodeProto node in graph.Node)
        {
            foreach (string input in node.Input)
                Assert.True(input.Length == 0 || defined.Contains(input), $"node '{node.Name}' reads '{input}' before it is defined");
            foreach (string output in node.Output)
                Assert.True(defined.Add(output), $"'{output}' is defined twice");
        }
        Assert.All(graph.Output, o => Assert.Contains(o.Name, defined));
    }

    public static ByteString Utf8(string text) => ByteString.CopyFromUtf8(text);
}
