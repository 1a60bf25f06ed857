using MlNetSparse.Core.Objectives;
using MlNetSparse.Core.Solvers;

namespace MlNetSparse.Benchmarks;

/// <summary>One way of evaluating f and ∇f: a row of the per-iteration table.</summary>
/// <param name="Name">What the table calls it.</param>
/// <param name="Threads">Threads it uses; the streaming read it is compared with uses as many.</param>
/// <param name="CreateObjective">Builds f over the problem's training rows.</param>
internal sealed record GradientPassConfiguration(string Name, int Threads, Func<BinaryProblem, IDifferentiableObjective> CreateObjective);

/// <summary>A pass over the training rows timed against one streaming read of the same arrays.</summary>
internal sealed record PassTiming(string Problem, string Pass, int Threads, long BytesRead, double ReadMilliseconds, double PassMilliseconds)
{
    public double Ratio => PassMilliseconds / ReadMilliseconds;

    public double ReadGigabytesPerSecond => BytesRead / ReadMilliseconds / 1e6;
}

/// <summary>
/// Time per IHT iteration: an iteration costs one <see cref="IDifferentiableObjective.ValueAndGradient"/>
/// (the thresholding is O(n)), timed against the memory-bound limit of reading X once.
/// </summary>
internal static class GradientPassBenchmark
{
    /// <summary>The configurations measured, one table row each.</summary>
    public static IEnumerable<GradientPassConfiguration> Configurations(BinaryProblem problem)
    {
        // k = 1 (binary): the pass is a dot and an axpy per row in managed SIMD code; BLAS serves k > 1.
        yield return new("IHT gradient pass", 1, p => WithThreads(p.TrainObjective(), 1));
        if (Environment.ProcessorCount > 1)
            yield return new("IHT gradient pass", Environment.ProcessorCount, p => WithThreads(p.TrainObjective(), Environment.ProcessorCount));
    }

    private static LinearModelObjective WithThreads(LinearModelObjective objective, int threads)
    {
        objective.MaxDegreeOfParallelism = threads;
        return objective;
    }

    public static PassTiming Measure(BinaryProblem problem, GradientPassConfiguration configuration, BenchmarkPlan plan)
    {
        IDifferentiableObjective objective = configuration.CreateObjective(problem);
        // An IHT iterate: s nonzeros at random positions (a pass must not get cheaper at θ = 0).
        float[] theta = SparseStart.Random(objective.ParameterCount, problem.Sparsity,
            UniformInitializer.ForLinearLayer(problem.Layout.FeatureCount), plan.Seed, plan.Seed);
        var gradient = new float[objective.ParameterCount];
        double sink = 0;
        double pass = MedianTimer.Milliseconds(() => sink += objective.ValueAndGradient(theta, gradient), plan.Warmups, plan.Repeats);
        double read = MedianTimer.Milliseconds(() => sink += problem.Train.ReadAllOnce(configuration.Threads), plan.Warmups, plan.Repeats);
        GC.KeepAlive(sink);
        return new PassTiming(problem.Kind, configuration.Name, configuration.Threads, problem.Train.StoredBytes, read, pass);
    }

    /// <summary>
    /// One cursor pass over the streaming IDataView that regenerates the training rows from the seed
    /// (the input of a streaming trainer), against a read of the materialised CSR arrays; then checks
    /// that the regenerated rows are the stored ones.
    /// </summary>
    public static PassTiming MeasureStreamingView(BinaryProblem problem, BenchmarkPlan plan, int rowsToCheck)
    {
        IRowSource streaming = problem.StreamingTrain ?? throw new InvalidOperationException($"The {problem.Kind} problem has no streaming form.");
        var view = new RowSourceDataView(streaming);
        double pass = MedianTimer.Milliseconds(() => CursorPass(view), warmups: 0, repeats: 1);
        double read = MedianTimer.Milliseconds(() => problem.Train.ReadAllOnce(1), plan.Warmups, plan.Repeats);
        StreamingViewCheck.RequireSameRows(view, (CsrRows)problem.Train, rowsToCheck);
        return new PassTiming(problem.Kind, "streaming IDataView cursor pass (rows regenerated)", 1, problem.Train.StoredBytes, read, pass);
    }

    private static void CursorPass(RowSourceDataView view)
    {
        using var cursor = view.GetRowCursor(view.Schema);
        var getFeatures = cursor.GetGetter<Microsoft.ML.Data.VBuffer<float>>(view.Schema[RowSourceDataView.FeatureColumn]);
        var getLabel = cursor.GetGetter<bool>(view.Schema[RowSourceDataView.LabelColumn]);
        Microsoft.ML.Data.VBuffer<float> features = default;
        bool label = false;
        while (cursor.MoveNext())
        {
            getFeatures(ref features);
            getLabel(ref label);
        }
    }
}
