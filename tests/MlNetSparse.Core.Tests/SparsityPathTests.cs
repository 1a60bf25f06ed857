using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Sparsity;
using MlNetSparse.Core.Training;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>The sparsity path on problems with a planted k-sparse truth: warm starts, the choice of s, early stopping.</summary>
public class SparsityPathTests(ITestOutputHelper output)
{
    private const int Rows = 2000, ValidationRows = 400, Columns = 50, TrueWeights = 5;

    // 5 of the 50 weights and the bias are nonzero: ‖θ_true‖₀ = 6.
    private const int TrueSparsity = TrueWeights + 1;

    private static readonly int[] OneToTwenty = [.. Enumerable.Range(1, 20)];

    [Theory]
    [InlineData(LossKind.Squared, 11)]
    [InlineData(LossKind.Squared, 12)]
    [InlineData(LossKind.Logistic, 13)]
    [InlineData(LossKind.Logistic, 14)]
    public void PlantedSparseTruth_PathChoosesTheTrueSparsity(LossKind kind, int seed)
    {
        var problem = PlantedProblem.Create(kind, seed);
        var path = SparsityPath.Train(problem.Train, problem.Validation, problem.Initializer, OneToTwenty, Options(seed));
        Log(path);

        // The pure minimum lands on the truth or a noise feature or two past it…
        Assert.InRange(path.ChosenSparsity, TrueSparsity, TrueSparsity + 2);
        // …and the true support is inside the chosen model.
        Assert.Subset(Support.Indices(path.Chosen.Parameters).ToHashSet(), Support.Indices(problem.Truth).ToHashSet());
        // Every s below the truth misses a true parameter, and it shows on the held-out rows.
        for (int i = 0; i < TrueSparsity - 1; i++)
            Assert.True(path.Steps[i].ValidationLoss > path.Steps[TrueSparsity - 1].ValidationLoss, $"s = {i + 1}");
    }

    [Theory]
    [InlineData(LossKind.Squared, 11)]
    [InlineData(LossKind.Logistic, 13)]
    public void ParsimonyTolerance_ChoosesExactlyTheTrueSparsity_AndRecoversItsSupport(LossKind kind, int seed)
    {
        var problem = PlantedProblem.Create(kind, seed);
        var path = SparsityPath.Train(problem.Train, problem.Validation, problem.Initializer, OneToTwenty,
            Options(seed) with { SelectionTolerance = 0.01 });
        Log(path);

        Assert.Equal(TrueSparsity, path.ChosenSparsity);
        Assert.Equal(Support.Indices(problem.Truth), Support.Indices(path.Chosen.Parameters));
    }

    [Theory]
    [InlineData(LossKind.Squared, 21)]
    [InlineData(LossKind.Logistic, 22)]
    public void WarmStarts_TakeFewerIterationsThanColdStarts(LossKind kind, int seed)
    {
        var problem = PlantedProblem.Create(kind, seed);
        // IHT's own iterations: a hand-over to the polish after a few settled steps makes warm and cold runs alike short.
        var defaults = Options(seed);
        var noEarlyStop = defaults with { EarlyStopping = false, Training = defaults.Training with { PolishAfterStableSteps = 0 } };
        var warm = SparsityPath.Train(problem.Train, problem.Validation, problem.Initializer, OneToTwenty, noEarlyStop);
        var cold = SparsityPath.Train(problem.Train, problem.Validation, problem.Initializer, OneToTwenty, noEarlyStop with { WarmStart = false });
        output.WriteLine($"iterations: warm {warm.TotalIterations} ({string.Join(" ", warm.Steps.Select(s => s.Iterations))}), " +
            $"cold {cold.TotalIterations} ({string.Join(" ", cold.Steps.Select(s => s.Iterations))})");

        Assert.Equal([false, .. Enumerable.Repeat(true, 19)], warm.Steps.Select(s => s.WarmStarted));
        Assert.All(cold.Steps, s => Assert.False(s.WarmStarted));
        Assert.True(warm.TotalIterations < 0.75 * cold.TotalIterations, $"warm {warm.TotalIterations} vs cold {cold.TotalIterations}");
        // Past the truth a warm start already sits at the optimum of the true support.
        Assert.True(warm.Steps.Skip(TrueSparsity).Sum(s => s.Iterations) < cold.Steps.Skip(TrueSparsity).Sum(s => s.Iterations));
    }

    [Fact]
    public void WarmStartedPath_NeverRaisesTheTrainingLoss_AndKeepsEveryBudget()
    {
        // IHT never raises the loss of its start, and the start at s is the solution at the previous s.
        var problem = PlantedProblem.Create(LossKind.Logistic, 31);
        var path = SparsityPath.Train(problem.Train, problem.Validation, problem.Initializer, [1, 2, 3, 5, 8, 13, 21, 34, 50],
            Options(31) with { EarlyStopping = false });

        for (int i = 1; i < path.Steps.Count; i++)
            Assert.True(path.Steps[i].TrainingLoss <= path.Steps[i - 1].TrainingLoss, $"s = {path.Steps[i].Sparsity}");
        Assert.All(path.Steps, s => Assert.InRange(s.NonzeroCount, 1, s.Sparsity));
        Assert.All(path.Steps, s => Assert.Equal(s.Sparsity, s.Training.Certificate.Sparsity));
        Assert.All(path.Steps, s => Assert.Null(s.Training.DenseReference));
    }

    [Fact]
    public void ValidationLoss_IsTheValidationObjectiveAtEachStep_AndTheChoiceIsItsArgmin()
    {
        var problem = PlantedProblem.Create(LossKind.Squared, 41);
        var path = SparsityPath.Train(problem.Train, problem.Validation, problem.Initializer, OneToTwenty, Options(41) with { EarlyStopping = false });

        var reference = problem.ValidationReference;
        foreach (var step in path.Steps)
            Assert.Equal(reference.Value([.. step.Parameters.Select(p => (double)p)]), step.ValidationLoss, 1e-5 * (1 + step.ValidationLoss));
        double smallest = path.Steps.Min(s => s.ValidationLoss);
        Assert.Equal(path.Steps.First(s => s.ValidationLoss == smallest).Sparsity, path.ChosenSparsity);
        Assert.Equal(path.BestIndex, path.ChosenIndex);
    }

    [Fact]
    public void EarlyStopping_EndsThePathThreeStepsAfterTheBestValidationLoss()
    {
        var problem = PlantedProblem.Create(LossKind.Squared, 11);
        var full = SparsityPath.Train(problem.Train, problem.Validation, problem.Initializer, OneToTwenty, Options(11) with { EarlyStopping = false });
        var stopped = SparsityPath.Train(problem.Train, problem.Validation, problem.Initializer, OneToTwenty, Options(11));

        Assert.False(full.StoppedEarly);
        Assert.Equal(20, full.Steps.Count);
        // Where the validation loss first goes 3 steps without a new best, the path ends.
        var losses = full.Steps.Select(s => s.ValidationLoss).ToList();
        int expectedLength = Enumerable.Range(1, 20).First(count => count == 20 || SparsityPathSelection.ShouldStop(losses[..count], 3));
        Assert.True(stopped.StoppedEarly);
        Assert.Equal(expectedLength, stopped.Steps.Count);
        Assert.Equal(stopped.BestIndex + 1 + SparsityPathOptions.DefaultEarlyStoppingPatience, stopped.Steps.Count);
        // The steps it did train are the same as on the full path, bit for bit.
        for (int i = 0; i < stopped.Steps.Count; i++)
            Assert.Equal(full.Steps[i].Parameters, stopped.Steps[i].Parameters);
        Assert.Equal(full.ChosenSparsity, stopped.ChosenSparsity);
    }

    [Fact]
    public void SameSeeds_GiveTheSamePathBitForBit_EvenFromARandomStart()
    {
        SparsityPathResult Train()
        {
            var problem = PlantedProblem.Create(LossKind.Logistic, 51);
            var options = Options(51) with { Training = Options(51).Training with { Start = SparseStartKind.RandomSparse, InitializationSeed = 5, SupportSeed = 6 } };
            return SparsityPath.Train(problem.Train, problem.Validation, problem.Initializer, [2, 4, 6, 8, 10, 12], options);
        }

        SparsityPathResult first = Train(), second = Train();
        Assert.Equal(first.Steps.Count, second.Steps.Count);
        for (int i = 0; i < first.Steps.Count; i++)
        {
            Assert.Equal(first.Steps[i].Parameters, second.Steps[i].Parameters);
            Assert.Equal(first.Steps[i].Training.Solution.LossHistory, second.Steps[i].Training.Solution.LossHistory);
            Assert.Equal(first.Steps[i].ValidationLoss, second.Steps[i].ValidationLoss);
        }
        Assert.Equal(first.ChosenSparsity, second.ChosenSparsity);
    }

    [Fact]
    public void Observer_HearsOfEachStepInOrder_AndCanCancelThePath()
    {
        var problem = PlantedProblem.Create(LossKind.Squared, 61);
        var observer = new RecordingObserver(stopAfter: 4);
        Assert.Throws<OperationCanceledException>(() =>
            SparsityPath.Train(problem.Train, problem.Validation, problem.Initializer, OneToTwenty, Options(61), observer));
        Assert.Equal([1, 2, 3, 4], observer.Sparsities);
        Assert.True(observer.Iterations > 0);
    }

    public static TheoryData<string, int[], string> BadSparsities => new()
    {
        { "empty", [], "sparsities must hold at least one sparsity" },
        { "zero", [0, 3], "sparsities[0] must be in [1, 51]; got 0." },
        { "too large", [3, 52], "sparsities[1] must be in [1, 51]; got 52." },
        { "decreasing", [3, 5, 4], "sparsities must be strictly increasing; got 5 then 4 at index 2." },
        { "repeated", [3, 3], "sparsities must be strictly increasing; got 3 then 3 at index 1." },
    };

    [Theory]
    [MemberData(nameof(BadSparsities))]
    public void BadSparsities_AreRejectedBeforeAnyWork(string _, int[] sparsities, string message)
    {
        var problem = PlantedProblem.Create(LossKind.Squared, 71);
        var error = Assert.ThrowsAny<ArgumentException>(() =>
            SparsityPath.Train(problem.Train, problem.Validation, problem.Initializer, sparsities, Options(71)));
        Assert.Equal("sparsities", error.ParamName);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void BadOptions_AndAMismatchedValidationObjective_AreRejected()
    {
        // Each option's range is checked by the theory generated from SparsityPathOptions.Table; this shows Train checks them.
        var problem = PlantedProblem.Create(LossKind.Squared, 72);
        var patience = Assert.Throws<ArgumentOutOfRangeException>(() => SparsityPath.Train(problem.Train, problem.Validation,
            problem.Initializer, [1, 2], Options(72) with { EarlyStoppingPatience = 0 }));
        Assert.Equal("EarlyStoppingPatience", patience.ParamName);

        var (x, y) = SyntheticData.LinearRegression(new Random(1), 10, 3, [1, 0, 0, 0]);
        var smaller = SyntheticData.LeastSquares(x, y, 3);
        var mismatch = Assert.Throws<ArgumentException>(() => SparsityPath.Train(problem.Train, smaller, problem.Initializer, [1, 2], Options(72)));
        Assert.Equal("validationObjective", mismatch.ParamName);
        Assert.Contains("must have the training objective's 51 parameters; got 4", mismatch.Message);
    }

    private static SparsityPathOptions Options(int seed) => new()
    {
        Training = new IhtSolverOptions
        {
            Sparsity = 1, // replaced by each s
            MaximumIterations = 5000,
            MonteCarloSeed = seed,
            CompareWithDenseOptimum = true, // ignored on a path
        },
    };

    private void Log(SparsityPathResult path)
    {
        foreach (var step in path.Steps)
            output.WriteLine($"s = {step.Sparsity,2}: {step.Iterations,4} it, train {step.TrainingLoss:G6}, valid {step.ValidationLoss:G6}, {step.Verdict}");
        output.WriteLine($"chosen s = {path.ChosenSparsity}, best s = {path.Steps[path.BestIndex].Sparsity}, stopped early: {path.StoppedEarly}");
    }

    /// <summary>2000 rows of 50 standard-normal features; the last 400 rows are held out.</summary>
    private sealed record PlantedProblem(LinearModelObjective Train, LinearModelObjective Validation, ReferenceLoss ValidationReference,
        float[] Truth, IParameterInitializer Initializer)
    {
        public static PlantedProblem Create(LossKind kind, int seed)
        {
            var random = new Random(seed);
            // θ_true = [w, b]: five weights of magnitude in [0.5, 1.5] with random signs, and a bias of 0.5.
            var truth = new float[Columns + 1];
            foreach (int j in Enumerable.Range(0, Columns).OrderBy(_ => random.Next()).Take(TrueWeights))
                truth[j] = (float)((0.5 + random.NextDouble()) * (random.Next(2) == 0 ? -1 : 1));
            truth[Columns] = 0.5f;
            float[] x = SyntheticData.GaussianMatrix(random, Rows, Columns);
            var y = new float[Rows];
            for (int i = 0; i < Rows; i++)
            {
                double z = truth[Columns];
                for (int j = 0; j < Columns; j++)
                    z += (double)x[i * Columns + j] * truth[j];
                y[i] = kind == LossKind.Squared
                    ? (float)(z + random.NextGaussian()) // noise σ = 1
                    : random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1f : 0f;
            }
            IMarginLoss loss = kind == LossKind.Squared ? new SquaredLoss() : new LogisticLoss();
            int trainRows = Rows - ValidationRows;
            float[] trainX = x[..(trainRows * Columns)], validationX = x[(trainRows * Columns)..];
            float[] trainY = y[..trainRows], validationY = y[trainRows..];
            return new PlantedProblem(
                new LinearModelObjective(new DenseFeatureMatrix(trainX, trainRows, Columns), trainY, loss),
                new LinearModelObjective(new DenseFeatureMatrix(validationX, ValidationRows, Columns), validationY, loss),
                new ReferenceLoss(kind, validationX, ValidationRows, Columns, validationY, 1, null),
                truth, UniformInitializer.ForLinearLayer(Columns));
        }
    }

    private sealed class RecordingObserver(int stopAfter) : ISparsityPathObserver
    {
        public List<int> Sparsities { get; } = [];
        public int Iterations { get; private set; }

        public void OnIteration(in IhtIteration iteration) => Iterations++;

        public void OnPathStep(SparsityPathStep step)
        {
            Sparsities.Add(step.Sparsity);
            if (Sparsities.Count == stopAfter)
                throw new OperationCanceledException();
        }
    }
}
