using MlNetSparse.Core.Numerics;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Core;

/// <summary>
/// Repeated evaluations reuse every buffer: nothing is allocated on one thread, and only
/// Parallel.For's own bookkeeping (a few KB, whatever m) on several.
/// </summary>
[Collection(ProcessWideAllocationCollection.Name)]
public class FusedPassAllocationTests
{
    public static TheoryData<bool, LossKind, bool> Cases()
    {
        var data = new TheoryData<bool, LossKind, bool>();
        foreach (bool sparse in new[] { false, true })
            foreach (LossKind kind in Enum.GetValues<LossKind>())
                foreach (bool weighted in new[] { false, true })
                    data.Add(sparse, kind, weighted);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OnOneThread_RepeatedEvaluationsAllocateNothing(bool sparse, LossKind kind, bool weighted)
    {
        var problem = LinearModelProblem.Create(kind, sparse, weighted, rows: 3000, columns: 50, seed: 21);
        var objective = problem.Objective;
        objective.MaxDegreeOfParallelism = 1;
        float[] theta = problem.RandomParameters(seed: 22);
        var gradient = new float[theta.Length];
        objective.ValueAndGradient(theta, gradient); // first use allocates the scratch
        objective.Value(theta);

        Assert.Equal(0, Allocations.PerCall(() =>
        {
            objective.ValueAndGradient(theta, gradient);
            objective.Value(theta);
        }));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void IrisSizedProblems_RunOnTheCallingThread_WithoutAllocating(bool sparse)
    {
        // 120 × 4, 3 classes, with the default MaxDegreeOfParallelism: one chunk, no Parallel.For
        // (which would allocate).
        var problem = LinearModelProblem.Create(LossKind.Softmax, sparse, weighted: false, rows: 120, columns: 4, seed: 23);
        Assert.Equal(1, RowChunkPlan.For(120, 4, 3, problem.Matrix.StoredCount, 12).ChunkCount);
        float[] theta = problem.RandomParameters(seed: 24);
        var gradient = new float[theta.Length];
        problem.Objective.ValueAndGradient(theta, gradient);

        Assert.Equal(0, Allocations.PerCall(() => problem.Objective.ValueAndGradient(theta, gradient)));
    }

    [Theory]
    [InlineData(false, LossKind.Logistic)]
    [InlineData(false, LossKind.Softmax)]
    [InlineData(true, LossKind.Logistic)]
    [InlineData(true, LossKind.Softmax)]
    public void OnTwoThreads_EachEvaluationAllocatesAFewKilobytes_WhateverTheRowCount(bool sparse, LossKind kind)
    {
        foreach (int rows in new[] { 8_000, 40_000 })
        {
            var problem = LinearModelProblem.Create(kind, sparse, weighted: false, rows, columns: 40, seed: 25, sparseZeroFraction: 0.3);
            Assert.True(RowChunkPlan.For(rows, 40, problem.OutputCount, problem.Matrix.StoredCount, 12).ChunkCount > 1);
            var objective = problem.Objective;
            objective.MaxDegreeOfParallelism = 2;
            float[] theta = problem.RandomParameters(seed: 26);
            var gradient = new float[theta.Length];
            objective.ValueAndGradient(theta, gradient);

            long perCall = Allocations.PerCall(() => objective.ValueAndGradient(theta, gradient), () => GC.GetTotalAllocatedBytes(precise: true));
            Assert.True(perCall <= 4096, $"{perCall} bytes allocated per evaluation for m = {rows}");
        }
    }
}

/// <summary>Tests that count the whole process's allocations, run while no other test runs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideAllocationCollection
{
    public const string Name = "Process-wide allocation counts";
}
