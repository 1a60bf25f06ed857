using MlNetSparse.Core;

namespace MlNetSparse.Onnx;

/// <summary>
/// One dimension of a graph input or output: a fixed size, or a symbolic name such as "batch" that
/// the runtime binds per call. Converts implicitly from <see cref="int"/> and <see cref="string"/>,
/// so a shape reads <c>["batch", 16]</c>.
/// </summary>
internal readonly record struct OnnxDim
{
    private OnnxDim(long size, string? name)
    {
        Size = size;
        Name = name;
    }

    /// <summary>The fixed size; 0 for a symbolic dimension.</summary>
    public long Size { get; }

    /// <summary>The symbolic name; null for a fixed dimension.</summary>
    public string? Name { get; }

    /// <summary>Whether the size is left to the runtime.</summary>
    public bool IsSymbolic => Name is not null;

    /// <summary>A dimension of fixed <paramref name="size"/>.</summary>
    /// <param name="size">At least 1: ML.NET reads a 0 in a model's shape as "unknown", so it is refused here.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> &lt; 1.</exception>
    public static OnnxDim Fixed(int size)
    {
        Guard.InRange(size, 1, int.MaxValue);
        return new OnnxDim(size, null);
    }

    /// <summary>A dimension named <paramref name="name"/>, its size chosen by the caller of the model at run time.</summary>
    /// <exception cref="ArgumentException">An empty or blank name.</exception>
    public static OnnxDim Symbolic(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new OnnxDim(0, name);
    }

    /// <summary>Same as <see cref="Fixed"/>.</summary>
    public static implicit operator OnnxDim(int size) => Fixed(size);

    /// <summary>Same as <see cref="Symbolic"/>.</summary>
    public static implicit operator OnnxDim(string name) => Symbolic(name);

    /// <summary>The size, or the name for a symbolic dimension.</summary>
    public override string ToString() => Name ?? Size.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
