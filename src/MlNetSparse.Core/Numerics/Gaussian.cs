namespace MlNetSparse.Core.Numerics;

/// <summary>
/// Standard normal draws from a seeded <see cref="Random"/> (Box–Muller), reproducible across platforms.
/// Public because the solvers' seeded draws (the L̂₂ₛ directions) come from it: a program that seeds its
/// own starts with it draws the same stream on every machine.
/// </summary>
public static class Gaussian
{
    /// <summary>Fills <paramref name="destination"/> with independent N(0, 1) draws.</summary>
    public static void Fill(Random random, Span<float> destination)
    {
        for (int i = 0; i < destination.Length; i += 2)
        {
            // u1 ∈ (0, 1] keeps the logarithm finite.
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            double radius = Math.Sqrt(-2.0 * Math.Log(u1)), angle = 2.0 * Math.PI * u2;
            destination[i] = (float)(radius * Math.Cos(angle));
            if (i + 1 < destination.Length)
                destination[i + 1] = (float)(radius * Math.Sin(angle));
        }
    }
}
