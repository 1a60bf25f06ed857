using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Sparsity;
using MlNetSparse.Core.Training;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>Training is a function of its options and seeds; the seeds vary what they should.</summary>
public class DeterminismTests
{
    private const int Rows = 40, Columns = 5, Classes = 3;

    [Theory]
    [InlineData(SparseStartKind.RandomSparse, TieBreaking.SmallerIndex)]
    [InlineData(SparseStartKind.RandomSparse, TieBreaking.Random)]
    [InlineData(SparseStartKind.Zero, TieBreaking.SmallerIndex)]
    public void TwoRunsWithTheSameOptionsAreBitIdentical(SparseStartKind start, TieBreaking tieBreaking)
    {
        var options = Options(start) with { TieBreaking = tieBreaking };
        var first = IhtTraining.Train(Objective(), Initializer, options);
        var second = IhtTraining.Train(Objective(), Initializer, options);
        Assert.Equal(first.Solution.Parameters, second.Solution.Parameters);
        Assert.Equal(first.Solution.LossHistory, second.Solution.LossHistory);
        Assert.Equal(first.Solution.StepSize, second.Solution.StepSize);
        Assert.Equal(first.Smoothness, second.Smoothness);
        Assert.Equal(first.Certificate, second.Certificate);
        Assert.Equal(first.DenseReference, second.DenseReference);
        Assert.True(first.Solution.Iterations > 0);
    }

    [Fact]
    public void TheStartIsSparseStartRandomOfTheSeeds_AndSupportSeedsChangeIt()
    {
        // With no iterations (and no polish) the solution is the start itself.
        int n = Objective().ParameterCount;
        var supports = new HashSet<string>();
        for (int supportSeed = 0; supportSeed < 8; supportSeed++)
        {
            var options = Options(SparseStartKind.RandomSparse) with { SupportSeed = supportSeed, MaximumIterations = 0, PolishSupport = false };
            float[] start = IhtTraining.Train(Objective(), Initializer, options).Solution.Parameters;
            Assert.Equal(SparseStart.Random(n, options.Sparsity, Initializer, options.InitializationSeed, supportSeed), start);
            Assert.Equal(options.Sparsity, Support.CountNonzero(start));
            supports.Add(string.Join(",", Support.Indices(start)));
        }
        // C(18, 4) = 3060 supports: eight seeds giving at most two of them would mean the seed is ignored.
        Assert.True(supports.Count >= 6, $"{supports.Count} distinct starting supports from 8 support seeds");
    }

    [Fact]
    public void InitializationAndSupportSeedsVaryValuesAndSupportIndependently()
    {
        const int n = 30, s = 6;
        float[] a = SparseStart.Random(n, s, Initializer, initializationSeed: 1, supportSeed: 10);
        float[] sameValuesOtherSupport = SparseStart.Random(n, s, Initializer, initializationSeed: 1, supportSeed: 11);
        float[] otherValuesSameSupport = SparseStart.Random(n, s, Initializer, initializationSeed: 2, supportSeed: 10);

        Assert.NotEqual(Support.Indices(a), Support.Indices(sameValuesOtherSupport));
        // Same initialisation seed: an index kept by both starts has the same value.
        for (int i = 0; i < n; i++)
            if (a[i] != 0 && sameValuesOtherSupport[i] != 0)
                Assert.Equal(a[i], sameValuesOtherSupport[i]);

        Assert.Equal(Support.Indices(a), Support.Indices(otherValuesSameSupport));
        Assert.NotEqual(a, otherValuesSameSupport);
    }

    [Fact]
    public void SparseStartRandom_HasExactlySNonzeros_FromTheInitializer()
    {
        var random = new Random(101);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = random.Next(1, 60), s = random.Next(1, n + 1);
            var initializer = new UniformInitializer(0.1 + random.NextDouble());
            float[] start = SparseStart.Random(n, s, initializer, random.Next(), random.Next());
            Assert.Equal(s, Support.CountNonzero(start));
            Assert.All(start, v => Assert.InRange(Math.Abs(v), 0, initializer.Bound));
        }
    }

    [Fact]
    public void TheRandomSupportIsUniform()
    {
        // Each of n = 10 indices should be in a random support of size 3 with probability 0.3.
        // 5,000 draws: σ ≈ 0.0065 per frequency; the band is ±0.04.
        var counts = new int[10];
        for (int seed = 0; seed < 5000; seed++)
            foreach (int i in Support.Indices(SparseStart.Random(10, 3, Initializer, seed, seed)))
                counts[i]++;
        Assert.All(counts, c => Assert.InRange(c / 5000.0, 0.26, 0.34));
    }

    [Fact]
    public void SparseStartZero_IsAllZeros()
    {
        Assert.Equal(new float[7], SparseStart.Zero(7));
    }

    private static readonly UniformInitializer Initializer = UniformInitializer.ForLinearLayer(Columns);

    private static IhtSolverOptions Options(SparseStartKind start) => new()
    {
        Sparsity = 4,
        MaximumIterations = 200,
        Start = start,
        InitializationSeed = 3,
        SupportSeed = 4,
        MonteCarloSeed = 5,
    };

    // A fresh objective on the same seeded data each call.
    private static LinearModelObjective Objective()
    {
        var random = new Random(100);
        float[] x = SyntheticData.GaussianMatrix(random, Rows, Columns);
        return new LinearModelObjective(new DenseFeatureMatrix(x, Rows, Columns), SyntheticData.ClassLabels(random, Rows, Classes),
            new SoftmaxCrossEntropyLoss(Classes));
    }
}
