namespace MlNetSparse.Experiments.Study;

/// <summary>
/// The seeds of one run, derived from the study seed alone (SplitMix64), so a run's outcome depends
/// on (seed, level, run index) and on nothing else: not on thread count, order or timing. The data
/// seed depends on the run index only, so run r of every level trains on the same split and the
/// levels compare paired.
/// </summary>
/// <param name="Data">The train/test split.</param>
/// <param name="Initialization">θ⁰'s values.</param>
/// <param name="Support">θ⁰'s support.</param>
/// <param name="MonteCarlo">The L̂₂ₛ samples.</param>
public readonly record struct RunSeeds(int Data, int Initialization, int Support, int MonteCarlo)
{
    /// <summary>The seeds of run <paramref name="run"/> at level <paramref name="level"/>.</summary>
    public static RunSeeds For(int studySeed, int level, int run) => new(
        DataSeed(studySeed, run),
        Derive(studySeed, 2, level, run),
        Derive(studySeed, 3, level, run),
        Derive(studySeed, 4, level, run));

    /// <summary>The split of run <paramref name="run"/>, shared by every level.</summary>
    public static int DataSeed(int studySeed, int run) => Derive(studySeed, 1, 0, run);

    private static int Derive(int studySeed, int stream, int level, int run)
    {
        ulong state = (ulong)(uint)studySeed;
        state = Mix(state ^ ((ulong)stream << 48) ^ ((ulong)(uint)level << 32) ^ (uint)run);
        return (int)(Mix(state) & int.MaxValue);
    }

    // SplitMix64's finaliser: a bijective 64-bit mix.
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
