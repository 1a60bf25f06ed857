using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MlNetSparse.Core.Training;
using MlNetSparse.Trainers;

namespace MlNetSparse.Examples.SparsityComparison;

/// <summary>
/// What one fitted model scored on the held-out rows. <see cref="Auc"/> is null for multiclass;
/// <see cref="Converged"/> (a tolerance, not the iteration cap, stopped it) is null where the trainer does not report it.
/// </summary>
public sealed record FitOutcome(double Accuracy, double? Auc, int Nonzeros, TimeSpan TrainingTime, bool? Converged = null);

/// <summary>
/// The two ways of getting a sparse linear model in ML.NET: sparse IHT with a hard budget s, and
/// ML.NET's own L-BFGS (OWL-QN) with an L1 penalty λ. Nonzeros are counted the same way for both:
/// every weight and bias of every class, read through ML.NET's public model API.
/// </summary>
public static class Contenders
{
    /// <summary>Generous: on (nearly) separable data the unpenalised loss never stops falling, so IHT often runs to the cap.</summary>
    public const int IhtIterationCap = 5000;

    public static FitOutcome SparseIht(MLContext ml, PreparedSplit data, int sparsity, int seed)
    {
        // Zero start and fixed seeds make the run reproducible; the dense-optimum comparison is off
        // because it is a diagnostic that would double IHT's training time.
        if (data.IsBinary)
        {
            var trainer = ml.BinaryClassification.Trainers.SparseIht(new SparseIhtBinaryTrainer.Options
            {
                Sparsity = sparsity, MaximumNumberOfIterations = IhtIterationCap, Initialization = SparseStartKind.Zero,
                InitializationSeed = seed, SupportSeed = seed, MonteCarloSeed = seed, CompareWithDenseOptimum = false,
            });
            var (model, time) = Timed(() => trainer.Fit(data.Train));
            return Binary(ml, model, data, CountNonzeros(model.Model.SubModel), time) with { Converged = model.GetSparseIhtReport().Converged };
        }
        else
        {
            var trainer = ml.MulticlassClassification.Trainers.SparseIht(new SparseIhtMulticlassTrainer.Options
            {
                Sparsity = sparsity, MaximumNumberOfIterations = IhtIterationCap, Initialization = SparseStartKind.Zero,
                InitializationSeed = seed, SupportSeed = seed, MonteCarloSeed = seed, CompareWithDenseOptimum = false,
            });
            var (model, time) = Timed(() => trainer.Fit(data.Train));
            return Multiclass(ml, model, data, CountNonzeros(model.Model), time) with { Converged = model.GetSparseIhtReport().Converged };
        }
    }

    public static FitOutcome L1(MLContext ml, PreparedSplit data, float l1Regularization)
    {
        // L2 off so only the L1 penalty shapes the model; one thread keeps the fit deterministic;
        // the iteration cap bounds the weakly penalised fits on (nearly) separable data.
        const float tolerance = 1e-7f;
        const int iterationCap = 1000;
        if (data.IsBinary)
        {
            var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                L1Regularization = l1Regularization, L2Regularization = 0, OptimizationTolerance = tolerance,
                MaximumNumberOfIterations = iterationCap, NumberOfThreads = 1,
            });
            var (model, time) = Timed(() => trainer.Fit(data.Train));
            return Binary(ml, model, data, CountNonzeros(model.Model.SubModel), time);
        }
        else
        {
            var trainer = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                L1Regularization = l1Regularization, L2Regularization = 0, OptimizationTolerance = tolerance,
                MaximumNumberOfIterations = iterationCap, NumberOfThreads = 1,
            });
            var (model, time) = Timed(() => trainer.Fit(data.Train));
            return Multiclass(ml, model, data, CountNonzeros(model.Model), time);
        }
    }

    public static int CountNonzeros(MaximumEntropyModelParameters model)
    {
        VBuffer<float>[] weights = [];
        model.GetWeights(ref weights, out int classCount);
        int nonzeroWeights = weights.Take(classCount).Sum(w => w.DenseValues().Count(v => v != 0));
        return nonzeroWeights + model.GetBiases().Count(b => b != 0);
    }

    public static int CountNonzeros(LinearBinaryModelParameters model)
        => model.Weights.Count(w => w != 0) + (model.Bias != 0 ? 1 : 0);

    private static (T Model, TimeSpan Time) Timed<T>(Func<T> fit)
    {
        var clock = Stopwatch.StartNew();
        T model = fit();
        return (model, clock.Elapsed);
    }

    private static FitOutcome Binary(MLContext ml, ITransformer model, PreparedSplit data, int nonzeros, TimeSpan time)
    {
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(data.Test));
        return new FitOutcome(metrics.Accuracy, metrics.AreaUnderRocCurve, nonzeros, time);
    }

    private static FitOutcome Multiclass(MLContext ml, ITransformer model, PreparedSplit data, int nonzeros, TimeSpan time)
    {
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(data.Test));
        return new FitOutcome(metrics.MicroAccuracy, null, nonzeros, time);
    }
}
