using System.Buffers.Binary;

namespace MlNetSparse.Tests.TestData;

/// <summary>Checks a written figure without decoding it: the PNG signature and the size in its IHDR chunk.</summary>
public static class PngFile
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Asserts <paramref name="path"/> is a PNG of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static void AssertSize(string path, int width, int height) => Assert.Equal((width, height), Size(path));

    /// <summary>Asserts <paramref name="path"/> is a PNG and returns its size in pixels.</summary>
    public static (int Width, int Height) Size(string path)
    {
        Assert.True(File.Exists(path), $"missing {path}");
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 24, $"{path} is too short for a PNG");
        Assert.Equal(Signature, bytes[..8]);
        Assert.Equal("IHDR"u8.ToArray(), bytes[12..16]);
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }
}
