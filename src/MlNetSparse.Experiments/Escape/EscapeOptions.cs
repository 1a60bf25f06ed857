using MlNetSparse.Core.Training;

namespace MlNetSparse.Experiments.Escape;

/// <summary>Settings of <see cref="EscapeExperiment.Run"/>: N seeded IHT runs started within ρ of θᵘ.</summary>
public sealed record EscapeOptions
{
    /// <summary>
    /// The options with a fixed range, their defaults and meanings. <see cref="EscapeRadius"/> must also exceed
    /// <see cref="PerturbationRadius"/>, <see cref="StepSize"/> lie in (0, 1/L₂ₛ] of the objective, and
    /// <see cref="TrajectoryCount"/> be at most <see cref="RunCount"/>.
    /// </summary>
    public static OptionTable Table { get; } = new("The escape experiment",
    [
        new(nameof(RunCount), 4000, OptionRange.Integer(1, 10_000_000), "N, the number of runs"),
        new(nameof(PerturbationRadius), 1e-6, OptionRange.AtLeast(0, open: true), "ρ, the radius of the perturbed starts around θᵘ"),
        new(nameof(EscapeRadius), 1e-3, OptionRange.AtLeast(0, open: true), "r, the distance from θᵘ that counts as escaped"),
        new(nameof(MaximumSteps), 1000, OptionRange.Integer(1, 10_000_000), "the step cap per run"),
        new(nameof(TrajectoryCount), 200, OptionRange.Integer(0, 10_000_000), "runs whose trajectory is kept for plotting, at most N"),
        new(nameof(EndTolerance), 1e-4, OptionRange.AtLeast(0, open: true), "the relative distance to a fixed point that counts as ending there"),
        new(nameof(Seed), 0, OptionRange.Any, "the seed every run's perturbation derives from"),
        new(nameof(Threads), null, OptionRange.Integer(1, 1024), "threads to use; unset uses every core"),
    ]);

    /// <summary>The objective and its known points. Default <see cref="SaddleConstructions.Coupled"/> at T = 2⁻⁸.</summary>
    public SaddleQuadratic Objective { get; init; } = SaddleConstructions.Coupled();

    /// <summary>N, the number of runs. Default 4000, as in the paper's video.</summary>
    public int RunCount { get; init; } = 4000;

    /// <summary>
    /// ρ: each start is θᵘ + δ with δ uniform in the ball ‖δ‖₂ ≤ ρ (every coordinate perturbed),
    /// rounded to float32 and redrawn in the rare case the rounding pushes it outside. Default 1e-6.
    /// </summary>
    /// <remarks>
    /// What float32 resolves is ρ relative to ulp(θᵘ): at T = 1 a 1e-6 start is only about 8 ulps
    /// from θᵘ and rounding, not the dynamics, would decide many runs. The default T = 2⁻⁸ makes
    /// ulp(T) = 2⁻³¹ ≈ 4.7e-10, so ρ = 1e-6 spans about 2000 ulps (ρ/T ≈ 2.6e-4).
    /// </remarks>
    public double PerturbationRadius { get; init; } = 1e-6;

    /// <summary>
    /// r: a run has escaped at the first step k with ‖θᵏ − θᵘ‖₂ &gt; r. Default 1e-3: far above ρ (no
    /// start counts as escaped) and below T = 2⁻⁸ ≈ 3.9e-3, the distance from θᵘ of every point whose
    /// support misses coordinate 0, so every change of support counts and nothing else does
    /// (on supp θᵘ = {0} the only fixed point is θᵘ).
    /// </summary>
    public double EscapeRadius { get; init; } = 1e-3;

    /// <summary>
    /// γ; null uses the objective's. Must be in (0, 1/L₂ₛ]. θᵘ is a saddle only at the objective's γ:
    /// a smaller γ makes it HT-stable (runs return to it), a larger one not a fixed point at all.
    /// End points are certified at the γ used.
    /// </summary>
    public double? StepSize { get; init; }

    /// <summary>The step cap per run, counting the first step from the dense start. Default 1000.</summary>
    public int MaximumSteps { get; init; } = 1000;

    /// <summary>How many runs (the first ones) keep their distance-to-θᵘ trajectory for plotting. Default 200.</summary>
    public int TrajectoryCount { get; init; } = 200;

    /// <summary>A run ended at a known fixed point θ* when ‖θ − θ*‖₂ ≤ this · ‖θ*‖₂. Default 1e-4.</summary>
    public double EndTolerance { get; init; } = 1e-4;

    /// <summary>The seed every run's perturbation derives from. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Threads to use; null uses every core. The results do not depend on it.</summary>
    public int? Threads { get; init; }

    /// <summary>γ actually used.</summary>
    public double EffectiveStepSize => StepSize ?? Objective.StepSize;

    /// <summary>Checks every option, with messages that name the option and its allowed range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Objective);
        Table.Check(nameof(RunCount), RunCount);
        Table.Check(nameof(PerturbationRadius), PerturbationRadius);
        Table.Check(nameof(EscapeRadius), EscapeRadius);
        if (EscapeRadius <= PerturbationRadius)
            throw new ArgumentOutOfRangeException(nameof(EscapeRadius),
                $"EscapeRadius must be > PerturbationRadius = {PerturbationRadius:G4}, else a start counts as escaped; got {EscapeRadius:G4}.");
        double largestStep = 1 / Objective.RestrictedSmoothness;
        if (StepSize is double step && !(step > 0 && step <= largestStep))
            throw new ArgumentOutOfRangeException(nameof(StepSize),
                $"StepSize must be in (0, 1/L₂ₛ = {largestStep:G6}]; got {step}.");
        Table.Check(nameof(MaximumSteps), MaximumSteps);
        Table[nameof(TrajectoryCount)].WithMaximum(RunCount).Check(TrajectoryCount);
        Table.Check(nameof(EndTolerance), EndTolerance);
        if (Threads is int threads)
            Table.Check(nameof(Threads), threads);
    }
}
