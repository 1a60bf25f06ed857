using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Training;
using MlNetSparse.Experiments.Data;

namespace MlNetSparse.Experiments.Study;

/// <summary>
/// The protocol of learning-sparse-nn-iht §IV (docs/algorithms.md#iris-protocol), with its numbers as defaults:
/// every s in <see cref="Levels"/>, <see cref="RunsPerLevel"/> runs each, γ = 1/L̂₂ₛ at the start of
/// every run, stop at training loss ≤ 0.05 or after 10,000 steps — or at the rounding limit, which the paper does
/// not name (<see cref="StopRules"/>). Every run uses the paper's rules (<see cref="IhtSolverOptions.Paper"/>).
/// </summary>
public sealed record StudyOptions
{
    /// <summary>
    /// The options with a fixed range, their defaults and meanings. <see cref="Levels"/> and
    /// <see cref="Highlight"/> are bounded by the data's parameter count, <see cref="TestFraction"/> by its rows.
    /// </summary>
    public static OptionTable Table { get; } = new("The IRIS study",
    [
        new(nameof(RunsPerLevel), 1000, OptionRange.Integer(1, 10_000_000), "runs per sparsity level"),
        new(nameof(MaximumSteps), 10_000, OptionRange.Integer(1), "the step cap of a run"),
        new(nameof(LossThreshold), 0.05, OptionRange.AtLeast(0), "a run stops once its training loss is at most this"),
        new(nameof(TestFraction), 0.2, OptionRange.Between(0, 1, lowerOpen: true, upperOpen: true), "the fraction of rows held out for testing"),
        new(nameof(MonteCarloSampleCount), IhtSolverOptions.PaperRules.MonteCarloSampleCount, OptionRange.Integer(1, 1_000_000), "Monte-Carlo samples of L̂₂ₛ per run"),
        new(nameof(Seed), 0, OptionRange.Any, "the seed every run's seeds derive from"),
        new(nameof(DenseReference), true, OptionRange.Any, "also train the dense network on each split"),
        new(nameof(RoundingLimit), true, OptionRange.Any, "stop a run at the rounding limit; false runs the paper's loop to its own two stops"),
        new(nameof(Threads), null, OptionRange.Integer(1, 1024), "threads to use; unset uses every core"),
    ]);

    /// <summary>The sparsity levels s; null means every s in [1, P − 1].</summary>
    public IReadOnlyList<int>? Levels { get; init; }

    /// <summary>Runs per level, each with its own data, initialisation and support seeds. Default 1000.</summary>
    public int RunsPerLevel { get; init; } = 1000;

    /// <summary>The step cap. Default 10,000.</summary>
    public int MaximumSteps { get; init; } = 10_000;

    /// <summary>Stop a run once its training loss is ≤ this. Default 0.05.</summary>
    public double LossThreshold { get; init; } = 0.05;

    /// <summary>The fraction of rows held out for testing. Default 0.2 (IRIS: 30 of 150).</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>Monte-Carlo samples of L̂₂ₛ per run. Default 50.</summary>
    public int MonteCarloSampleCount { get; init; } = IhtSolverOptions.PaperRules.MonteCarloSampleCount;

    /// <summary>The seed every run's seeds derive from (<see cref="RunSeeds"/>). Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Also train the dense network (every parameter free) on each split, for the gap f(θ*ₛ) − f(θ*dense). Default true.</summary>
    public bool DenseReference { get; init; } = true;

    /// <summary>
    /// Stop a run at the rounding limit (<see cref="IhtSolverOptions.StopAtRoundingLimit"/>), which the paper does not
    /// have. False runs the paper's loop exactly: every run goes on to the loss threshold or the step cap, taking
    /// steps that change f by rounding only. Default true.
    /// </summary>
    public bool RoundingLimit { get; init; } = true;

    /// <summary>Threads to use; null uses every core. The results do not depend on it.</summary>
    public int? Threads { get; init; }

    /// <summary>The run whose parameters and gradient are drawn (the paper's Figs. 14–15); null for none.</summary>
    public HighlightedRun? Highlight { get; init; } = new(Sparsity: 7, DataSeed: 42, InitializationSeed: 21, SupportSeed: 84);

    /// <summary>
    /// Every rule that ends a sparse run, in words: the paper's two (the loss threshold, the step cap) and, unless
    /// <see cref="RoundingLimit"/> is off, the rounding limit, which ends a run whose next step moves θ by float32 rounding only without lowering the loss
    /// (docs/algorithms.md#step-size). The dense runs stop at the cap, the rounding limit or the Newton-step test.
    /// </summary>
    public string StopRules => RoundingLimit
        ? FormattableString.Invariant($"training loss ≤ {LossThreshold}, {MaximumSteps} steps, or the rounding limit (a step moves θ by float32 rounding only and does not lower the loss)")
        : FormattableString.Invariant($"training loss ≤ {LossThreshold} or {MaximumSteps} steps (the paper's two rules; no rounding limit)");

    /// <summary>The levels to run for <paramref name="data"/>.</summary>
    public IReadOnlyList<int> LevelsFor(ClassificationData data)
        => Levels ?? [.. Enumerable.Range(1, data.ParameterCount - 1)];

    /// <summary>Rows held out for testing.</summary>
    public int TestCountFor(ClassificationData data) => (int)Math.Round(TestFraction * data.RowCount);

    /// <summary>Checks every option against <paramref name="data"/>, with messages that name the option and the allowed range.</summary>
    public void Validate(ClassificationData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int maximumLevel = data.ParameterCount - 1;
        IReadOnlyList<int> levels = LevelsFor(data);
        if (levels.Count == 0)
            throw new ArgumentOutOfRangeException(nameof(Levels), "Levels must list at least one sparsity level.");
        foreach (int level in levels)
            if (level < 1 || level > maximumLevel)
                throw new ArgumentOutOfRangeException(nameof(Levels),
                    $"Levels must be in [1, {maximumLevel}] for {data.ClassCount} classes × ({data.FeatureCount} features + 1) = {data.ParameterCount} parameters; got {level}.");
        Table.Check(nameof(RunsPerLevel), RunsPerLevel);
        Table.Check(nameof(MaximumSteps), MaximumSteps);
        Table.Check(nameof(LossThreshold), LossThreshold);
        Table.Check(nameof(MonteCarloSampleCount), MonteCarloSampleCount);
        Table.Check(nameof(TestFraction), TestFraction);
        int testCount = TestCountFor(data);
        if (testCount < 1 || data.RowCount - testCount < 2)
            throw new ArgumentOutOfRangeException(nameof(TestFraction),
                $"The dataset has {data.RowCount} rows: a test fraction of {TestFraction} leaves {testCount} test and {data.RowCount - testCount} training rows, and the split needs at least 1 and 2.");
        if (Threads is int threads)
            Table.Check(nameof(Threads), threads);
        if (Highlight is { } highlight && (highlight.Sparsity < 1 || highlight.Sparsity > maximumLevel))
            throw new ArgumentOutOfRangeException(nameof(Highlight), $"Highlight.Sparsity must be in [1, {maximumLevel}]; got {highlight.Sparsity}.");
    }
}

/// <summary>One fully specified run (the paper's Figs. 14–15 use s = 7, data 42, init 21, support 84).</summary>
public sealed record HighlightedRun(int Sparsity, int DataSeed, int InitializationSeed, int SupportSeed);
