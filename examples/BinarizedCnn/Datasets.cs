using System.Globalization;
using System.IO.Compression;

namespace MlNetSparse.Examples.BinarizedCnn;

/// <summary>The bundled 8×8 digits, and Fashion-MNIST in IDX format when it is installed.</summary>
public static class Datasets
{
    /// <summary>Where Debian's dataset-fashion-mnist package puts the files.</summary>
    public const string DebianFashionMnist = "/usr/share/datasets/fashion-mnist";

    /// <summary>scikit-learn's digits (examples/data/digits.csv): a seeded 80/20 split, pixels 0–16 scaled to [0, 1].</summary>
    public static ImageDataset Digits(int seed)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "data", "digits.csv");
        ImageRow[] rows = File.ReadLines(path).Skip(1).Select(line =>
        {
            float[] values = line.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            return new ImageRow { Pixels = values[..64].Select(v => v / 16f).ToArray(), Digit = values[64] };
        }).ToArray();
        new Random(seed).Shuffle(rows);
        int test = rows.Length / 5;
        return new ImageDataset("digits 8×8", rows[test..], rows[..test], 8);
    }

    /// <summary>Fashion-MNIST's 60,000 training and 10,000 test images (28×28), the first <paramref name="trainRows"/> of the training set.</summary>
    public static ImageDataset FashionMnist(string folder, int trainRows)
    {
        ImageRow[] Load(string images, string labels, int limit)
        {
            byte[] pixels = ReadIdx(Path.Combine(folder, images), 3, out int count);
            byte[] classes = ReadIdx(Path.Combine(folder, labels), 1, out int labelCount);
            if (labelCount != count)
                throw new InvalidDataException($"{images} holds {count} images but {labels} {labelCount} labels.");
            count = Math.Min(count, limit);
            return Enumerable.Range(0, count).Select(n => new ImageRow
            {
                Pixels = pixels.AsSpan(n * 784, 784).ToArray().Select(p => p / 255f).ToArray(),
                Digit = classes[n],
            }).ToArray();
        }
        return new ImageDataset("Fashion-MNIST 28×28",
            Load("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", trainRows),
            Load("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", int.MaxValue), 28);
    }

    /// <summary>An IDX file (big-endian header: magic 0x0000080D with D dimensions, then the sizes), gzip or plain.</summary>
    private static byte[] ReadIdx(string path, int dimensions, out int count)
    {
        if (!File.Exists(path) && File.Exists(path[..^3]))
            path = path[..^3];
        using Stream file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        byte[] bytes = memory.ToArray();
        int magic = ReadInt(bytes, 0);
        if (magic != 0x800 + dimensions)
            throw new InvalidDataException($"{path} is not an IDX file of {dimensions} dimension(s) of bytes (magic 0x{magic:X8}).");
        count = ReadInt(bytes, 4);
        int header = 4 + 4 * dimensions;
        return bytes[header..];
    }

    private static int ReadInt(byte[] bytes, int offset) =>
        (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
}
