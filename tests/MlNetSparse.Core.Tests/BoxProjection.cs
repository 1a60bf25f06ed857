using MlNetSparse.Core.Sparsity;

namespace MlNetSparse.Tests.Core;

/// <summary>P(x) = clamp(x, −a, a): the Euclidean projection onto a box.</summary>
internal sealed class BoxProjection(int length, float bound) : ISparsityProjection
{
    public int Length => length;

    public string? Violation(ReadOnlySpan<float> x)
    {
        for (int i = 0; i < x.Length; i++)
            if (Math.Abs(x[i]) > bound)
                return $"must lie in [−{bound}, {bound}]; entry {i} is {x[i]}";
        return null;
    }

    public void Project(ReadOnlySpan<float> source, Span<float> destination)
    {
        for (int i = 0; i < source.Length; i++)
            destination[i] = Math.Clamp(source[i], -bound, bound);
    }

    public double Value(ReadOnlySpan<float> x) => Violation(x) is null ? 0 : double.PositiveInfinity;

    public void Prox(ReadOnlySpan<float> w, double tau, Span<float> u) => Project(w, u);

    public string Describe() => $"box [−{bound}, {bound}]";
}
