using Microsoft.ML.Runtime;
using MlNetSparse.Core.Numerics.Blas;

namespace MlNetSparse.Trainers;

/// <summary>
/// Says once per process which BLAS backend the numerics use ("BLAS backend: OpenBLAS (…)"), so a
/// log shows what ran without every training repeating it.
/// </summary>
internal static class BlasBackendLog
{
    private static int _written;

    /// <summary>Whether the line has been written in this process.</summary>
    internal static bool HasWritten => Volatile.Read(ref _written) != 0;

    /// <summary>
    /// Writes <see cref="BlasBackend.Describe"/> to <paramref name="channel"/> as information the
    /// first time any caller in the process gets here; later calls do nothing. Returns whether it
    /// wrote. Trainers call it when they start.
    /// </summary>
    public static bool Once(IChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        // Resolve first: if the backend setting is invalid the exception surfaces here, and a
        // later call still gets to log once the caller has fixed it.
        string line = BlasBackend.Describe();
        if (Interlocked.Exchange(ref _written, 1) != 0)
            return false;
        channel.Info(MessageSensitivity.None, line);
        return true;
    }
}
