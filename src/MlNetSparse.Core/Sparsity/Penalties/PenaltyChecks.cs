namespace MlNetSparse.Core.Sparsity.Penalties;

/// <summary>The argument checks every <see cref="IProximalOperator.Prox"/> shares.</summary>
internal static class PenaltyChecks
{
    public static void ProxArguments(int wLength, double tau, int uLength)
    {
        Guard.NonNegative(tau, "tau");
        Guard.Length(uLength, wLength, "u");
    }
}
