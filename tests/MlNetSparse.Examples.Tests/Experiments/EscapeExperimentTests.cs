using MlNetSparse.Core.Solvers;
using MlNetSparse.Experiments.Escape;

namespace MlNetSparse.Tests.Experiments;

/// <summary>
/// The escape experiment: deterministic, and its outcomes are the ones the derivation in
/// <see cref="SaddleConstructions"/> predicts run by run from the start δ = θ⁰ − θᵘ.
/// </summary>
public class EscapeExperimentTests
{
    private const double T = SaddleConstructions.DefaultScale;

    // ulp(T) in float32: rounding decides a run only when a predicted gap is within a few of these.
    private static readonly double Ulp = Math.ScaleB(T, -23);

    private static EscapeResult Run(SaddleQuadratic objective, int runs = 200, int seed = 0, int? threads = null)
        => EscapeExperiment.Run(new EscapeOptions { Objective = objective, RunCount = runs, TrajectoryCount = 20, Seed = seed, Threads = threads });

    [Fact]
    public void TheSameSeed_GivesIdenticalResults_WhateverTheThreadCount()
    {
        SaddleQuadratic objective = SaddleConstructions.Separable();
        EscapeResult one = Run(objective, threads: 1), two = Run(objective, threads: 2), again = Run(objective, threads: 2);
        foreach (EscapeResult other in new[] { two, again })
        {
            Assert.Equal(one.Summary.ToString(), other.Summary.ToString());
            for (int i = 0; i < one.Runs.Count; i++)
            {
                Assert.Equal(one.Runs[i].Start, other.Runs[i].Start);
                Assert.Equal(one.Runs[i] with { Start = [] }, other.Runs[i] with { Start = [] });
            }
            for (int i = 0; i < one.Trajectories.Count; i++)
                Assert.Equal(one.Trajectories[i].DistanceToUnstable, other.Trajectories[i].DistanceToUnstable);
        }
        Assert.NotEqual(one.Runs[0].Start, Run(objective, seed: 1).Runs[0].Start);
    }

    [Fact]
    public void StartsArePerturbedInEveryCoordinate_WithinTheRadius()
    {
        EscapeResult result = Run(SaddleConstructions.Coupled());
        foreach (EscapeRun run in result.Runs)
        {
            Assert.True(run.StartDistance <= 1e-6 && run.StartDistance > 0, $"run {run.Index}: {run.StartDistance}");
            Assert.All(run.Start, value => Assert.NotEqual(0f, value));
        }
    }

    [Fact]
    public void Coupled_EveryStartOutsideTheRoundingBandEscapesByStepTwo_AndEndsStableAtTheStablePoint()
    {
        // After the first step a start that kept supp θᵘ sits at θᵘ + e₁e₀ with
        // e₁ = δ₀/4 + 3δ₁/8 + 3δ₂/8, and the next step leaves for either sign of e₁ ≠ 0.
        SaddleQuadratic objective = SaddleConstructions.Coupled();
        EscapeResult result = Run(objective);
        int outsideBand = 0;
        foreach (EscapeRun run in result.Runs)
        {
            double[] d = Perturbation(objective, run);
            double e1 = d[0] / 4 + 3 * d[1] / 8 + 3 * d[2] / 8;
            if (Math.Abs(e1) <= 8 * Ulp)
                continue;
            outsideBand++;
            Assert.True(run.EscapeStep is 1 or 2, $"run {run.Index}: e₁ = {e1 / Ulp:F1} ulp, escape step {run.EscapeStep}");
        }
        Assert.True(outsideBand >= 195, $"{outsideBand} of 200 outside the band");
        // None of these 200 starts falls in the band: all of them escape.
        Assert.Equal(200, result.Summary.EscapedCount);
        Assert.Equal(200, result.Summary.EndedAtStable);
        Assert.Equal(0, result.Summary.EscapedNotAtKnownStable);
        double tolerance = 1e-4 * objective.Stable.Norm();
        Assert.All(result.Runs, run =>
        {
            Assert.Equal(HtStabilityVerdict.Stable, run.Verdict);
            Assert.True(run.DistanceToStable <= tolerance, $"run {run.Index}: {run.DistanceToStable}");
        });
        Assert.True(result.Summary.MaximumEscapeStep <= 2);
    }

    [Fact]
    public void Separable_ExactlyThePredictedStartsStay_AndConvergeBackToTheUnstablePoint()
    {
        // A start stays iff δ₀ > 0, (5/8)δ₁ ≤ δ₀/4 and −(11/16)δ₂ ≤ δ₀/4: probability ≈ 0.193.
        SaddleQuadratic objective = SaddleConstructions.Separable();
        EscapeResult result = Run(objective);
        int predictedToStay = 0, judged = 0;
        foreach (EscapeRun run in result.Runs)
        {
            double[] d = Perturbation(objective, run);
            double gap1 = 5 * d[1] / 8 - d[0] / 4, gap2 = -11 * d[2] / 16 - d[0] / 4;
            if (Math.Abs(gap1) < 4 * Ulp || Math.Abs(gap2) < 4 * Ulp || Math.Abs(d[0]) < 32 * Ulp)
                continue;
            judged++;
            bool stays = d[0] > 0 && gap1 <= 0 && gap2 <= 0;
            predictedToStay += stays ? 1 : 0;
            Assert.True(stays != run.Escaped, $"run {run.Index}: predicted {(stays ? "to stay" : "to escape")}");
            if (stays)
            {
                Assert.Equal("θᵘ", run.EndPoint);
                Assert.Equal(HtStabilityVerdict.Unstable, run.Verdict);
            }
            else
            {
                Assert.Contains(run.EndPoint, new[] { "θˢ", "θˢ′" });
                Assert.Equal(HtStabilityVerdict.Stable, run.Verdict);
            }
        }
        Assert.True(judged >= 190, $"only {judged} of 200 starts outside the rounding bands");
        // 200 × 0.193 ≈ 39, binomial standard deviation ≈ 5.6.
        Assert.InRange(predictedToStay, 22, 56);
        Assert.Equal(0, result.Summary.EscapedNotAtKnownStable);
    }

    [Theory]
    [InlineData(nameof(EscapeOptions.RunCount), "RunCount must be in [1, 10000000]")]
    [InlineData(nameof(EscapeOptions.PerturbationRadius), "PerturbationRadius must be a finite number > 0")]
    [InlineData(nameof(EscapeOptions.EscapeRadius), "EscapeRadius must be a finite number > 0")]
    [InlineData(nameof(EscapeOptions.StepSize), "StepSize must be in (0, 1/L₂ₛ = 1.01858]")]
    [InlineData(nameof(EscapeOptions.MaximumSteps), "MaximumSteps must be in [1, 10000000]")]
    [InlineData(nameof(EscapeOptions.TrajectoryCount), "TrajectoryCount must be in [0, 4000]")]
    [InlineData(nameof(EscapeOptions.EndTolerance), "EndTolerance must be a finite number > 0")]
    [InlineData(nameof(EscapeOptions.Threads), "Threads must be in [1, 1024]")]
    public void AnOptionOutOfRange_ThrowsNamingTheOptionAndTheRange(string option, string message)
    {
        var options = option switch
        {
            nameof(EscapeOptions.RunCount) => new EscapeOptions { RunCount = 0 },
            nameof(EscapeOptions.PerturbationRadius) => new EscapeOptions { PerturbationRadius = 0 },
            nameof(EscapeOptions.EscapeRadius) => new EscapeOptions { EscapeRadius = -1e-3 },
            nameof(EscapeOptions.StepSize) => new EscapeOptions { StepSize = 1.02 },
            nameof(EscapeOptions.MaximumSteps) => new EscapeOptions { MaximumSteps = 0 },
            nameof(EscapeOptions.TrajectoryCount) => new EscapeOptions { TrajectoryCount = 4001 },
            nameof(EscapeOptions.EndTolerance) => new EscapeOptions { EndTolerance = double.NaN },
            _ => new EscapeOptions { Threads = 0 },
        };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => EscapeExperiment.Run(options));
        Assert.Equal(option, error.ParamName);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    public void ANonPositiveStep_Throws(double stepSize)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => EscapeExperiment.Run(new EscapeOptions { StepSize = stepSize }));
        Assert.Equal(nameof(EscapeOptions.StepSize), error.ParamName);
    }

    [Fact]
    public void AnEscapeRadiusNotAboveThePerturbationRadius_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => EscapeExperiment.Run(new EscapeOptions { PerturbationRadius = 1e-3, EscapeRadius = 1e-3 }));
        Assert.Equal(nameof(EscapeOptions.EscapeRadius), error.ParamName);
        Assert.Contains("must be > PerturbationRadius", error.Message);
    }

    [Fact]
    public void TheTrajectoryFigure_IsWrittenAsAPng()
    {
        EscapeResult result = Run(SaddleConstructions.Separable(), runs: 40);
        string path = Path.Combine(Path.GetTempPath(), $"escape-{Guid.NewGuid():N}.png");
        try
        {
            EscapeFigures.SaveTrajectories(result, path, 640, 400);
            byte[] bytes = File.ReadAllBytes(path);
            Assert.True(bytes.Length > 1000, $"{bytes.Length} bytes");
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static double[] Perturbation(SaddleQuadratic objective, EscapeRun run)
        => [.. run.Start.Select((v, i) => v - objective.Unstable.Parameters[i])];
}
