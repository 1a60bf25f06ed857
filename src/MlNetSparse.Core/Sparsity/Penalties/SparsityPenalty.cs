namespace MlNetSparse.Core.Sparsity.Penalties;

/// <summary>Builds a <see cref="IProximalOperator"/> from its kind.</summary>
public static class SparsityPenalty
{
    /// <summary>The penalty of <paramref name="kind"/>.</summary>
    /// <param name="kind">Which penalty.</param>
    /// <param name="transformedL1Shape">a of <see cref="SparsityPenaltyKind.TransformedL1"/> (a finite number &gt; 0); ignored by the others.</param>
    /// <exception cref="ArgumentOutOfRangeException">An undefined kind, or a Tℓ1 shape that is not a finite number &gt; 0.</exception>
    public static IProximalOperator Create(SparsityPenaltyKind kind, double transformedL1Shape = 1.0)
    {
        Guard.Defined(kind);
        return kind switch
        {
            SparsityPenaltyKind.L0 => L0Penalty.Instance,
            SparsityPenaltyKind.L1 => L1Penalty.Instance,
            _ => new TransformedL1Penalty(transformedL1Shape),
        };
    }
}
