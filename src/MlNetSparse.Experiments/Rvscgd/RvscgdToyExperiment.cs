using System.Diagnostics;
using MlNetSparse.Core.Solvers.Rvscgd;

namespace MlNetSparse.Experiments.Rvscgd;

/// <summary>
/// The RVSCGD paper's toy experiment (§6 there, docs/algorithms.md#toy-teacher-problem): learn a sparse unit filter w* of
/// the one-hidden-layer binarized CNN from fresh Gaussian batches, with w normalised after each step.
/// </summary>
public static class RvscgdToyExperiment
{
    /// <summary>
    /// One seeded run. The teacher, the start w⁰ (uniform on the sphere) and the sample stream derive
    /// from <see cref="RvscgdToyOptions.Seed"/> alone, so runs that differ only in the penalty or η
    /// share all three. Single-threaded: the result is the same bit for bit on every run.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static RvscgdToyResult Run(RvscgdToyOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        float[] teacher = ToyTeacherProblem.SparseTeacher(options.PatchSize, options.TeacherNonzeros, Derive(options.Seed, 1));
        float[] start = ToyTeacherProblem.RandomUnitVector(options.PatchSize, Derive(options.Seed, 2));
        var problem = new ToyTeacherProblem(teacher, options.PatchCount, options.BatchSize, (ulong)Derive(options.Seed, 3));
        var tracker = new RvscgdToyTracker(teacher, options.Steps);
        var solver = new RvscgdSolver(options.Settings, options.LearningRate, normalize: true);
        RvscgdResult run = solver.Run(problem, start, options.Steps, tracker, cancellationToken);
        return new RvscgdToyResult(options, teacher, run, tracker.Points, clock.Elapsed);
    }

    // SplitMix64's finaliser of (seed, stream): unrelated seeds for the teacher, the start and the samples.
    private static int Derive(int seed, int stream)
    {
        ulong z = ((ulong)(uint)seed << 8 | (uint)stream) + 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }
}
