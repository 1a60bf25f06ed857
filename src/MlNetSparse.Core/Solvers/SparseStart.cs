namespace MlNetSparse.Core.Solvers;

/// <summary>Starting points θ⁰ with ‖θ⁰‖₀ ≤ s.</summary>
public static class SparseStart
{
    /// <summary>θ⁰ = 0: deterministic, needs no seed.</summary>
    public static float[] Zero(int parameterCount)
    {
        Guard.InRange(parameterCount, 1, int.MaxValue);
        return new float[parameterCount];
    }

    /// <summary>
    /// The paper's random sparse start (§IV): values drawn from <paramref name="initializer"/> with
    /// <paramref name="initializationSeed"/>, then s entries chosen uniformly without replacement
    /// with <paramref name="supportSeed"/> kept and the rest zeroed. The two seeds vary the values
    /// and the starting support independently.
    /// </summary>
    public static float[] Random(int parameterCount, int sparsity, IParameterInitializer initializer,
        int initializationSeed, int supportSeed)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        Guard.InRange(parameterCount, 1, int.MaxValue);
        Guard.InRange(sparsity, 1, parameterCount);
        var dense = new float[parameterCount];
        initializer.Sample(new Random(initializationSeed), dense);
        var start = new float[parameterCount];
        foreach (int i in RandomSupport(parameterCount, sparsity, new Random(supportSeed)))
            start[i] = dense[i];
        return start;
    }

    /// <summary>s distinct indices of [0, n), uniformly at random (partial Fisher–Yates).</summary>
    internal static ReadOnlySpan<int> RandomSupport(int parameterCount, int sparsity, Random random)
    {
        var indices = new int[parameterCount];
        for (int i = 0; i < parameterCount; i++)
            indices[i] = i;
        for (int j = 0; j < sparsity; j++)
        {
            int pick = random.Next(j, parameterCount);
            (indices[j], indices[pick]) = (indices[pick], indices[j]);
        }
        return indices.AsSpan(0, sparsity);
    }
}
