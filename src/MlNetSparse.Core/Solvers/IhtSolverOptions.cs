using MlNetSparse.Core.Sparsity;
using MlNetSparse.Core.Training;

namespace MlNetSparse.Core.Solvers;

/// <summary>
/// The options of IHT, declared once (<see cref="Table"/>): the budget s, the step, the stopping rules,
/// the start, the Monte-Carlo estimate of L₂ₛ, the seeds and the certificate's tolerances. One record for
/// one run of <see cref="IhtSolver"/> (which needs <see cref="StepSize"/>) and for
/// <see cref="IhtTraining"/> (which estimates γ = 1/L̂₂ₛ when it is null); docs/algorithms.md#iht.
/// </summary>
public sealed record IhtSolverOptions
{
    /// <summary>The defaults; the ML.NET trainers' <c>Defaults</c> read them from here.</summary>
    public static class Defaults
    {
        /// <summary>The iteration cap.</summary>
        public const int MaximumIterations = 1000;

        /// <summary>Off: the loss never stops a run.</summary>
        public const double LossTolerance = 0;

        /// <summary>The relative Newton-step size below which a fixed support counts as converged.</summary>
        public const double OptimizationTolerance = 1e-6;

        /// <summary>
        /// The relative decrease of f over the last <see cref="ConvergenceWindow"/> steps, on an unchanged support,
        /// below which a run has converged (0 in the <see cref="Paper"/> preset).
        /// </summary>
        public const double RelativeLossTolerance = 1e-4;

        /// <summary>The most halvings of γ in one step.</summary>
        public const int MaximumHalvingsPerStep = 60;

        /// <summary>
        /// Samples of the Monte-Carlo estimate L̂₂ₛ (2 passes over the data each). 3 land within 0.1 % of 50 on
        /// standardised features, and backtracking keeps a low estimate safe; the <see cref="Paper"/> preset uses 50.
        /// </summary>
        public const int MonteCarloSampleCount = 3;

        /// <summary>The start θ⁰ = 0.</summary>
        public const SparseStartKind Start = SparseStartKind.Zero;

        /// <summary>Keep the smaller index at a tie.</summary>
        public const TieBreaking TieBreaking = MlNetSparse.Core.Sparsity.TieBreaking.SmallerIndex;

        /// <summary>No dense reference unless asked for (it doubles the cost of a fit); on in the <see cref="Paper"/> preset.</summary>
        public const bool CompareWithDenseOptimum = false;

        /// <summary>No ridge term: the paper's objective.</summary>
        public const double L2Regularization = 0;

        /// <summary>Polish the support after IHT (Newton on the support, docs/algorithms.md#support-polish).</summary>
        public const bool PolishSupport = true;

        /// <summary>The most supports one polish minimises (hard-thresholding pursuit rounds).</summary>
        public const int MaximumPolishRounds = 3;

        /// <summary>A working set of columns where it pays (docs/algorithms.md#working-set).</summary>
        public const WorkingSetMode WorkingSet = WorkingSetMode.Auto;

        /// <summary>
        /// Hand IHT over to the polish once its support has been unchanged over this many steps (docs/algorithms.md#support-polish).
        /// </summary>
        public const int PolishAfterStableSteps = 3;
    }

    /// <summary>
    /// W, the steps over which <see cref="RelativeLossTolerance"/> judges the decrease of f and the support must not
    /// change.
    /// </summary>
    public const int ConvergenceWindow = 5;

    /// <summary>
    /// The paper's rules (learning-sparse-nn-iht §III-F, §IV), as every fit ran them before the production defaults:
    /// L̂₂ₛ from 50 Monte-Carlo samples, the dense reference trained and compared, and only the stop rules the
    /// paper's protocol knows (the loss tolerance, the iteration cap, the Newton-step stationarity test and the
    /// rounding limit; no <see cref="RelativeLossTolerance"/>), and IHT alone (no <see cref="PolishSupport"/>). Every other setting is the default; set the protocol's
    /// own (start, cap, loss threshold, seeds) with <c>with</c>. The IRIS study and the quick start run this preset.
    /// </summary>
    /// <param name="sparsity">s.</param>
    public static IhtSolverOptions Paper(int sparsity) => new()
    {
        Sparsity = sparsity,
        MonteCarloSampleCount = PaperRules.MonteCarloSampleCount,
        CompareWithDenseOptimum = PaperRules.CompareWithDenseOptimum,
        RelativeLossTolerance = PaperRules.RelativeLossTolerance,
        PolishSupport = PaperRules.PolishSupport,
    };

    /// <summary>The settings in which the <see cref="Paper"/> preset differs from the defaults, declared once (the ML.NET options' preset reads them too).</summary>
    public static class PaperRules
    {
        /// <summary>The paper's 50 samples of L̂₂ₛ.</summary>
        public const int MonteCarloSampleCount = 50;

        /// <summary>The dense reference, for the ε of the paper's condition (3).</summary>
        public const bool CompareWithDenseOptimum = true;

        /// <summary>Off: the paper has no loss-decrease rule.</summary>
        public const double RelativeLossTolerance = 0;

        /// <summary>The paper's IHT alone: no support polish.</summary>
        public const bool PolishSupport = false;
    }

    /// <summary>
    /// Every option with its default and range. Why these ranges: the iteration cap may be 0 (the run
    /// evaluates and certifies θ⁰, which the experiments' one-step runs use); the Monte-Carlo samples are
    /// capped at 1,000,000, the bound of <see cref="RestrictedSmoothnessEstimator"/> that consumes them.
    /// </summary>
    public static OptionTable Table { get; } = new("IHT",
    [
        new(nameof(Sparsity), null, OptionRange.Integer(1), "s, the number of nonzero parameters kept, biases included; at most the parameter count"),
        new(nameof(StepSize), null, OptionRange.AtLeast(0, open: true), "a fixed step γ; null estimates γ = 1/L̂₂ₛ"),
        new(nameof(MaximumIterations), Defaults.MaximumIterations, OptionRange.Integer(0), "the iteration cap; 0 evaluates the start only"),
        new(nameof(LossTolerance), Defaults.LossTolerance, OptionRange.AtLeast(0), "stop once the training loss is at most this; 0 disables"),
        new(nameof(OptimizationTolerance), Defaults.OptimizationTolerance, OptionRange.AtLeast(0),
            "stop once the support is fixed and no parameter would move by more than this times max(1, largest |parameter|)"),
        new(nameof(RelativeLossTolerance), Defaults.RelativeLossTolerance, OptionRange.AtLeast(0),
            $"stop once the support is unchanged over {ConvergenceWindow} steps and the loss fell by at most this fraction over them; 0 disables"),
        new(nameof(MaximumHalvingsPerStep), Defaults.MaximumHalvingsPerStep, OptionRange.Integer(0, 1000), "the most times one step may halve γ to keep the loss from rising"),
        new(nameof(StopAtRoundingLimit), true, OptionRange.Any, "stop a run once its next step moves θ by float32 rounding only without lowering the loss; false takes that step (the paper's loop)"),
        new(nameof(Start), Defaults.Start, OptionRange.OneOf<SparseStartKind>(), "how θ⁰ is chosen"),
        new(nameof(InitializationSeed), 0, OptionRange.Any, "seed of θ⁰'s values for the random sparse start"),
        new(nameof(SupportSeed), 0, OptionRange.Any, "seed of θ⁰'s support for the random sparse start, and of random tie-breaking"),
        new(nameof(MonteCarloSeed), 0, OptionRange.Any, "seed of the Monte-Carlo estimate L̂₂ₛ"),
        new(nameof(MonteCarloSampleCount), Defaults.MonteCarloSampleCount, OptionRange.Integer(1, 1_000_000), "samples of the Monte-Carlo estimate L̂₂ₛ"),
        new(nameof(TieBreaking), Defaults.TieBreaking, OptionRange.OneOf<TieBreaking>(), "how hard thresholding breaks ties at the boundary"),
        new(nameof(CompareWithDenseOptimum), Defaults.CompareWithDenseOptimum, OptionRange.Any, "also train the dense model and report the gap f(θ*ₛ) − f(θ*dense)"),
        new(nameof(StationarityTolerance), HtStabilityCertificate.DefaultStationarityTolerance, OptionRange.AtLeast(0), "the certificate's relative stationarity tolerance"),
        new(nameof(TieTolerance), HtStabilityCertificate.DefaultTieTolerance, OptionRange.AtLeast(0), "the certificate's relative tie tolerance"),
        new(nameof(L2Regularization), Defaults.L2Regularization, OptionRange.AtLeast(0),
            "λ₂ of the ridge term (λ₂/2)·‖w‖² added to the mean loss (L0L2; biases not penalised); 0 is the paper's objective"),
        new(nameof(PolishSupport), Defaults.PolishSupport, OptionRange.Any, "after IHT, minimise the loss on the support by Newton steps and re-check the support"),
        new(nameof(MaximumPolishRounds), Defaults.MaximumPolishRounds, OptionRange.Integer(1, 100),
            "the most supports the polish minimises when hard thresholding moves the support"),
        new(nameof(WorkingSet), Defaults.WorkingSet, OptionRange.OneOf<WorkingSetMode>(),
            "train on a working set of columns chosen by the gradient, then check the result on all columns (Auto: wide CSR data)"),
        new(nameof(PolishAfterStableSteps), Defaults.PolishAfterStableSteps, OptionRange.Integer(0, 1000),
            "with the polish, stop IHT once its support has been unchanged over this many steps and let the polish finish; 0 polishes only after IHT has stopped"),
    ]);

    /// <summary>s, the number of nonzero parameters (biases included), in [1, n].</summary>
    public required int Sparsity { get; init; }

    /// <summary>
    /// γ, the initial step; convergence is proved for 0 &lt; γ ≤ 1/L₂ₛ. <see cref="IhtSolver"/> needs it;
    /// <see cref="IhtTraining"/> estimates γ = 1/L̂₂ₛ when it is null (the default).
    /// </summary>
    public double? StepSize { get; init; }

    /// <summary>The iteration cap (≥ 0; 0 evaluates the start only). Default 1000.</summary>
    public int MaximumIterations { get; init; } = Defaults.MaximumIterations;

    /// <summary>Stop once f(θ) ≤ this (the paper uses 0.05); 0 never stops for this reason. Default 0.</summary>
    public double LossTolerance { get; init; } = Defaults.LossTolerance;

    /// <summary>
    /// Stop once the support no longer changes and no entry would still move by more than
    /// tolerance·max(1, ‖θᵏ‖∞): measured by a per-coordinate Newton step |∇ᵢf|/dᵢ when the objective
    /// implements <see cref="Objectives.IDiagonalCurvature"/>, else by ‖θᵏ − θᵏ⁻¹‖∞. 0 stops only
    /// at an exact fixed point (or the rounding limit). Default 1e-6.
    /// </summary>
    public double OptimizationTolerance { get; init; } = Defaults.OptimizationTolerance;

    /// <summary>
    /// Stop (<see cref="IhtStopReason.Converged"/>) once the support has not changed over the last
    /// <see cref="ConvergenceWindow"/> steps and f fell by at most this fraction of |f| over them
    /// (docs/algorithms.md#stationarity). Measured in f, whose float32 rounding is far below it, so it fires
    /// in a normal run, where <see cref="OptimizationTolerance"/> usually meets the rounding limit first.
    /// 0 disables (the <see cref="Paper"/> preset). Default 1e-4.
    /// </summary>
    public double RelativeLossTolerance { get; init; } = Defaults.RelativeLossTolerance;

    /// <summary>
    /// The most times one step may halve γ when a step would raise the loss (the loss never
    /// increases). Default 60.
    /// </summary>
    public int MaximumHalvingsPerStep { get; init; } = Defaults.MaximumHalvingsPerStep;

    /// <summary>
    /// Stop a run whose next step moves θ by float32 rounding only and does not lower the loss
    /// (<see cref="IhtStopReason.RoundingLimit"/>). False takes that step, as the paper's loop does (it has no
    /// acceptance test), so a run goes on to its other stop rules with f changing by rounding only; a rise beyond
    /// rounding still halves γ. Default true; false reproduces the paper's step count.
    /// </summary>
    public bool StopAtRoundingLimit { get; init; } = true;

    /// <summary>How θ⁰ is chosen by <see cref="IhtTraining"/>. Default <see cref="SparseStartKind.Zero"/>.</summary>
    public SparseStartKind Start { get; init; } = Defaults.Start;

    /// <summary>Seed of θ⁰'s values for <see cref="SparseStartKind.RandomSparse"/>.</summary>
    public int InitializationSeed { get; init; }

    /// <summary>Seed of θ⁰'s support for <see cref="SparseStartKind.RandomSparse"/>, and of random tie-breaking.</summary>
    public int SupportSeed { get; init; }

    /// <summary>Monte-Carlo samples for L̂₂ₛ, in [1, 1000000] (two passes over the data each). Default 3 (the <see cref="Paper"/> preset: 50).</summary>
    public int MonteCarloSampleCount { get; init; } = Defaults.MonteCarloSampleCount;

    /// <summary>Seed of the Monte-Carlo estimate.</summary>
    public int MonteCarloSeed { get; init; }

    /// <summary>How H_s breaks ties at the boundary (random ties draw from <see cref="SupportSeed"/>).</summary>
    public TieBreaking TieBreaking { get; init; } = Defaults.TieBreaking;

    /// <summary>
    /// Also train the dense model (s = n) from zero with the same rules, to report f(θ*ₛ) − f(θ*dense); its own L̂
    /// estimate and iterations about double the cost of a fit. Default false (the <see cref="Paper"/> preset: true).
    /// </summary>
    public bool CompareWithDenseOptimum { get; init; } = Defaults.CompareWithDenseOptimum;

    /// <summary>Certificate: relative stationarity tolerance.</summary>
    public double StationarityTolerance { get; init; } = HtStabilityCertificate.DefaultStationarityTolerance;

    /// <summary>Certificate: relative tie tolerance.</summary>
    public double TieTolerance { get; init; } = HtStabilityCertificate.DefaultTieTolerance;

    /// <summary>
    /// λ₂ ≥ 0: minimise f(θ) + (λ₂/2)·‖w‖², the mean loss plus a ridge term on the weights (biases are
    /// not penalised), under the same budget s: L0L2, regularised best subset (docs/algorithms.md#ridge-term).
    /// Every solver and training run that takes these options applies it once to the objective it is
    /// given, so pass the plain loss. Default 0 (the paper's objective).
    /// </summary>
    public double L2Regularization { get; init; } = Defaults.L2Regularization;

    /// <summary>
    /// After IHT, minimise f on the support with Newton steps to the restricted optimum, then check with one
    /// IHT step that the support is still a fixed point; where it is not, continue from the polished point
    /// with IHT steps and polish again, for at most <see cref="MaximumPolishRounds"/> supports
    /// (docs/algorithms.md#support-polish). Used by <see cref="IhtTraining"/>, not by <see cref="IhtSolver"/>;
    /// skipped where the objective has no restricted Hessian or it would cost too much. Default true.
    /// </summary>
    public bool PolishSupport { get; init; } = Defaults.PolishSupport;

    /// <summary>The most supports one polish minimises, in [1, 100]. Default 3.</summary>
    public int MaximumPolishRounds { get; init; } = Defaults.MaximumPolishRounds;

    /// <summary>
    /// Whether <see cref="IhtTraining"/> trains a linear model on CSR rows on a working set of columns first, then checks
    /// with one full gradient pass that no other column would enter the support (adding violators and going on until
    /// none would): the same fixed point and certificate as full IHT at a fraction of the entries per step
    /// (docs/algorithms.md#working-set). Default <see cref="WorkingSetMode.Auto"/> (wide CSR data).
    /// </summary>
    public WorkingSetMode WorkingSet { get; init; } = Defaults.WorkingSet;

    /// <summary>
    /// With <see cref="PolishSupport"/>, where the polish can run on s parameters: stop IHT once its support has been unchanged
    /// over this many accepted steps and let the polish take the support to its optimum and check it; where the polish ends
    /// without an IHT fixed point, IHT resumes from the polished point with its own stop rules and is polished again
    /// (docs/algorithms.md#support-polish). 0: the polish runs only after IHT has stopped. In [0, 1000]. Default 3.
    /// </summary>
    public int PolishAfterStableSteps { get; init; } = Defaults.PolishAfterStableSteps;

    /// <summary>
    /// The arithmetic (multiply-adds) the thorough swap search may spend after a polish (docs/algorithms.md#support-polish):
    /// <see cref="Training.SwapSearch.FreeWork"/>, which is thousands of passes over a small table and no pass over a
    /// large one. Not a user setting: tests set 0 where a small problem stands in for a large one, whose fit the search
    /// does not touch.
    /// </summary>
    internal double SwapSearchWork { get; init; } = Training.SwapSearch.FreeWork;

    /// <summary>The step of a solver run; the message says how to give one.</summary>
    /// <exception cref="ArgumentException"><see cref="StepSize"/> is null.</exception>
    internal double RequiredStepSize => StepSize ?? throw new ArgumentException(
        "StepSize must be set for IhtSolver (a finite number > 0); IhtTraining estimates γ = 1/L̂₂ₛ when it is null.", nameof(StepSize));

    /// <summary>Checks every setting against a problem of <paramref name="parameterCount"/> parameters, before any work.</summary>
    public void Validate(int parameterCount)
    {
        Table[nameof(Sparsity)].WithMaximum(parameterCount).Check(Sparsity);
        if (StepSize is double step)
            Table.Check(nameof(StepSize), step);
        Table.Check(nameof(MaximumIterations), MaximumIterations);
        Table.Check(nameof(LossTolerance), LossTolerance);
        Table.Check(nameof(OptimizationTolerance), OptimizationTolerance);
        Table.Check(nameof(RelativeLossTolerance), RelativeLossTolerance);
        Table.Check(nameof(MaximumHalvingsPerStep), MaximumHalvingsPerStep);
        Table.Check(nameof(Start), Start);
        Table.Check(nameof(MonteCarloSampleCount), MonteCarloSampleCount);
        Table.Check(nameof(TieBreaking), TieBreaking);
        Table.Check(nameof(StationarityTolerance), StationarityTolerance);
        Table.Check(nameof(TieTolerance), TieTolerance);
        Table.Check(nameof(L2Regularization), L2Regularization);
        Table.Check(nameof(MaximumPolishRounds), MaximumPolishRounds);
        Table.Check(nameof(WorkingSet), WorkingSet);
        Table.Check(nameof(PolishAfterStableSteps), PolishAfterStableSteps);
    }
}
