namespace MlNetSparse.Core.Numerics.Blas;

/// <summary>The process-wide linear-algebra backend. (Placeholder: discovery is being written.)</summary>
public static class BlasBackend
{
    /// <summary>The backend in use.</summary>
    public static IBlas Current { get; } = new ManagedBlas();
}
