using MlNetSparse.Core.Onnx;

namespace MlNetSparse.Tests.Core.Onnx;

/// <summary>The protobuf wire format byte for byte, against encodings worked out by hand from the protobuf encoding rules.</summary>
public class ProtoWriterTests
{
    private static byte[] Written(Action<ProtoWriter> write)
    {
        var writer = new ProtoWriter();
        write(writer);
        return writer.ToArray();
    }

    [Theory]
    [InlineData(0UL, new byte[] { 0x00 })]
    [InlineData(1UL, new byte[] { 0x01 })]
    [InlineData(127UL, new byte[] { 0x7F })]
    [InlineData(128UL, new byte[] { 0x80, 0x01 })]
    [InlineData(300UL, new byte[] { 0xAC, 0x02 })]
    [InlineData(ulong.MaxValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void Varint_Takes7BitsAByte_LeastSignificantFirst(ulong value, byte[] expected) =>
        Assert.Equal(expected, Written(w => w.WriteVarint(value)));

    [Fact]
    public void Int64Field_IsTagThenVarint_NegativeSignExtendedToTenBytes()
    {
        // Tag = field << 3 | wire type 0.
        Assert.Equal([0x08, 0x96, 0x01], Written(w => w.WriteInt64(1, 150)));
        Assert.Equal([0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], Written(w => w.WriteInt64(1, -1)));
        // Field 20 (AttributeProto.type) needs a two-byte tag: 20 << 3 = 160.
        Assert.Equal([0xA0, 0x01, 0x07], Written(w => w.WriteInt64(20, 7)));
    }

    [Fact]
    public void FloatField_IsFixed32LittleEndian()
    {
        // 1.0f = 0x3F800000; tag = 2 << 3 | 5.
        Assert.Equal([0x15, 0x00, 0x00, 0x80, 0x3F], Written(w => w.WriteFloat(2, 1f)));
    }

    [Fact]
    public void StringAndBytes_AreLengthDelimited_StringsInUtf8()
    {
        // "é" is two UTF-8 bytes; tag = 4 << 3 | 2.
        Assert.Equal([0x22, 0x02, 0xC3, 0xA9], Written(w => w.WriteString(4, "é")));
        Assert.Equal([0x0A, 0x00], Written(w => w.WriteString(1, "")));
        Assert.Equal([0x4A, 0x03, 0x01, 0x02, 0x03], Written(w => w.WriteBytes(9, [1, 2, 3])));
    }

    [Fact]
    public void LongPayload_HasAMultiByteLength()
    {
        byte[] payload = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();

        byte[] bytes = Written(w => w.WriteBytes(9, payload));

        Assert.Equal([0x4A, 0xAC, 0x02], bytes[..3]);
        Assert.Equal(payload, bytes[3..]);
    }

    [Fact]
    public void PackedRepeated_IsOneLengthDelimitedRun()
    {
        // 3, 270, 86942 → 03 | 8E 02 | 9E A7 05: six bytes after the tag and length.
        Assert.Equal([0x3A, 0x06, 0x03, 0x8E, 0x02, 0x9E, 0xA7, 0x05], Written(w => w.WritePackedInt64(7, [3, 270, 86942])));
        Assert.Equal([0x22, 0x08, 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0], Written(w => w.WritePackedFloat(4, [1f, -2f])));
        Assert.Equal([0x3A, 0x00], Written(w => w.WritePackedInt64(7, [])));
    }

    [Fact]
    public void Message_IsItsBytesLengthDelimited()
    {
        var inner = new ProtoWriter();
        inner.WriteInt64(1, 150);

        Assert.Equal([0x1A, 0x03, 0x08, 0x96, 0x01], Written(w => w.WriteMessage(3, inner)));
    }

    [Fact]
    public void ManySmallWrites_GrowTheBufferWithoutLosingBytes()
    {
        var writer = new ProtoWriter();
        for (int i = 0; i < 1000; i++)
            writer.WriteVarint((ulong)(i % 128));

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (byte)(i % 128)), writer.ToArray());
    }
}
