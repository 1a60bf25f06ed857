namespace MlNetSparse.Benchmarks;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a tiny, portable pseudo-random stream. One stream per
/// (seed, row) lets any row be regenerated on its own, so the data come out the same whether they
/// are built in parallel, in order, or re-read row by row by a streaming IDataView.
/// </summary>
internal struct SplitMix64
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    private SplitMix64(ulong state) => _state = state;

    /// <summary>The stream numbered <paramref name="stream"/> of <paramref name="seed"/>; distinct (seed, stream) pairs give unrelated streams.</summary>
    public static SplitMix64 ForStream(int seed, long stream)
    {
        var mixer = new SplitMix64(((ulong)(uint)seed << 32) ^ (ulong)stream);
        return new SplitMix64(mixer.NextUInt64());
    }

    public ulong NextUInt64()
    {
        ulong z = _state += Golden;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1), 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="bound"/>) by multiply-shift; the bias, at most bound/2³², is far below what a benchmark can see.</summary>
    public int NextInt(int bound) => (int)(((NextUInt64() >> 32) * (ulong)bound) >> 32);

    /// <summary>Uniform in [low, high).</summary>
    public double NextDouble(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>Fills <paramref name="destination"/> with N(0, 1) draws (Marsaglia's polar method: no trigonometry).</summary>
    public void FillGaussian(Span<float> destination)
    {
        for (int i = 0; i < destination.Length; i += 2)
        {
            double u, v, radiusSquared;
            do
            {
                u = 2 * NextDouble() - 1;
                v = 2 * NextDouble() - 1;
                radiusSquared = u * u + v * v;
            }
            while (radiusSquared >= 1 || radiusSquared == 0);
            double scale = Math.Sqrt(-2 * Math.Log(radiusSquared) / radiusSquared);
            destination[i] = (float)(u * scale);
            if (i + 1 < destination.Length)
                destination[i + 1] = (float)(v * scale);
        }
    }

    /// <summary>Fills <paramref name="destination"/> with random signs ±1, 64 per draw.</summary>
    public void FillSigns(Span<float> destination)
    {
        for (int start = 0; start < destination.Length; start += 64)
        {
            ulong bits = NextUInt64();
            for (int i = start; i < Math.Min(destination.Length, start + 64); i++, bits >>= 1)
                destination[i] = (bits & 1) == 0 ? -1f : 1f;
        }
    }

    /// <summary>A sign-random magnitude in [1, 2): the nonzero entries of a synthetic truth.</summary>
    public float NextTruthWeight() => (float)((NextInt(2) == 0 ? -1 : 1) * NextDouble(1, 2));
}
