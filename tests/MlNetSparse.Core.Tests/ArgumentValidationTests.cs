using MlNetSparse.Core.Numerics;
using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;
using MlNetSparse.Core.Sparsity;
using MlNetSparse.Core.Training;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>Bad arguments fail up front, with the exception type and a message that names the argument, the allowed range and the value.</summary>
public class ArgumentValidationTests
{
    private static readonly IhtSolverOptions ValidOptions = new() { Sparsity = 2, StepSize = 0.1 };

    public static TheoryData<string, Action, string, string[]> OutOfRange() => new()
    {
        // name, call, expected ParamName, fragments the message must contain. Options with a declared
        // range are checked by the theories generated from their tables (OptionTableTests).
        { "H_s sparsity 0", () => _ = new HardThresholdOperator(5, 0), "sparsity", ["sparsity must be in [1, 5]", "got 0"] },
        { "H_s sparsity > n", () => _ = new HardThresholdOperator(5, 6), "sparsity", ["sparsity must be in [1, 5]", "got 6"] },
        { "H_s length 0", () => _ = new HardThresholdOperator(0, 1), "length", ["length must be in [1,", "got 0"] },
        { "H_s static sparsity > n", () => HardThresholdOperator.Apply([1f, 2f], 3), "sparsity", ["[1, 2]", "got 3"] },
        { "options sparsity 0", () => (ValidOptions with { Sparsity = 0 }).Validate(5), "Sparsity", ["Sparsity must be in [1, 5]", "got 0"] },
        { "options sparsity > n", () => (ValidOptions with { Sparsity = 6 }).Validate(5), "Sparsity", ["Sparsity must be in [1, 5]", "got 6"] },
        { "solver sparsity > n", () => IhtSolver.Solve(Quadratic(3), new float[3], ValidOptions with { Sparsity = 4 }), "Sparsity", ["Sparsity must be in [1, 3]", "got 4"] },
        { "training sparsity 0", () => IhtTraining.Train(Quadratic(3), new UniformInitializer(1), new IhtSolverOptions { Sparsity = 0 }), "Sparsity", ["Sparsity must be in [1, 3]", "got 0"] },
        { "estimator sparsity > n", () => RestrictedSmoothnessEstimator.Estimate(Quadratic(3), 4, new UniformInitializer(1), 10, 0), "sparsity", ["sparsity must be in [1, 3]", "got 4"] },
        { "estimator samples 0", () => RestrictedSmoothnessEstimator.Estimate(Quadratic(3), 1, new UniformInitializer(1), 0, 0), "sampleCount", ["sampleCount must be in [1, 1000000]", "got 0"] },
        { "certificate sparsity 0", () => HtStabilityCertificate.Evaluate([1f, 0f], [0f, 0f], 0, 0.1), "sparsity", ["sparsity must be in [1, 2]", "got 0"] },
        { "certificate step −1", () => HtStabilityCertificate.Evaluate([1f, 0f], [0f, 0f], 1, -1), "stepSize", ["stepSize must be a finite number > 0", "got -1"] },
        { "certificate negative tolerance", () => HtStabilityCertificate.Evaluate([1f, 0f], [0f, 0f], 1, 0.1, stationarityTolerance: -1), "stationarityTolerance", ["stationarityTolerance must be a finite number ≥ 0", "got -1"] },
        { "sparse start s > n", () => SparseStart.Random(3, 4, new UniformInitializer(1), 0, 0), "sparsity", ["sparsity must be in [1, 3]", "got 4"] },
        { "initializer bound 0", () => _ = new UniformInitializer(0), "bound", ["bound must be a finite number > 0", "got 0"] },
        { "softmax 1 class", () => _ = new SoftmaxCrossEntropyLoss(1), "classCount", ["classCount must be in [2,", "got 1"] },
        { "CSR column out of range", () => _ = new SparseFeatureMatrix([0, 1], [3], [1f], 3), "columnIndices", ["[0, 2]", "got 3"] },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void OutOfRangeArguments_ThrowArgumentOutOfRangeException(string name, Action call, string paramName, string[] fragments)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(call);
        Assert.True(paramName == ex.ParamName, $"{name}: ParamName {ex.ParamName}, expected {paramName}");
        foreach (string fragment in fragments)
            Assert.True(ex.Message.Contains(fragment, StringComparison.Ordinal), $"{name}: message \"{ex.Message}\" lacks \"{fragment}\"");
    }

    public static TheoryData<string, Action, string, string[]> Invalid() => new()
    {
        { "start with more than s nonzeros", () => IhtSolver.Solve(Quadratic(4), [1f, 1f, 1f, 0f], ValidOptions), "start", ["at most 2 nonzero", "got 3"] },
        { "start of the wrong length", () => IhtSolver.Solve(Quadratic(4), [1f, 0f, 0f], ValidOptions), "start", ["length 4", "got 3"] },
        { "start with ∞", () => IhtSolver.Solve(Quadratic(4), [float.PositiveInfinity, 0f, 0f, 0f], ValidOptions), "start", ["finite"] },
        { "class index out of range", () => Linear([0, 1, 3], new SoftmaxCrossEntropyLoss(3)), "labels", ["labels[2]", "class index in [0, 2]", "got 3"] },
        { "negative class index", () => Linear([-1, 1, 2], new SoftmaxCrossEntropyLoss(3)), "labels", ["labels[0]", "[0, 2]", "got -1"] },
        { "fractional class index", () => Linear([0, 1.5f, 2], new SoftmaxCrossEntropyLoss(3)), "labels", ["labels[1]", "got 1.5"] },
        { "logistic label 0.5", () => Linear([0, 0.5f, 1], new LogisticLoss()), "labels", ["labels[1]", "0 or 1", "got 0.5"] },
        { "NaN regression label", () => Linear([0, 2, float.NaN], new SquaredLoss()), "labels", ["labels[2]", "finite", "got NaN"] },
        { "infinite regression label", () => Linear([float.NegativeInfinity, 2, 1], new SquaredLoss()), "labels", ["labels[0]", "finite"] },
        { "negative example weight", () => Linear([0, 1, 1], new LogisticLoss(), [1, -0.5f, 1]), "exampleWeights", ["exampleWeights[1]", "≥ 0", "got -0.5"] },
        { "NaN example weight", () => Linear([0, 1, 1], new LogisticLoss(), [1, 1, float.NaN]), "exampleWeights", ["exampleWeights[2]", "≥ 0", "got NaN"] },
        { "all-zero example weights", () => Linear([0, 1, 1], new LogisticLoss(), [0, 0, 0]), "exampleWeights", ["positive sum"] },
        { "example weights of the wrong length", () => Linear([0, 1, 1], new LogisticLoss(), [1, 1]), "exampleWeights", ["length 3", "got 2"] },
        { "labels of the wrong length", () => Linear([0, 1], new LogisticLoss()), "labels", ["length 3", "got 2"] },
        { "H_s NaN", () => HardThresholdOperator.Apply([1f, float.NaN, 2f], 1), "source", ["NaN", "index 1"] },
        { "dense values of the wrong length", () => _ = new DenseFeatureMatrix(new float[5], 2, 3), "values", ["length 6", "got 5"] },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidArguments_ThrowArgumentException(string name, Action call, string paramName, string[] fragments)
    {
        var ex = Assert.Throws<ArgumentException>(call); // exactly ArgumentException, not a subclass
        Assert.True(paramName == ex.ParamName, $"{name}: ParamName {ex.ParamName}, expected {paramName}");
        foreach (string fragment in fragments)
            Assert.True(ex.Message.Contains(fragment, StringComparison.Ordinal), $"{name}: message \"{ex.Message}\" lacks \"{fragment}\"");
    }

    [Fact]
    public void ANaNLossAtTheStart_ThrowsNonFiniteLossExceptionAtStepZero()
    {
        var ex = Assert.Throws<NonFiniteLossException>(() => IhtSolver.Solve(new NaNObjective(), new float[3], ValidOptions));
        Assert.Equal(0, ex.Step);
        Assert.Contains("non-finite at step 0", ex.Message);

        // Through the training entry point too (a fixed step, so no L̂₂ₛ sampling comes first).
        var viaTraining = Assert.Throws<NonFiniteLossException>(() => IhtTraining.Train(new NaNObjective(), new UniformInitializer(1),
            new IhtSolverOptions { Sparsity = 2, StepSize = 0.1, CompareWithDenseOptimum = false }));
        Assert.Equal(0, viaTraining.Step);

        // And the estimator refuses to sample a non-finite gradient.
        Assert.Throws<NonFiniteLossException>(() => RestrictedSmoothnessEstimator.Estimate(new NaNObjective(), 2, new UniformInitializer(1), 5, 0));
    }

    [Fact]
    public void ALossThatOverflowsOnEveryStep_ThrowsNonFiniteLossExceptionAtThatStep()
    {
        // f is finite only at θ = 0, so every candidate step, however much γ is halved, is non-finite.
        var ex = Assert.Throws<NonFiniteLossException>(() => IhtSolver.Solve(new FiniteOnlyAtZero(), new float[3],
            ValidOptions with { MaximumHalvingsPerStep = 5 }));
        Assert.Equal(1, ex.Step);
    }

    private static QuadraticObjective Quadratic(int n) => new(Enumerable.Repeat(1.0, n).ToArray(), new double[n]);

    private static LinearModelObjective Linear(float[] labels, IMarginLoss loss, float[]? weights = null)
        => new(new DenseFeatureMatrix([1, 2, 3, 4, 5, 6], 3, 2), labels, loss, weights);

    private sealed class NaNObjective : IDifferentiableObjective
    {
        public int ParameterCount => 3;
        public double Value(ReadOnlySpan<float> parameters) => double.NaN;
        public double ValueAndGradient(ReadOnlySpan<float> parameters, Span<float> gradient)
        {
            gradient.Fill(1f);
            return double.NaN;
        }
    }

    private sealed class FiniteOnlyAtZero : IDifferentiableObjective
    {
        public int ParameterCount => 3;
        public double Value(ReadOnlySpan<float> parameters) => parameters.ContainsAnyExcept(0f) ? double.PositiveInfinity : 1.0;
        public double ValueAndGradient(ReadOnlySpan<float> parameters, Span<float> gradient)
        {
            gradient.Fill(1f);
            return Value(parameters);
        }
    }
}
