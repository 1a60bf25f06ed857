using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace MlNetSparse.Core.Onnx;

/// <summary>
/// The protocol-buffers wire format, only as much as an ONNX model needs: varints, fixed32 floats,
/// length-delimited bytes, strings and sub-messages, and packed repeated numbers. Written by hand so
/// that Core keeps no package dependency.
/// </summary>
/// <remarks>
/// A sub-message is written into its own writer and copied into the parent as length-delimited bytes;
/// the copies cost a few passes over the model, small next to building it.
/// </remarks>
internal sealed class ProtoWriter
{
    private const int VarintWire = 0, LengthDelimitedWire = 2, Fixed32Wire = 5;

    private byte[] _buffer = new byte[64];
    private int _length;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>A copy of the bytes written so far.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>An unsigned base-128 varint: 7 bits a byte, least significant first, high bit = more follows.</summary>
    public void WriteVarint(ulong value)
    {
        Span<byte> bytes = Reserve(10);
        int count = 0;
        while (value >= 0x80)
        {
            bytes[count++] = (byte)(value | 0x80);
            value >>= 7;
        }
        bytes[count++] = (byte)value;
        _length += count;
    }

    /// <summary>An int64 (or int32, or enum) field. Negative values take ten bytes: protobuf sign-extends to 64 bits.</summary>
    public void WriteInt64(int field, long value)
    {
        WriteTag(field, VarintWire);
        WriteVarint((ulong)value);
    }

    /// <summary>A float field: fixed32, IEEE 754 little-endian.</summary>
    public void WriteFloat(int field, float value)
    {
        WriteTag(field, Fixed32Wire);
        BinaryPrimitives.WriteSingleLittleEndian(Reserve(4), value);
        _length += 4;
    }

    /// <summary>A bytes field: the length as a varint, then the bytes.</summary>
    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, LengthDelimitedWire);
        WriteVarint((ulong)value.Length);
        value.CopyTo(Reserve(value.Length));
        _length += value.Length;
    }

    /// <summary>A string field, UTF-8.</summary>
    public void WriteString(int field, string value)
    {
        WriteTag(field, LengthDelimitedWire);
        int byteCount = Encoding.UTF8.GetByteCount(value);
        WriteVarint((ulong)byteCount);
        Encoding.UTF8.GetBytes(value, Reserve(byteCount));
        _length += byteCount;
    }

    /// <summary>An embedded message, already written into <paramref name="message"/>.</summary>
    public void WriteMessage(int field, ProtoWriter message) => WriteBytes(field, message.WrittenSpan);

    /// <summary>A packed repeated int64 field: one length-delimited run of varints.</summary>
    public void WritePackedInt64(int field, ReadOnlySpan<long> values)
    {
        var payload = new ProtoWriter();
        foreach (long value in values)
            payload.WriteVarint((ulong)value);
        WriteBytes(field, payload.WrittenSpan);
    }

    /// <summary>A packed repeated float field: one length-delimited run of fixed32 values.</summary>
    public void WritePackedFloat(int field, ReadOnlySpan<float> values)
    {
        WriteTag(field, LengthDelimitedWire);
        WriteVarint((ulong)values.Length * 4);
        WriteLittleEndian(values, Reserve(4 * values.Length));
        _length += 4 * values.Length;
    }

    /// <summary>Copies floats as IEEE 754 little-endian bytes, whatever the machine's byte order.</summary>
    public static void WriteLittleEndian(ReadOnlySpan<float> values, Span<byte> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(destination);
            return;
        }
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(destination[(4 * i)..], values[i]);
    }

    /// <summary>Copies int64 values as little-endian bytes, whatever the machine's byte order.</summary>
    public static void WriteLittleEndian(ReadOnlySpan<long> values, Span<byte> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(destination);
            return;
        }
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteInt64LittleEndian(destination[(8 * i)..], values[i]);
    }

    private void WriteTag(int field, int wireType) => WriteVarint((ulong)(((uint)field << 3) | (uint)wireType));

    // Room for `count` more bytes after _length; the caller advances _length by what it wrote.
    private Span<byte> Reserve(int count)
    {
        int needed = checked(_length + count);
        if (needed > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(needed, (int)Math.Min(Array.MaxLength, 2L * _buffer.Length)));
        return _buffer.AsSpan(_length, count);
    }
}
