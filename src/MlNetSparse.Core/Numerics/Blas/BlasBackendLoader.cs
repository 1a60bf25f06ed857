using MlNetSparse.Core.Numerics.Blas.Native;

namespace MlNetSparse.Core.Numerics.Blas;

/// <summary>
/// Loads each backend at most once per process and remembers the outcome, so asking again (tests,
/// benchmarks, <see cref="BlasBackend.Available"/>) neither reloads a library nor re-probes a missing one.
/// </summary>
internal static class BlasBackendLoader
{
    private sealed record Outcome(IBlas? Blas, string Attempts);

    private static readonly Lazy<Outcome>[] Outcomes = Enum.GetValues<BlasBackendKind>()
        .Select(kind => new Lazy<Outcome>(() => Load(kind), LazyThreadSafetyMode.ExecutionAndPublication))
        .ToArray();

    /// <summary>The concrete backends (not <see cref="BlasBackendKind.Auto"/>), in the enum's order.</summary>
    public static IReadOnlyList<BlasBackendKind> ConcreteKinds { get; } =
        Enum.GetValues<BlasBackendKind>().Where(kind => kind != BlasBackendKind.Auto).ToArray();

    /// <summary>The backend of <paramref name="kind"/>, or null with the library names tried and what happened.</summary>
    public static IBlas? TryGet(BlasBackendKind kind, out string attempts)
    {
        Guard.Defined(kind);
        Outcome outcome = Outcomes[(int)kind].Value;
        attempts = outcome.Attempts;
        return outcome.Blas;
    }

    private static Outcome Load(BlasBackendKind kind)
    {
        switch (kind)
        {
            case BlasBackendKind.Auto:   // the managed backend (BlasBackendKind.Auto says why)
                return new Outcome(TryGet(BlasBackendKind.Managed, out _), "");
            case BlasBackendKind.Managed:
                return new Outcome(new ManagedBlas(), "");
            case BlasBackendKind.OneDnn:
            {
                bool loaded = OneDnnBlas.TryCreate(NativeBlasLibrary.For(kind), out IBlas? blas, out string attempts);
                return new Outcome(loaded ? blas : null, attempts);
            }
            default:
            {
                bool loaded = CblasBlas.TryCreate(NativeBlasLibrary.For(kind), out IBlas? blas, out string attempts);
                return new Outcome(loaded ? blas : null, attempts);
            }
        }
    }
}
