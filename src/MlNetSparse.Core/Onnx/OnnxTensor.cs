using System.Globalization;

namespace MlNetSparse.Core.Onnx;

/// <summary>
/// A constant tensor as ONNX stores it: dims, a TensorProto.DataType code and the elements as
/// little-endian raw_data. The values are copied when it is made, so later changes to the caller's
/// array do not reach the model.
/// </summary>
internal sealed class OnnxTensor
{
    private const int FloatType = 1, Int64Type = 7;

    private OnnxTensor(string name, long[] dims, int dataType, byte[] rawData)
    {
        Name = name;
        Dims = dims;
        DataType = dataType;
        RawData = rawData;
    }

    public string Name { get; }

    public long[] Dims { get; }

    public int DataType { get; }

    public byte[] RawData { get; }

    /// <summary>A float tensor; <paramref name="values"/> must hold exactly the product of <paramref name="dims"/> elements.</summary>
    /// <exception cref="ArgumentException">A negative dim or a value count that does not match the dims.</exception>
    public static OnnxTensor Float(string name, ReadOnlySpan<int> dims, ReadOnlySpan<float> values)
    {
        long[] shape = CheckShape(name, dims, values.Length);
        var raw = new byte[4 * values.Length];
        ProtoWriter.WriteLittleEndian(values, raw);
        return new OnnxTensor(name, shape, FloatType, raw);
    }

    /// <summary>An int64 tensor; <paramref name="values"/> must hold exactly the product of <paramref name="dims"/> elements.</summary>
    /// <exception cref="ArgumentException">A negative dim or a value count that does not match the dims.</exception>
    public static OnnxTensor Int64(string name, ReadOnlySpan<int> dims, ReadOnlySpan<long> values)
    {
        long[] shape = CheckShape(name, dims, values.Length);
        var raw = new byte[8 * values.Length];
        ProtoWriter.WriteLittleEndian(values, raw);
        return new OnnxTensor(name, shape, Int64Type, raw);
    }

    /// <summary>Writes this tensor as a TensorProto.</summary>
    public void WriteTo(ProtoWriter writer)
    {
        foreach (long dim in Dims)
            writer.WriteInt64(OnnxProtoFields.Tensor.Dims, dim);
        writer.WriteInt64(OnnxProtoFields.Tensor.DataType, DataType);
        if (Name.Length > 0)
            writer.WriteString(OnnxProtoFields.Tensor.Name, Name);
        writer.WriteBytes(OnnxProtoFields.Tensor.RawData, RawData);
    }

    // An empty dims list is a scalar: one element, the empty product.
    private static long[] CheckShape(string name, ReadOnlySpan<int> dims, int valueCount)
    {
        long count = 1;
        var shape = new long[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] < 0)
                throw new ArgumentException(
                    $"Tensor '{name}' has dims [{Format(dims)}]: every dim must be ≥ 0; dims[{i}] is {dims[i]}.", nameof(dims));
            shape[i] = dims[i];
            // Saturates below long overflow; a saturated count exceeds any int, so the check below still fails.
            count = Math.Min(count * dims[i], long.MaxValue / int.MaxValue);
        }
        if (count != valueCount)
            throw new ArgumentException(
                $"Tensor '{name}' has dims [{Format(dims)}], which hold {count} values, but {valueCount} values were given.", nameof(dims));
        return shape;
    }

    private static string Format(ReadOnlySpan<int> dims)
    {
        var parts = new string[dims.Length];
        for (int i = 0; i < dims.Length; i++)
            parts[i] = dims[i].ToString(CultureInfo.InvariantCulture);
        return string.Join(", ", parts);
    }
}
