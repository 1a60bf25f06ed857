using MlNetSparse.Core.Objectives;

namespace MlNetSparse.Benchmarks;

/// <summary>The shape of the dense synthetic problem.</summary>
/// <param name="Rows">All rows; the first 80 % train, the rest test.</param>
/// <param name="Features">n.</param>
/// <param name="TruthNonzeros">Nonzero weights of w* (the bias comes on top).</param>
internal sealed record DenseProblemSize(int Rows, int Features, int TruthNonzeros);

/// <summary>
/// A dense binary logistic problem generated from a seed: x ~ N(0, I) (float, row-major),
/// w* with <see cref="DenseProblemSize.TruthNonzeros"/> nonzeros ±U[1, 2) at uniformly drawn
/// columns, b ~ U[−½, ½), y ~ Bernoulli(σ(x·w* + b)). Every row is drawn from its own
/// <see cref="SplitMix64"/> stream, so the rows are i.i.d. and the contiguous 80/20 split is a
/// random split. The features are standardised by construction, as the IHT trainers want.
/// </summary>
internal static class SyntheticDenseProblem
{
    public static BinaryProblem Generate(DenseProblemSize size, int seed)
    {
        SparseTruth truth = DrawTruth(size, seed);
        int trainRows = BinaryProblem.TrainRowCount(size.Rows);
        var train = DenseRows.Generate(0, trainRows, size.Features, seed, truth);
        var test = DenseRows.Generate(trainRows, size.Rows - trainRows, size.Features, seed, truth);
        var layout = new LinearModelLayout(1, size.Features);
        return new BinaryProblem($"dense {size.Rows:N0}×{size.Features:N0}", "dense", train, test, size.TruthNonzeros + 1, layout, truth, StreamingTrain: null);
    }

    private static SparseTruth DrawTruth(DenseProblemSize size, int seed)
    {
        var random = SplitMix64.ForStream(seed, BinaryProblem.TruthStream);
        int[] columns = DistinctUniform(ref random, size.TruthNonzeros, size.Features);
        float[] weights = new float[columns.Length];
        for (int k = 0; k < weights.Length; k++)
            weights[k] = random.NextTruthWeight();
        return new SparseTruth(size.Features, columns, weights, (float)random.NextDouble(-0.5, 0.5));
    }

    /// <summary><paramref name="count"/> distinct integers drawn uniformly from [0, <paramref name="bound"/>), sorted.</summary>
    public static int[] DistinctUniform(ref SplitMix64 random, int count, int bound)
    {
        var chosen = new SortedSet<int>();
        while (chosen.Count < count)
            chosen.Add(random.NextInt(bound));
        return [.. chosen];
    }
}
