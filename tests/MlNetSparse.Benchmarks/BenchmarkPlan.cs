namespace MlNetSparse.Benchmarks;

/// <summary>Sizes, repeats and caps of one benchmark run.</summary>
/// <param name="Name">"full" or "quick".</param>
/// <param name="Dense">The dense problem.</param>
/// <param name="Sparse">The sparse problem.</param>
/// <param name="Warmups">Untimed runs before each timed kernel.</param>
/// <param name="Repeats">Timed runs of each kernel; the median is reported.</param>
/// <param name="IterationCap">IHT's cap for the run whose final loss defines "best": generous, so that run ends converged.</param>
/// <param name="MaximumL1Fits">Fits the λ bisection of each ML.NET L1 trainer may use.</param>
/// <param name="PeersOnSparse">Whether ML.NET's L1 trainers also run on the sparse problem.</param>
/// <param name="Seed">Seeds the data and every seeded step.</param>
internal sealed record BenchmarkPlan(string Name, DenseProblemSize Dense, SparseProblemSize Sparse, int Warmups, int Repeats,
    int IterationCap, int MaximumL1Fits, bool PeersOnSparse, int Seed)
{
    public const int DefaultSeed = 20_251_101;

    /// <summary>The sizes: 100,000 × 1,000 dense with a 20-sparse truth; 1,000,000 × 100,000 sparse, ~50 nonzeros a row.</summary>
    public static BenchmarkPlan Full { get; } = new("full",
        new DenseProblemSize(100_000, 1_000, TruthNonzeros: 20),
        new SparseProblemSize(1_000_000, 100_000, MinimumRowLength: 25, MaximumRowLength: 75, TruthNonzeros: 100, TruthAmongTopColumns: 1_000),
        Warmups: 2, Repeats: 7, IterationCap: 1_000, MaximumL1Fits: 12, PeersOnSparse: true, DefaultSeed);

    /// <summary>Small sizes that run every measurement in seconds: for trying the program and for its test.</summary>
    public static BenchmarkPlan Quick { get; } = new("quick",
        new DenseProblemSize(5_000, 200, TruthNonzeros: 20),
        new SparseProblemSize(20_000, 5_000, MinimumRowLength: 25, MaximumRowLength: 75, TruthNonzeros: 100, TruthAmongTopColumns: 1_000),
        Warmups: 1, Repeats: 3, IterationCap: 2_000, MaximumL1Fits: 10, PeersOnSparse: true, DefaultSeed);
}
