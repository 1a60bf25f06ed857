using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using Google.Protobuf;
using MlNetSparse.Onnx.Proto;
using DataType = MlNetSparse.Onnx.Proto.TensorProto.Types.DataType;

namespace MlNetSparse.Onnx;

/// <summary>
/// Constant tensors as ONNX stores them (TensorProto): dims, a data type and the elements as
/// little-endian raw_data. The values are copied when the tensor is made, so later changes to the
/// caller's array do not reach the model.
/// </summary>
internal static class OnnxTensor
{
    /// <summary>A float tensor; <paramref name="values"/> must hold exactly the product of <paramref name="dims"/> elements.</summary>
    /// <exception cref="ArgumentException">A negative dim or a value count that does not match the dims.</exception>
    public static TensorProto Float(string name, ReadOnlySpan<int> dims, ReadOnlySpan<float> values)
    {
        TensorProto tensor = Shaped(name, dims, values.Length, DataType.Float);
        var raw = new byte[sizeof(float) * values.Length];
        if (BitConverter.IsLittleEndian)
            MemoryMarshal.AsBytes(values).CopyTo(raw);
        else
            for (int i = 0; i < values.Length; i++)
                BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(sizeof(float) * i), values[i]);
        // The array is ours alone, so the message may keep it without a second copy.
        tensor.RawData = UnsafeByteOperations.UnsafeWrap(raw);
        return tensor;
    }

    /// <summary>An int64 tensor; <paramref name="values"/> must hold exactly the product of <paramref name="dims"/> elements.</summary>
    /// <exception cref="ArgumentException">A negative dim or a value count that does not match the dims.</exception>
    public static TensorProto Int64(string name, ReadOnlySpan<int> dims, ReadOnlySpan<long> values)
    {
        TensorProto tensor = Shaped(name, dims, values.Length, DataType.Int64);
        var raw = new byte[sizeof(long) * values.Length];
        if (BitConverter.IsLittleEndian)
            MemoryMarshal.AsBytes(values).CopyTo(raw);
        else
            for (int i = 0; i < values.Length; i++)
                BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(sizeof(long) * i), values[i]);
        tensor.RawData = UnsafeByteOperations.UnsafeWrap(raw);
        return tensor;
    }

    // An empty dims list is a scalar: one element, the empty product.
    private static TensorProto Shaped(string name, ReadOnlySpan<int> dims, int valueCount, DataType dataType)
    {
        long count = 1;
        var tensor = new TensorProto { DataType = (int)dataType };
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] < 0)
                throw new ArgumentException(
                    $"Tensor '{name}' has dims [{Format(dims)}]: every dim must be ≥ 0; dims[{i}] is {dims[i]}.", nameof(dims));
            tensor.Dims.Add(dims[i]);
            // Saturates below long overflow; a saturated count exceeds any int, so the check below still fails.
            count = Math.Min(count * dims[i], long.MaxValue / int.MaxValue);
        }
        if (count != valueCount)
            throw new ArgumentException(
                $"Tensor '{name}' has dims [{Format(dims)}], which hold {count} values, but {valueCount} values were given.", nameof(dims));
        // An unnamed tensor (none is made today) leaves the field unset rather than "".
        if (name.Length > 0)
            tensor.Name = name;
        return tensor;
    }

    private static string Format(ReadOnlySpan<int> dims)
    {
        var parts = new string[dims.Length];
        for (int i = 0; i < dims.Length; i++)
            parts[i] = dims[i].ToString(CultureInfo.InvariantCulture);
        return string.Join(", ", parts);
    }
}
