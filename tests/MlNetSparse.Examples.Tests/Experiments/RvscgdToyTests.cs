using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Sparsity.Penalties;
using MlNetSparse.Experiments.Rvscgd;
using MlNetSparse.Tests.Core.Rvscgd;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Experiments;

/// <summary>
/// The RVSCGD toy: the coarse gradient against its definition, the closed-form population loss against
/// Monte Carlo, and RVSCGD itself descending and recovering the teacher's support.
/// </summary>
public class RvscgdToyTests(RvscgdToyTests.L0Run l0) : IClassFixture<RvscgdToyTests.L0Run>
{
    /// <summary>One ℓ0 run with the program's defaults (η = 5), shared by the tests that read it: about a second.</summary>
    public sealed class L0Run
    {
        public RvscgdToyResult Result { get; } = RvscgdToyExperiment.Run(new RvscgdToyOptions { Steps = 150 });
    }

    private static readonly float[] SmallTeacher = [0f, 0.6f, 0f, -0.8f];

    [Fact]
    public void CoarseGradientSum_IsItsDefinition_OnATinyProblem()
    {
        const int k = 3, d = 4, samples = 7;
        var random = new Random(5);
        float[] w = [0.3f, -0.5f, 0.7f, 0.4f];
        var block = new float[samples * k * d];
        Gaussian.Fill(random, block);
        double[][][] z = ToyBruteForce.FromFeatureMajor(block, samples, k, d);
        // The indicators are compared in float by the code and in double here: no projection may sit on the edge.
        Assert.All(z.SelectMany(s => s), patch => Assert.True(Math.Abs(ToyBruteForce.Dot(patch, w)) > 1e-4 && Math.Abs(ToyBruteForce.Dot(patch, SmallTeacher)) > 1e-4));
        Assert.Contains(z, s => s.Count(p => ToyBruteForce.Dot(p, w) > 0) != s.Count(p => ToyBruteForce.Dot(p, SmallTeacher) > 0));

        var problem = new ToyTeacherProblem(SmallTeacher, k, batchSize: samples, sampleSeed: 1);
        var sum = new double[d];
        problem.AddCoarseGradientSum(block, samples, w, sum);
        double[] expected = ToyBruteForce.CoarseGradientSum(z, w, SmallTeacher);
        Assert.Contains(expected, g => Math.Abs(g) > 0.1);
        for (int j = 0; j < d; j++)
            Assert.Equal(expected[j], sum[j], 5);
    }

    [Fact]
    public void CoarseGradient_IsTheMeanOverAFreshBatch_FromTheSeededStream()
    {
        // 150 samples: blocks of 64, 64 and 22 drawn in turn from the stream, then a fresh batch on the next call.
        const int k = 3, d = 4, batch = 150;
        const ulong seed = 17;
        float[] w = [0.3f, -0.5f, 0.7f, 0.4f];
        var problem = new ToyTeacherProblem(SmallTeacher, k, batch, seed);
        var stream = new GaussianStream(seed);
        foreach (int call in new[] { 1, 2 })
        {
            var expected = new double[d];
            for (int start = 0; start < batch; start += ToyTeacherProblem.BlockSamples)
            {
                int n = Math.Min(ToyTeacherProblem.BlockSamples, batch - start);
                var block = new float[n * k * d];
                stream.Fill(block);
                double[] part = ToyBruteForce.CoarseGradientSum(ToyBruteForce.FromFeatureMajor(block, n, k, d), w, SmallTeacher);
                for (int j = 0; j < d; j++)
                    expected[j] += part[j] / batch;
            }
            var gradient = new float[d];
            problem.CoarseGradient(w, gradient);
            for (int j = 0; j < d; j++)
                Assert.True(Math.Abs(expected[j] - gradient[j]) <= 1e-6, $"call {call}, g[{j}]: {gradient[j]} vs {expected[j]}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(20)]
    public void PopulationLoss_ClosedForm_MatchesMonteCarlo(int k)
    {
        // θ/(2kπ) against the mean of ½(y(Z, w) − y(Z, w*))² over N = 20,000 samples drawn with Core's
        // Gaussian (not the problem's stream). The estimate's standard error is computed from the same
        // samples; |difference| ≤ 4 SE holds with probability 1 − 6e-5 per case under the closed form.
        const int d = 5, samples = 20_000;
        float[] teacher = [1f, 0f, 0f, 0f, 0f];
        var problem = new ToyTeacherProblem(teacher, k, batchSize: 1, sampleSeed: 0);
        var random = new Random(100 + k);
        foreach (double degrees in new[] { 0.0, 20, 60, 90, 135, 180 })
        {
            double theta = degrees * Math.PI / 180;
            float[] w = [(float)(3 * Math.Cos(theta)), (float)(3 * Math.Sin(theta)), 0f, 0f, 0f]; // ‖w‖ = 3: f ignores the scale
            double closedForm = problem.PopulationLoss(w);
            Assert.Equal(theta / (2 * k * Math.PI), closedForm, 6);
            var (mean, standardError) = MonteCarloLoss(random, w, teacher, k, samples);
            Assert.True(Math.Abs(mean - closedForm) <= 4 * standardError + 1e-12,
                $"k = {k}, θ = {degrees}°: Monte Carlo {mean:G5} ± {standardError:G2}, closed form {closedForm:G5}");
        }

        // σ(0) = 0: the zero filter outputs 0, and the loss is ½E[y*²] = (1 + 1/k)/8.
        float[] zero = new float[d];
        var (zeroMean, zeroError) = MonteCarloLoss(random, zero, teacher, k, samples);
        Assert.Equal((1 + 1.0 / k) / 8, problem.PopulationLoss(zero), 12);
        Assert.True(Math.Abs(zeroMean - problem.PopulationLoss(zero)) <= 4 * zeroError, $"w = 0: {zeroMean:G5} ± {zeroError:G2}");
    }

    private static (double Mean, double StandardError) MonteCarloLoss(Random random, float[] w, float[] teacher, int k, int samples)
    {
        var patch = new float[w.Length];
        double sum = 0, sumOfSquares = 0;
        for (int s = 0; s < samples; s++)
        {
            double y = 0, yTeacher = 0;
            for (int i = 0; i < k; i++)
            {
                Gaussian.Fill(random, patch);
                double dotW = 0, dotTeacher = 0;
                for (int j = 0; j < patch.Length; j++)
                {
                    dotW += patch[j] * (double)w[j];
                    dotTeacher += patch[j] * (double)teacher[j];
                }
                y += dotW > 0 ? 1.0 / k : 0;
                yTeacher += dotTeacher > 0 ? 1.0 / k : 0;
            }
            double loss = 0.5 * (y - yTeacher) * (y - yTeacher);
            sum += loss;
            sumOfSquares += loss * loss;
        }
        double mean = sum / samples, variance = Math.Max(0, sumOfSquares / samples - mean * mean);
        return (mean, Math.Sqrt(variance / (samples - 1)));
    }

    [Fact]
    public void Rvscgd_DecreasesTheLagrangian_UpToSamplingNoise()
    {
        // The w-step uses a 2,000-sample batch, so L_β(uᵗ, wᵗ) is monotone only in expectation. Measured
        // (seeds 0–4, ℓ0/ℓ1/Tℓ1, η = 5, 300 steps): no rise while θ(w, w*) > 1°, where the descent per step
        // (≥ 1.5e-6) beats the noise; after that L jitters around its floor λ‖u‖₀ with rises of at most
        // 3.0e-6, against a total descent of about 1.3e-2. Allowed: no rise above 2°, rises ≤ 1e-5 below.
        IReadOnlyList<RvscgdToyPoint> points = l0.Result.Points;
        for (int t = 1; t < points.Count; t++)
        {
            double rise = points[t].Lagrangian - points[t - 1].Lagrangian;
            if (points[t - 1].AngleDegrees > 2)
                Assert.True(rise < 0, $"step {t} (θ = {points[t - 1].AngleDegrees:F2}°): L rose by {rise:G3}");
            else
                Assert.True(rise <= 1e-5, $"step {t}: L rose by {rise:G3}, more than the sampling noise allows");
        }
        Assert.True(points[^1].Lagrangian < points[0].Lagrangian / 10, $"L went from {points[0].Lagrangian:G4} to {points[^1].Lagrangian:G4}");
    }

    [Fact]
    public void L0_RecoversTheTeachersSupport_AndKeepsIt()
    {
        RvscgdToyResult result = l0.Result;
        Assert.NotNull(result.SupportRecoveredAt);
        Assert.NotNull(result.SupportHeldFrom);
        Assert.True(result.SupportHeldFrom < 120, $"support held only from step {result.SupportHeldFrom}");
        RvscgdToyPoint last = result.Final;
        Assert.Equal((10, 0, 0), (last.SupportSize, last.FalsePositives, last.FalseNegatives));
        Assert.True(last.AngleDegrees < 1 && last.SparseAngleDegrees < 1, $"θ(w) = {last.AngleDegrees:F3}°, θ(u) = {last.SparseAngleDegrees:F3}°");
        for (int j = 0; j < result.Teacher.Length; j++)
            Assert.Equal(result.Teacher[j] != 0, result.Run.SparseWeights[j] != 0);
        Assert.Equal(1.0, Math.Sqrt(result.Run.Weights.Sum(x => (double)x * x)), 5); // w stays on the sphere
        Assert.Equal(result.Points[0].Lagrangian, result.Run.Trace[0].Lagrangian);
    }

    [Fact]
    public void ThePapersLearningRate_LeavesWWhereItStarted()
    {
        RvscgdToyResult result = RvscgdToyExperiment.Run(new RvscgdToyOptions { Steps = 30, LearningRate = RvscgdToyOptions.PaperLearningRate });
        Assert.True(Math.Abs(result.Final.AngleDegrees - result.Points[0].AngleDegrees) < 0.01);
        Assert.Equal(result.Points[0].SupportSize, result.Final.SupportSize);
        Assert.Equal(l0.Result.Points[0], result.Points[0]); // the same teacher and start as the η = 5 run
    }

    [Fact]
    public void TheSameSeed_GivesTheSameRun_BitForBit()
    {
        var options = new RvscgdToyOptions { Steps = 10, Penalty = SparsityPenaltyKind.TransformedL1, BatchSize = 500 };
        RvscgdToyResult one = RvscgdToyExperiment.Run(options), two = RvscgdToyExperiment.Run(options);
        Assert.Equal(one.Run.Weights, two.Run.Weights);
        Assert.Equal(one.Run.SparseWeights, two.Run.SparseWeights);
        Assert.Equal(one.Points, two.Points);
        Assert.NotEqual(one.Run.Weights, RvscgdToyExperiment.Run(options with { Seed = 1 }).Run.Weights);
    }

    [Fact]
    public void CoarseGradient_AllocatesNothing()
    {
        var problem = new ToyTeacherProblem(ToyTeacherProblem.SparseTeacher(50, 10, seed: 1), patchCount: 20, batchSize: 300, sampleSeed: 2);
        float[] w = ToyTeacherProblem.RandomUnitVector(50, seed: 3), gradient = new float[50];
        Assert.Equal(0, Allocations.PerCall(() => problem.CoarseGradient(w, gradient)));
    }

    [Fact]
    public void SparseTeacher_IsAUnitVectorWithEqualMagnitudesOnASeededSupport()
    {
        float[] teacher = ToyTeacherProblem.SparseTeacher(50, 10, seed: 3);
        Assert.Equal(10, teacher.Count(x => x != 0));
        Assert.All(teacher.Where(x => x != 0), x => Assert.Equal(1 / Math.Sqrt(10), Math.Abs(x), 6));
        Assert.Equal(teacher, ToyTeacherProblem.SparseTeacher(50, 10, seed: 3));
        Assert.NotEqual(teacher, ToyTeacherProblem.SparseTeacher(50, 10, seed: 4));
    }

    public static TheoryData<RvscgdToyOptions, string, string> BadOptions() => new()
    {
        { new RvscgdToyOptions { LearningRate = 0 }, "LearningRate", "LearningRate must be a finite number > 0 (η, the learning rate); got 0." },
        { new RvscgdToyOptions { Steps = -1 }, "Steps", "Steps must be in [0, 10000000] (RVSCGD steps); got -1." },
        { new RvscgdToyOptions { TeacherNonzeros = 51 }, "TeacherNonzeros", "TeacherNonzeros must be in [1, 50] (‖w*‖₀, at most d); got 51." },
        { new RvscgdToyOptions { BatchSize = 0 }, "BatchSize", "BatchSize must be in [1, 10000000] (fresh Gaussian samples per step); got 0." },
        { new RvscgdToyOptions { PatchCount = 1001 }, "PatchCount", "PatchCount must be in [1, 1000] (k, the number of patches); got 1001." },
        { new RvscgdToyOptions { Lambda = -1 }, "Lambda", "Lambda must be a finite number > 0; got -1." },
        { new RvscgdToyOptions { Beta = double.NaN }, "Beta", "Beta must be a finite number > 0; got NaN." },
        { new RvscgdToyOptions { TransformedL1Shape = 0 }, "TransformedL1Shape", "TransformedL1Shape must be a finite number > 0; got 0." },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void BadOptions_AreRejected_NamingTheOption(RvscgdToyOptions options, string name, string message)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => RvscgdToyExperiment.Run(options));
        Assert.Equal(name, ex.ParamName);
        Assert.StartsWith(message, ex.Message);
    }
}
