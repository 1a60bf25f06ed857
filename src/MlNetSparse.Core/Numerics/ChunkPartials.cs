namespace MlNetSparse.Core.Numerics;

/// <summary>One chunk's partial sums and scratch, grown on first use and reused by every later pass.</summary>
internal sealed class ChunkPartials
{
    /// <summary>The chunk's share of ∇_W (or of the column squares), in double.</summary>
    public double[] Weights = [];

    /// <summary>The chunk's share of ∇_b, in double.</summary>
    public double[] Biases = [];

    /// <summary>Float sums of a few hundred rows, added into <see cref="Weights"/> block by block (dense only).</summary>
    public float[] BlockSums = [];

    /// <summary>One block's margins, then coefficients (B×k).</summary>
    public float[] Margins = [];

    /// <summary>One row's worth of scratch (dense only).</summary>
    public float[] Row = [];

    /// <summary>The chunk's share of f.</summary>
    public double Loss;

    /// <summary>Grows <paramref name="buffer"/> to at least <paramref name="length"/> entries; contents are not kept.</summary>
    public static void Ensure<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
            buffer = new T[length];
    }
}
