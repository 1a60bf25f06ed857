using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Training;
using MlNetSparse.Trainers;

namespace MlNetSparse.Benchmarks;

/// <summary>
/// The trainers fitted through the ML.NET API on the same rows: sparse IHT end to end, and ML.NET's
/// two L1-penalised logistic regressions with λ tuned to the same nonzero count. Every model is
/// scored on the held-out rows by ML.NET's evaluator, and its training loss is f(θ) of the core
/// objective, so all rows of the table measure the same two things.
/// </summary>
internal sealed class MlNetFits
{
    // SDCA's dual needs an L2 term; this one adds at most ~1e-3 to the loss at the truth's weights
    // and keeps SDCA's convergence (rate ~ 1/(L2·m)) reasonable on these sizes.
    private const float SdcaL2 = 1e-4f;

    private const string TrainingStartMessage = "Training sparse IHT";

    private readonly BinaryProblem _problem;
    private readonly MLContext _ml;
    private readonly IDataView _train, _test;
    private readonly LinearModelObjective _trainLoss;

    public MlNetFits(BinaryProblem problem, int seed)
    {
        _problem = problem;
        _ml = new MLContext(seed);
        _train = new RowSourceDataView(problem.Train);
        _test = new RowSourceDataView(problem.Test);
        _trainLoss = problem.TrainObjective();
    }

    /// <summary>
    /// mlContext.BinaryClassification.Trainers.SparseIht with the core run's L̂₂ₛ seed and its 1 %
    /// target as LossTolerance, so it stops at a model within 1 % of the best loss: the wall time
    /// includes reading the IDataView into the core's matrix.
    /// </summary>
    public TrainingRow SparseIht(CoreRun core, int iterationCap)
    {
        var trainer = _ml.BinaryClassification.Trainers.SparseIht(new SparseIhtBinaryTrainer.Options
        {
            Sparsity = _problem.Sparsity,
            MaximumNumberOfIterations = iterationCap,
            LossTolerance = core.TargetLoss,
            Initialization = SparseStartKind.Zero,
            MonteCarloSeed = core.MonteCarloSeed,
            CompareWithDenseOptimum = false,
        });
        long start = Stopwatch.GetTimestamp(), trainingStarted = 0;
        // The trainer logs this line once the rows are in memory, just before L̂₂ₛ and IHT.
        void OnLog(object? sender, LoggingEventArgs e)
        {
            if (trainingStarted == 0 && e.Message.Contains(TrainingStartMessage, StringComparison.Ordinal))
                trainingStarted = Stopwatch.GetTimestamp();
        }
        _ml.Log += OnLog;
        BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> model;
        try
        {
            model = trainer.Fit(_train);
        }
        finally
        {
            _ml.Log -= OnLog;
        }
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        double? readSeconds = trainingStarted == 0 ? null : Stopwatch.GetElapsedTime(start, trainingStarted).TotalSeconds;
        var metrics = _ml.BinaryClassification.Evaluate(model.Transform(_test));
        SparseIhtTrainingReport report = model.GetSparseIhtReport();
        return new TrainingRow(_problem.Kind, "SparseIht (ML.NET API, stops at 1 %)", _problem.Sparsity, report.NonzeroCount,
            metrics.Accuracy, metrics.AreaUnderRocCurve, report.LossHistory[^1], readSeconds, EstimateSeconds: null,
            TimeToTargetSeconds: seconds, IterationsToTarget: report.Iterations, Iterations: report.Iterations, seconds, TuningSeconds: null, Fits: 1);
    }

    /// <summary>
    /// mlContext.BinaryClassification.Trainers.SparseIht with nothing but s set: what a new user gets. Returns its
    /// row and its report, whose passes over X per phase do not depend on the machine's load.
    /// </summary>
    /// <summary>The row of <see cref="SparseIhtDefaults"/>: the fit the targets judge, since a user has no target loss to give.</summary>
    public const string DefaultsTrainer = "SparseIht (ML.NET API, defaults)";

    public (TrainingRow Row, SparseIhtTrainingReport Report) SparseIhtDefaults()
    {
        var trainer = _ml.BinaryClassification.Trainers.SparseIht(new SparseIhtBinaryTrainer.Options { Sparsity = _problem.Sparsity });
        // The same fit three times (the model is the same each time: the seeds come from the trainer's options), timed as
        // the peers' final fits are: the median, so that one fit's collection or page faults do not decide a ratio.
        var timed = new List<(double Seconds, BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> Model)>();
        for (int repeat = 0; repeat < TimedRepeats; repeat++)
        {
            var clock = Stopwatch.StartNew();
            var fitted = trainer.Fit(_train);
            timed.Add((clock.Elapsed.TotalSeconds, fitted));
        }
        (double seconds, var model) = timed.OrderBy(t => t.Seconds).ElementAt(TimedRepeats / 2);
        var metrics = _ml.BinaryClassification.Evaluate(model.Transform(_test));
        SparseIhtTrainingReport report = model.GetSparseIhtReport();
        var row = new TrainingRow(_problem.Kind, DefaultsTrainer, _problem.Sparsity, report.NonzeroCount,
            metrics.Accuracy, metrics.AreaUnderRocCurve, report.FinalLoss, report.ReadTime.TotalSeconds, report.Phases?.Smoothness.Time.TotalSeconds,
            TimeToTargetSeconds: null, IterationsToTarget: null, Iterations: report.Iterations, seconds, TuningSeconds: null, Fits: 1, FastestFitSeconds: timed.Min(t => t.Seconds));
        return (row, report);
    }

    /// <summary>
    /// Mini-batch SIHT through the ML.NET API on the view that regenerates the training rows on every
    /// cursor (DataCaching = Streaming: the rows are never materialised), first batch 1 % of the rows
    /// growing 5 % a step. Returns the row and a line on the memory it held.
    /// </summary>
    public (TrainingRow Row, string Memory) StreamingSiht(CoreRun core, BenchmarkPlan plan)
    {
        IRowSource rows = _problem.StreamingTrain ?? throw new InvalidOperationException($"The {_problem.Kind} problem has no streaming form.");
        int firstBatch = Math.Max(100, _problem.Train.RowCount / 100);
        var trainer = _ml.BinaryClassification.Trainers.SparseIht(new SparseIhtBinaryTrainer.Options
        {
            Sparsity = _problem.Sparsity,
            MaximumNumberOfIterations = StreamingIterations,
            LossTolerance = core.TargetLoss,
            MonteCarloSeed = core.MonteCarloSeed,
            CompareWithDenseOptimum = false,
            DataCaching = SparseIhtDataCaching.Streaming,
            MiniBatchSize = firstBatch,
            MiniBatchGrowth = 1.05,
        });
        bool ownPeak = MachineInfo.StartNewPeak();
        long before = Environment.WorkingSet; // after the collection that restarts the peak

        var clock = Stopwatch.StartNew();
        var model = trainer.Fit(new RowSourceDataView(rows));
        double seconds = clock.Elapsed.TotalSeconds;
        double peakGrowth = (MachineInfo.PeakWorkingSetMebibytes() * 1048576.0 - before) / 1048576.0;
        var metrics = _ml.BinaryClassification.Evaluate(model.Transform(_test));
        SparseIhtTrainingReport report = model.GetSparseIhtReport();
        string memory = FormattableString.Invariant(
            $"held at most {report.RowsHeldInMemory:N0} of {report.RowsUsed:N0} rows at once; {report.MiniBatch?.Epochs:F2} epochs, {seconds:F1} s; ") +
            (ownPeak ? FormattableString.Invariant($"peak working set during the fit {peakGrowth:F0} MiB above the process before it (which holds the CSR copy for the other rows).")
                     : "peak working set not resettable on this OS.");
        var row = new TrainingRow(_problem.Kind, "SparseIht streaming SIHT (ML.NET API)", _problem.Sparsity, report.NonzeroCount,
            metrics.Accuracy, metrics.AreaUnderRocCurve, report.FinalLoss, ReadSeconds: null, EstimateSeconds: null,
            TimeToTargetSeconds: null, IterationsToTarget: null, Iterations: report.Iterations, seconds, TuningSeconds: null, Fits: 1);
        return (row, memory);
    }

    // The fits a ratio is judged on (the default SparseIht fit, each peer's final fit) are timed as the median of this many.
    private const int TimedRepeats = 3;

    // Each streamed step reads its batch through the cursor, regenerating rows from the seed: the cap keeps the run to a few epochs.
    private const int StreamingIterations = 60;

    /// <summary>LbfgsLogisticRegression, L2 = 0, L1 = λ·m (ML.NET divides it by the row count), other options at ML.NET's defaults.</summary>
    public TrainingRow Lbfgs(double lambdaMax, int maximumFits)
    {
        int rows = _problem.Train.RowCount;
        return TunedL1("LbfgsLogisticRegression + L1", lambda => _ml.BinaryClassification.Trainers.LbfgsLogisticRegression(
            new LbfgsLogisticRegressionBinaryTrainer.Options { L1Regularization = (float)(lambda * rows), L2Regularization = 0 }),
            lambdaMax, maximumFits);
    }

    /// <summary>SdcaLogisticRegression, L2 = 1e-4, L1 threshold = λ/L2 (SDCA's L1 term is threshold·L2·‖w‖₁), other options at ML.NET's defaults.</summary>
    public TrainingRow Sdca(double lambdaMax, int maximumFits)
        => TunedL1("SdcaLogisticRegression + L1", lambda => _ml.BinaryClassification.Trainers.SdcaLogisticRegression(
            new SdcaLogisticRegressionBinaryTrainer.Options { L2Regularization = SdcaL2, L1Regularization = (float)(lambda / SdcaL2) }),
            lambdaMax, maximumFits);

    /// <summary>λ_max = max_j |∂f/∂w_j| at w = 0 and b = logit(base rate): no weight enters the lasso path above it.</summary>
    public static double LambdaMax(BinaryProblem problem)
    {
        LinearModelObjective objective = problem.TrainObjective();
        double positiveRate = problem.Train.Labels.Average();
        var theta = new float[objective.ParameterCount];
        theta[problem.Layout.BiasIndex(0)] = (float)Math.Log(positiveRate / (1 - positiveRate));
        var gradient = new float[objective.ParameterCount];
        objective.ValueAndGradient(theta, gradient);
        double max = 0;
        foreach (float g in gradient.AsSpan(0, problem.Layout.WeightCount))
            max = Math.Max(max, Math.Abs(g));
        return max;
    }

    private TrainingRow TunedL1<TTrainer>(string name, Func<double, TTrainer> trainerFor, double lambdaMax, int maximumFits)
        where TTrainer : IEstimator<BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>>
    {
        L1Fit<BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>> Fit(double lambda)
        {
            var clock = Stopwatch.StartNew();
            var model = trainerFor(lambda).Fit(_train);
            TimeSpan time = clock.Elapsed;
            return new(lambda, CountNonzeros(model.Model.SubModel), time, model);
        }

        var search = L1Bisection.Run(Fit, _problem.Sparsity, lambdaMax, maximumFits);
        // The kept λ's fit, timed as the median of the search's own fit and two more at the same λ (not counted in
        // the search's time): one fit's time swung from 0.35 s to 1.08 s between runs of this benchmark.
        TimeSpan[] finalFits = [search.Best.Time, .. Enumerable.Range(1, TimedRepeats - 1).Select(_ => Fit(search.Best.Lambda).Time)];
        var best = search.Best with { Time = finalFits.Order().ElementAt(TimedRepeats / 2) };
        var metrics = _ml.BinaryClassification.Evaluate(best.Model.Transform(_test));
        return new TrainingRow(_problem.Kind, name, _problem.Sparsity, best.Nonzeros, metrics.Accuracy, metrics.AreaUnderRocCurve,
            TrainLoss(best.Model.Model.SubModel), ReadSeconds: null, EstimateSeconds: null, TimeToTargetSeconds: null, IterationsToTarget: null, Iterations: null,
            best.Time.TotalSeconds, search.TotalTime.TotalSeconds, search.Fits, finalFits.Min().TotalSeconds);
    }

    private double TrainLoss(LinearBinaryModelParameters model)
    {
        var theta = new float[_trainLoss.ParameterCount];
        int j = 0;
        foreach (float w in model.Weights)
            theta[j++] = w;
        theta[_problem.Layout.BiasIndex(0)] = model.Bias;
        return _trainLoss.Value(theta);
    }

    private static int CountNonzeros(LinearBinaryModelParameters model)
        => model.Weights.Count(w => w != 0) + (model.Bias != 0 ? 1 : 0);
}
