using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Sparsity;
using MlNetSparse.Core.Stochastic;
using MlNetSparse.Core.Training;

namespace MlNetSparse.Trainers;

/// <summary>
/// Options shared by the sparse IHT trainers: which columns, the sparsity budget s, the stopping
/// rules, the start and the seeds. The step is not an option: γ = 1/L̂₂ₛ is estimated at the start
/// of each run (docs/algorithms.md#restricted-smoothness).
/// </summary>
public abstract partial class SparseIhtOptionsBase
{
    /// <summary>Default values of the options, read from the algorithms' declarations (<see cref="Table"/>).</summary>
    public static partial class Defaults
    {
        /// <summary>Default of <see cref="MaximumNumberOfIterations"/>.</summary>
        public const int MaximumNumberOfIterations = IhtSolverOptions.Defaults.MaximumIterations;

        /// <summary>Default of <see cref="OptimizationTolerance"/>.</summary>
        public const double OptimizationTolerance = IhtSolverOptions.Defaults.OptimizationTolerance;

        /// <summary>Default of <see cref="RelativeLossTolerance"/>.</summary>
        public const double RelativeLossTolerance = IhtSolverOptions.Defaults.RelativeLossTolerance;

        /// <summary>Default of <see cref="LossTolerance"/> (off).</summary>
        public const double LossTolerance = IhtSolverOptions.Defaults.LossTolerance;

        /// <summary>Default of <see cref="MonteCarloSampleCount"/>.</summary>
        public const int MonteCarloSampleCount = IhtSolverOptions.Defaults.MonteCarloSampleCount;

        /// <summary>Default of <see cref="L2Regularization"/> (no ridge term: the paper's objective).</summary>
        public const double L2Regularization = IhtSolverOptions.Defaults.L2Regularization;

        /// <summary>Default of <see cref="MiniBatchGrowth"/>.</summary>
        public const double MiniBatchGrowth = MiniBatchOptions.DefaultGrowth;
    }

    /// <summary>
    /// Every ranged option of the sparse IHT trainers with its default and allowed values, under the
    /// names of these Options: the core's declarations (<see cref="IhtSolverOptions.Table"/>,
    /// <see cref="MiniBatchOptions.Table"/>, <see cref="SparsityPathOptions.Table"/>) renamed, plus the
    /// trainers' own. Validation reads it, and so can a tool's help. Sparsity's upper bound, P − 1, is
    /// checked once the data is known.
    /// </summary>
    public static OptionTable Table { get; } = IhtSolverOptions.Table
        .Only("Sparse IHT", nameof(IhtSolverOptions.Sparsity), nameof(IhtSolverOptions.MaximumIterations), nameof(IhtSolverOptions.LossTolerance),
            nameof(IhtSolverOptions.OptimizationTolerance), nameof(IhtSolverOptions.RelativeLossTolerance), nameof(IhtSolverOptions.Start), nameof(IhtSolverOptions.MonteCarloSampleCount),
            nameof(IhtSolverOptions.TieBreaking), nameof(IhtSolverOptions.CompareWithDenseOptimum), nameof(IhtSolverOptions.L2Regularization),
            nameof(IhtSolverOptions.PolishSupport), nameof(IhtSolverOptions.MaximumPolishRounds), nameof(IhtSolverOptions.WorkingSet),
            nameof(IhtSolverOptions.PolishAfterStableSteps))
        .Renamed("Sparse IHT", (nameof(IhtSolverOptions.MaximumIterations), nameof(MaximumNumberOfIterations)),
            (nameof(IhtSolverOptions.Start), nameof(Initialization)))
        .With("Sparse IHT", MiniBatchOptions.Table.Only("", nameof(MiniBatchOptions.Growth)).Renamed("", (nameof(MiniBatchOptions.Growth), nameof(MiniBatchGrowth))))
        .With("Sparse IHT", SparsityPathOptions.Table.Only("", nameof(SparsityPathOptions.SelectionTolerance), nameof(SparsityPathOptions.EarlyStopping),
                nameof(SparsityPathOptions.Selection), nameof(SparsityPathOptions.NumberOfFolds), nameof(SparsityPathOptions.CrossValidationRepeats))
            .Renamed("", (nameof(SparsityPathOptions.SelectionTolerance), nameof(PathSelectionTolerance)),
                (nameof(SparsityPathOptions.EarlyStopping), nameof(PathEarlyStopping)),
                (nameof(SparsityPathOptions.Selection), nameof(PathSelectionRule))))
        .With("Sparse IHT", new("", TrainerOwnOptions));

    /// <summary>The feature column: a known-size vector of Single. Default "Features".</summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>The label column. Default "Label".</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>An optional Single column of example weights (≥ 0); null weighs every row 1.</summary>
    public string? ExampleWeightColumnName { get; set; }

    /// <summary>
    /// s, the number of nonzero parameters the model may have, biases included, in [1, P − 1] where
    /// P = outputs × (features + 1). Required, unless <see cref="SparsityPath"/> is set (then it is not used).
    /// </summary>
    public int Sparsity { get; set; }

    /// <summary>The iteration cap, ≥ 0 (0 trains nothing: the model is the start, certified). Default 1000.</summary>
    public int MaximumNumberOfIterations { get; set; } = Defaults.MaximumNumberOfIterations;

    /// <summary>Stop as soon as the training loss is ≤ this value (the paper uses 0.05); 0 disables. Default 0.</summary>
    public double LossTolerance { get; set; } = Defaults.LossTolerance;

    /// <summary>
    /// Stop once the support no longer changes and a per-coordinate Newton step |∇ᵢf|/dᵢ (dᵢ the
    /// loss's curvature bound along parameter i) would move no parameter by more than this times
    /// max(1, largest |parameter|). Default 1e-6.
    /// </summary>
    public double OptimizationTolerance { get; set; } = Defaults.OptimizationTolerance;

    /// <summary>
    /// Stop (converged) once the support has not changed over the last 5 steps, the training loss fell by at
    /// most this fraction over them, and the certificate calls the point stationary
    /// (docs/algorithms.md#stationarity). The rule that ends a normal fit; 0 disables it (the paper's rules,
    /// <see cref="SparseIhtPresets.WithPaperRules{TOptions}(TOptions)"/>). Default 1e-4.
    /// </summary>
    public double RelativeLossTolerance { get; set; } = Defaults.RelativeLossTolerance;

    /// <summary>
    /// How training starts: <see cref="SparseStartKind.Zero"/> (default, deterministic) or the paper's
    /// <see cref="SparseStartKind.RandomSparse"/> start drawn from <see cref="InitializationSeed"/> and <see cref="SupportSeed"/>.
    /// </summary>
    public SparseStartKind Initialization { get; set; } = IhtSolverOptions.Defaults.Start;

    /// <summary>Seed of the random start's values; null draws it from the MLContext's seed.</summary>
    public int? InitializationSeed { get; set; }

    /// <summary>Seed of the random start's support (and of random tie-breaking); null draws it from the MLContext's seed.</summary>
    public int? SupportSeed { get; set; }

    /// <summary>Seed of the Monte-Carlo estimate of L₂ₛ; null draws it from the MLContext's seed.</summary>
    public int? MonteCarloSeed { get; set; }

    /// <summary>Samples of the Monte-Carlo estimate L̂₂ₛ, in [1, 1000000]: two passes over the rows each. Default 3 (the paper: 50).</summary>
    public int MonteCarloSampleCount { get; set; } = Defaults.MonteCarloSampleCount;

    /// <summary>How hard thresholding breaks ties at the boundary. Default: keep the smaller index.</summary>
    public TieBreaking TieBreaking { get; set; } = IhtSolverOptions.Defaults.TieBreaking;

    /// <summary>
    /// Also train the dense model (every parameter free) by the same rules — with mini-batches, on the
    /// same batches — and report the gap f(θ*ₛ) − f(θ*dense) on all rows, with its cost in the report's
    /// <see cref="SparseIhtTrainingReport.Phases"/>. Roughly doubles training time. Default false (the paper's rules: true).
    /// </summary>
    public bool CompareWithDenseOptimum { get; set; } = IhtSolverOptions.Defaults.CompareWithDenseOptimum;

    /// <summary>
    /// λ₂ ≥ 0, the weight of a ridge term: IHT minimises the mean loss plus (λ₂/2)·‖w‖² over the weights
    /// (biases are not penalised) under the same budget s, the L0L2 objective of regularised best subset
    /// (docs/algorithms.md#ridge-term). On (nearly) separable data it keeps the weights and the log loss
    /// finite. The scale is that of ML.NET's SDCA trainers and glmnet (α = 0); ML.NET's L-BFGS trainers
    /// divide their penalty by the example-weight sum, so their L2Regularization equals λ₂·Σω. Default 0
    /// (the paper's objective).
    /// </summary>
    public double L2Regularization { get; set; } = Defaults.L2Regularization;

    /// <summary>
    /// After IHT, minimise the loss on the support with Newton steps to the optimum on that support, then
    /// check with one IHT step that the support still holds; where it does not, continue from the polished
    /// point and polish again, for at most <see cref="MaximumPolishRounds"/> supports (docs/algorithms.md#support-polish).
    /// The loss never rises and the certificate is of the polished model. Full-batch training on cached rows
    /// only; skipped when the support is too large for a Newton pass to pay (the report says so). Default true.
    /// </summary>
    public bool PolishSupport { get; set; } = IhtSolverOptions.Defaults.PolishSupport;

    /// <summary>The most supports one polish minimises, in [1, 100]. Default 3.</summary>
    public int MaximumPolishRounds { get; set; } = IhtSolverOptions.Defaults.MaximumPolishRounds;

    /// <summary>
    /// Whether full-batch IHT on cached CSR rows trains on a working set of columns (the largest gradients and the
    /// support), then checks with one pass over all columns that no other would enter the support, adding any that
    /// would and going on: the same fixed point and certificate as IHT over all columns, each step touching only the
    /// working set's entries (docs/algorithms.md#working-set). Auto (default): on wide CSR data (many more features than
    /// the working set); Off: never; On: whenever the rows are CSR.
    /// </summary>
    public WorkingSetMode WorkingSet { get; set; } = IhtSolverOptions.Defaults.WorkingSet;

    /// <summary>
    /// With <see cref="PolishSupport"/>: stop IHT once its support has been unchanged over this many steps and let the polish
    /// take the support to its optimum; where the polish finds the support is not yet IHT's fixed point, IHT resumes with its own
    /// stop rules (docs/algorithms.md#support-polish). 0: polish only after IHT has stopped. In [0, 1000]. Default 3.
    /// </summary>
    public int PolishAfterStableSteps { get; set; } = IhtSolverOptions.Defaults.PolishAfterStableSteps;

    /// <summary>
    /// 0 (default): full-batch IHT, every step on all rows. Otherwise mini-batch stochastic IHT
    /// (docs/algorithms.md#stochastic-iht): the first step uses this many rows, later steps more (<see cref="MiniBatchGrowth"/>),
    /// and γ = 1/L̂₂ₛ is estimated on the first mini-batch. Each step is checked on its own batch: the loss
    /// of the batch may not rise. Cached rows are drawn in a seeded random order per epoch; streamed rows in
    /// the data view's order (put <c>mlContext.Data.ShuffleRows</c> before the trainer to shuffle them).
    /// <see cref="LossTolerance"/> is judged on the next batch's loss; <see cref="OptimizationTolerance"/>
    /// only once the batches cover all rows. The report's loss, gradient and certificate are on all rows.
    /// </summary>
    public int MiniBatchSize { get; set; }

    /// <summary>
    /// ρ ≥ 1: step k uses bₖ = min(rows, ⌈<see cref="MiniBatchSize"/>·ρᵏ⌉) rows. Batches growing geometrically
    /// are the schedule under which stochastic IHT's convergence analysis holds (the gradient noise shrinks
    /// as the batches grow); once bₖ reaches the data, steps are full-batch and the convergence test applies.
    /// 1 keeps the batch size fixed. Default 1.05.
    /// </summary>
    public double MiniBatchGrowth { get; set; } = Defaults.MiniBatchGrowth;

    /// <summary>
    /// Whether the rows are cached in memory or streamed from the data view on every pass (memory: one
    /// mini-batch or one 4 MiB chunk, never the data). Default <see cref="SparseIhtDataCaching.Auto"/>:
    /// cached when they fit, by the rule given there. Full-batch IHT on streamed rows makes a pass per
    /// gradient: set <see cref="MiniBatchSize"/> for large data.
    /// </summary>
    public SparseIhtDataCaching DataCaching { get; set; } = SparseIhtDataCaching.Auto;

    /// <summary>
    /// Called as Fit runs (for a progress bar): the first step of every run, then at most every 100 ms,
    /// with the run (path s, final fit, dense reference) and the share of the planned work done. Called
    /// on the training thread: keep it quick. Not saved with the model; it does not change the model.
    /// </summary>
    public IProgress<SparseIhtProgress>? Progress { get; set; }

    /// <summary>
    /// The most threads one loss-and-gradient pass over cached rows uses, in [1, 1024]; null (default)
    /// uses every core. The rows are cut into the same blocks whatever the count and the blocks' sums
    /// are added in row order, so the model is the same bit for bit on any number of threads.
    /// </summary>
    public int? NumberOfThreads { get; set; }

    /// <summary>The thread limit <see cref="NumberOfThreads"/> sets: every core when null.</summary>
    internal int MaxDegreeOfParallelism => NumberOfThreads ?? Environment.ProcessorCount;

    /// <summary>The options only the trainers have (no core algorithm declares them).</summary>
    private static OptionSpec[] TrainerOwnOptions =>
    [
        new(nameof(MiniBatchSize), 0, OptionRange.Integer(0), "0: full-batch IHT; otherwise the rows of the first mini-batch"),
        new(nameof(DataCaching), SparseIhtDataCaching.Auto, OptionRange.OneOf<SparseIhtDataCaching>(), "whether the rows are cached in memory or streamed"),
        new(nameof(NumberOfThreads), null, OptionRange.Integer(1, 1024), "the most threads a pass over cached rows uses; null uses every core"),
        new(nameof(ValidationFraction), Defaults.ValidationFraction, OptionRange.Between(0, 0.5, lowerOpen: true),
            "the fraction of rows held out to choose s on a sparsity path"),
        new(nameof(PathL2Regularization), Defaults.PathL2Regularization, OptionRange.AtLeast(0),
            "c of the ridge c/m (m rows) that every fit of a classification path carries, keeping separable folds' log loss finite; 0: none"),
    ];

    /// <summary>Checks what can be checked before the data is seen: each option against <see cref="Table"/>, then the combinations (<see cref="TrainingPlan"/>).</summary>
    internal void Validate()
    {
        RequireName(FeatureColumnName, nameof(FeatureColumnName));
        RequireName(LabelColumnName, nameof(LabelColumnName));
        if (ExampleWeightColumnName is { Length: 0 })
            throw new ArgumentException($"{nameof(ExampleWeightColumnName)} must be null or a column name; got an empty string.", nameof(ExampleWeightColumnName));
        if (SparsityPath is null)
            Table.Check(nameof(Sparsity), Sparsity);
        Table.Check(nameof(MaximumNumberOfIterations), MaximumNumberOfIterations);
        Table.Check(nameof(LossTolerance), LossTolerance);
        Table.Check(nameof(OptimizationTolerance), OptimizationTolerance);
        Table.Check(nameof(RelativeLossTolerance), RelativeLossTolerance);
        Table.Check(nameof(MonteCarloSampleCount), MonteCarloSampleCount);
        Table.Check(nameof(Initialization), Initialization);
        Table.Check(nameof(TieBreaking), TieBreaking);
        Table.Check(nameof(L2Regularization), L2Regularization);
        Table.Check(nameof(MiniBatchSize), MiniBatchSize);
        Table.Check(nameof(MiniBatchGrowth), MiniBatchGrowth);
        Table.Check(nameof(DataCaching), DataCaching);
        Table.Check(nameof(MaximumPolishRounds), MaximumPolishRounds);
        Table.Check(nameof(WorkingSet), WorkingSet);
        Table.Check(nameof(PolishAfterStableSteps), PolishAfterStableSteps);
        if (NumberOfThreads is int threads)
            Table.Check(nameof(NumberOfThreads), threads);
        ValidatePath();
    }

    private static void RequireName(string? name, string option)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException($"{option} must name a column; got {(name is null ? "null" : "an empty string")}.", option);
    }
}
