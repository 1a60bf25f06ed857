namespace MlNetSparse.Core.Numerics.Blas;

/// <summary>
/// The process-wide linear-algebra backend: chosen once, on first use, from the
/// <c>MLNETSPARSE_BLAS</c> environment variable (auto, mkl, onemkl, openblas, onednn, cblas,
/// managed; case-insensitive), else the managed SIMD backend (<see cref="BlasBackendKind.Auto"/> says why).
/// </summary>
public static class BlasBackend
{
    private static readonly object Gate = new();
    private static volatile IBlas? _current;

    /// <summary>The backend in use, resolved on first access (thread-safe).</summary>
    /// <exception cref="InvalidOperationException">MLNETSPARSE_BLAS holds an unknown value.</exception>
    /// <exception cref="DllNotFoundException">MLNETSPARSE_BLAS forces a native backend that does not load.</exception>
    public static IBlas Current
    {
        get
        {
            if (_current is { } resolved)
                return resolved;
            lock (Gate)
            {
                string? setting = Environment.GetEnvironmentVariable(BlasSetting.VariableName);
                return _current ??= Resolve(BlasSetting.Parse(setting), $"{BlasSetting.VariableName}={setting} asks for it");
            }
        }
    }

    /// <summary>
    /// Makes <paramref name="kind"/> the process's backend from now on (<see cref="BlasBackendKind.Auto"/>: the managed one) and returns it.
    /// </summary>
    /// <exception cref="DllNotFoundException">A native backend that does not load here; the message lists the library names tried.</exception>
    public static IBlas Use(BlasBackendKind kind)
    {
        IBlas blas = Resolve(kind, $"{nameof(Use)}({kind}) asked for it");
        lock (Gate)
            _current = blas;
        return blas;
    }

    /// <summary>
    /// The backend of <paramref name="kind"/> if it loads here, without changing <see cref="Current"/>:
    /// for comparing backends side by side. Each library is loaded at most once per process.
    /// </summary>
    public static bool TryLoad(BlasBackendKind kind, out IBlas? blas)
    {
        blas = BlasBackendLoader.TryGet(kind, out _);
        return blas is not null;
    }

    /// <summary>The concrete backends that load on this machine, in discovery order; always ends with <see cref="BlasBackendKind.Managed"/>.</summary>
    public static IReadOnlyList<BlasBackendKind> Available() =>
        BlasBackendLoader.ConcreteKinds.Where(kind => TryLoad(kind, out _)).ToArray();

    /// <summary>One line for a log: "BLAS backend: OpenBLAS (libopenblas.so.0; …)", resolving <see cref="Current"/> if needed.</summary>
    public static string Describe() => $"BLAS backend: {Current.Description}";

    /// <summary>The backend of <paramref name="kind"/>, or an exception naming the libraries tried and why it was wanted.</summary>
    internal static IBlas Resolve(BlasBackendKind kind, string why)
    {
        Guard.Defined(kind);
        return BlasBackendLoader.TryGet(kind, out string attempts)
            ?? throw new DllNotFoundException(
                $"The {kind} BLAS backend did not load ({why}): tried {attempts}. Available here: {string.Join(", ", Available())}.");
    }
}
