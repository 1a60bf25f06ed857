using System.Globalization;
using System.Text;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Training;
using MlNetSparse.Data;

namespace MlNetSparse.Trainers;

/// <summary>
/// What a sparse IHT trainer learned beyond the model: the support, the step and how it was found,
/// how training stopped, the HT-stability certificate and the distance to the dense optimum.
/// </summary>
public sealed partial class SparseIhtTrainingReport
{
    internal SparseIhtTrainingReport(SparseIhtTask task, TrainingOutcome result, LinearModelLayout layout,
        IReadOnlyList<string> featureNames, IReadOnlyList<string>? outputNames,
        IhtSolverOptions options, TimeSpan trainingTime)
    {
        IhtSolution solution = result.Solution;
        Task = task;
        Sparsity = options.Sparsity;
        ParameterCount = layout.ParameterCount;
        FeatureCount = layout.FeatureCount;
        OutputCount = layout.OutputCount;
        Support = DescribeSupport(solution.Parameters, layout, featureNames, outputNames);
        EstimatedSmoothness = result.Smoothness?.Estimate;
        StepSize = solution.InitialStepSize;
        FinalStepSize = solution.StepSize;
        Backtracks = solution.Backtracks;
        Iterations = solution.Iterations;
        StopReason = solution.StopReason;
        LossHistory = solution.LossHistory;
        FinalLoss = result.FinalLoss;
        Certificate = result.Certificate;
        DenseLoss = result.DenseReference?.Loss;
        DenseStopReason = result.DenseReference?.StopReason;
        OptimalityGap = result.OptimalityGap;
        Polish = result.Polish;
        WorkingSet = result.WorkingSet;
        (RowsRead, RowsUsed, RowsSkipped) = result.Rows;
        (DataCaching, MiniBatch, RowsHeldInMemory) = (result.Caching, result.MiniBatch, result.RowsHeldInMemory);
        Initialization = options.Start;
        InitializationSeed = options.InitializationSeed;
        SupportSeed = options.SupportSeed;
        MonteCarloSeed = options.MonteCarloSeed;
        MonteCarloSampleCount = options.MonteCarloSampleCount;
        L2Regularization = options.L2Regularization;
        TrainingTime = trainingTime;
        Phases = result.Phases;
    }

    /// <summary>The prediction task.</summary>
    public SparseIhtTask Task { get; }

    /// <summary>s, the budget of nonzero parameters (biases included).</summary>
    public int Sparsity { get; }

    /// <summary>P = outputs × (features + 1), all parameters of the dense model.</summary>
    public int ParameterCount { get; }

    /// <summary>n, the length of the feature vector.</summary>
    public int FeatureCount { get; }

    /// <summary>k, the number of outputs (classes for multiclass, 1 otherwise).</summary>
    public int OutputCount { get; }

    /// <summary>The nonzero parameters, in θ order: at most <see cref="Sparsity"/> of them.</summary>
    public IReadOnlyList<SparseParameter> Support { get; }

    /// <summary>‖θ‖₀ of the trained model.</summary>
    public int NonzeroCount => Support.Count;

    /// <summary>L̂₂ₛ, the Monte-Carlo estimate of the restricted smoothness constant.</summary>
    public double? EstimatedSmoothness { get; }

    /// <summary>γ = 1/L̂₂ₛ, the step IHT started with.</summary>
    public double StepSize { get; }

    /// <summary>γ at the end: smaller than <see cref="StepSize"/> when steps were halved.</summary>
    public double FinalStepSize { get; }

    /// <summary>How often γ was halved because a step would have raised the loss (L̂₂ₛ underestimated L₂ₛ).</summary>
    public int Backtracks { get; }

    /// <summary>IHT steps taken, with the support polish's entries of the loss history (<see cref="Polish"/>).</summary>
    public int Iterations { get; }

    /// <summary>Why training stopped.</summary>
    public IhtStopReason StopReason { get; }

    /// <summary>
    /// True only when training stopped <see cref="IhtStopReason.Converged"/> (docs/algorithms.md#stationarity). A
    /// reached <see cref="SparseIhtOptionsBase.LossTolerance"/> (<see cref="IhtStopReason.LossToleranceReached"/>) is a
    /// target met, not convergence; the rounding limit and the caps are not convergence either: read
    /// <see cref="StopReason"/> for which.
    /// </summary>
    public bool Converged => StopReason == IhtStopReason.Converged;

    /// <summary>
    /// The training loss after each step (index 0: the start); never increasing. With mini-batches
    /// (<see cref="MiniBatch"/> not null), the loss of each step's batch: not monotone across batches.
    /// </summary>
    public IReadOnlyList<double> LossHistory { get; }

    /// <summary>The first entry of <see cref="LossHistory"/>: the loss of the start (on the first mini-batch, with mini-batches).</summary>
    public double InitialLoss => LossHistory[0];

    /// <summary>
    /// The training loss of the trained model, on all rows. With <see cref="L2Regularization"/> λ₂ &gt; 0 this and
    /// every other loss of the report (history, dense reference, gap) is the objective IHT minimised: the mean
    /// loss plus (λ₂/2)·‖w‖²; a sparsity path's validation losses are the plain loss.
    /// </summary>
    public double FinalLoss { get; }

    /// <summary>λ₂ of the ridge term (λ₂/2)·‖w‖² the model was trained with (<see cref="SparseIhtOptionsBase.L2Regularization"/>); 0 for none.</summary>
    public double L2Regularization { get; }

    /// <summary>The HT-stability certificate: both sides of inequality (8) and the verdict.</summary>
    public HtStabilityCertificate Certificate { get; }

    /// <summary>The training loss of the dense model trained by the same rules; null when not computed.</summary>
    public double? DenseLoss { get; }

    /// <summary>
    /// Why the dense reference run stopped. At <see cref="IhtStopReason.MaximumIterations"/> its loss
    /// only bounds the dense optimum from above, so <see cref="OptimalityGap"/> understates the cost of
    /// sparsity (and can be negative).
    /// </summary>
    public IhtStopReason? DenseStopReason { get; }

    /// <summary>f(θ*ₛ) − f(θ*dense): what the sparsity costs in training loss; null when not computed.</summary>
    public double? OptimalityGap { get; }

    /// <summary>
    /// What the support polish did after IHT (<see cref="SparseIhtOptionsBase.PolishSupport"/>): its outcome, Newton steps,
    /// passes over the data and the loss before and after; null when it did not run (off, or mini-batch training).
    /// <see cref="LossHistory"/> and <see cref="Iterations"/> include its steps.
    /// </summary>
    public SupportPolishReport? Polish { get; }

    /// <summary>
    /// What the working set did (<see cref="SparseIhtOptionsBase.WorkingSet"/>, docs/algorithms.md#working-set): each round's
    /// columns, iterations, passes over those columns and the features the full check found missing; null when the fit ran
    /// on all columns. <see cref="Phases"/> counts its passes over all of X in <see cref="TrainingPhases.WorkingSet"/>.
    /// </summary>
    public WorkingSetReport? WorkingSet { get; }

    /// <summary>Rows read from the data.</summary>
    public int RowsRead { get; }

    /// <summary>Rows trained on.</summary>
    public int RowsUsed { get; }

    /// <summary>Rows skipped for missing or non-finite values, by reason.</summary>
    public SkippedRows RowsSkipped { get; }

    /// <summary>Whether the rows were cached in memory or streamed (the decision <see cref="SparseIhtDataCaching.Auto"/> took).</summary>
    public SparseIhtDataCaching DataCaching { get; }

    /// <summary>The mini-batch schedule used and the data it processed; null for full-batch IHT.</summary>
    public SparseIhtMiniBatchSummary? MiniBatch { get; }

    /// <summary>The most training rows held in memory at once: all rows when cached; one mini-batch or read chunk when streamed.</summary>
    public long RowsHeldInMemory { get; }

    /// <summary>How training started.</summary>
    public SparseStartKind Initialization { get; }

    /// <summary>The initialisation seed used (set it in the options to reproduce the run).</summary>
    public int InitializationSeed { get; }

    /// <summary>The support seed used.</summary>
    public int SupportSeed { get; }

    /// <summary>The Monte-Carlo seed used.</summary>
    public int MonteCarloSeed { get; }

    /// <summary>The Monte-Carlo sample count used.</summary>
    public int MonteCarloSampleCount { get; }

    /// <summary>Wall time of Fit's training (reading, estimate, IHT, dense reference).</summary>
    public TimeSpan TrainingTime { get; }

    /// <summary>Wall time of reading the rows from the data view (into memory, or the survey pass when streamed).</summary>
    public TimeSpan ReadTime { get; init; }

    /// <summary>
    /// Passes over the training rows and wall time of each phase of the final fit: the estimate L̂₂ₛ, the IHT
    /// iterations, a polish of the support, the dense reference (docs/algorithms.md#passes). A pass is one
    /// evaluation of the loss over all rows (a fused loss and gradient is one), so the counts are the same on any
    /// machine. Null with mini-batches, whose work is counted in <see cref="SparseIhtMiniBatchSummary.Epochs"/>.
    /// </summary>
    public TrainingPhases? Phases { get; }

    /// <summary>A readable multi-line summary.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Sparse IHT ({Task}): {NonzeroCount} nonzero of {ParameterCount} parameters (s = {Sparsity}), {RowsUsed} rows");
        foreach (var p in Support)
            text.AppendLine(c, $"  {(p.OutputName is null ? "" : p.OutputName + " ← ")}{p.FeatureName}: {p.Value:G5}");
        text.AppendLine(c, $"L̂₂ₛ = {EstimatedSmoothness:G5}, γ = {StepSize:G5} (final {FinalStepSize:G5}, {Backtracks} halvings)");
        text.AppendLine(c, $"{Iterations} iterations, stopped: {StopReason}, loss {InitialLoss:G5} → {FinalLoss:G5}");
        if (MiniBatch is { } batches)
            text.AppendLine(c, $"mini-batches {batches.InitialBatchSize} × {batches.Growth:G4}ᵏ → {batches.FinalBatchSize} rows, {batches.Epochs:G4} epochs, {DataCaching}");
        if (Phases is { } phases)
            text.AppendLine(c, $"passes over the rows: {phases}");
        if (WorkingSet is { } workingSet)
            text.AppendLine(c, $"working set: {workingSet}");
        if (OptimalityGap is double gap)
            text.AppendLine(c, $"dense loss {DenseLoss:G5}, gap f(θ*ₛ) − f(θ*dense) = {gap:G4}");
        text.Append(c, $"certificate: {Certificate}");
        AppendSparsityPath(text);
        return text.ToString();
    }

    private static SparseParameter[] DescribeSupport(float[] parameters, LinearModelLayout layout,
        IReadOnlyList<string> featureNames, IReadOnlyList<string>? outputNames)
    {
        var support = new List<SparseParameter>();
        for (int i = 0; i < parameters.Length; i++)
        {
            if (parameters[i] == 0f)
                continue;
            ParameterRole role = layout.Describe(i);
            string? outputName = outputNames?[role.Output];
            string featureName = role.Feature is int j ? featureNames[j] : "Bias";
            support.Add(new SparseParameter(i, role.Output, outputName, role.Feature, featureName, parameters[i]));
        }
        return [.. support];
    }
}
