namespace GemmKernelGenerator;

/// <summary>Where the kernels live in the repository.</summary>
internal static class KernelFiles
{
    /// <summary>The kernels' folder under the repository root.</summary>
    public const string RelativeFolder = "src/MlNetSparse.Core/Numerics/Blas/Managed";

    /// <summary>The folder holding MlNetSparse.sln at or above <paramref name="start"/>.</summary>
    public static string RepositoryRoot(string start)
    {
        for (DirectoryInfo? folder = new(start); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "MlNetSparse.sln")))
                return folder.FullName;
        throw new InvalidOperationException($"MlNetSparse.sln not found at or above {start}: run the generator inside the repository.");
    }

    /// <summary>The kernels' folder of the repository at <paramref name="root"/>.</summary>
    public static string Folder(string root) => Path.Combine([root, .. RelativeFolder.Split('/')]);

    /// <summary>The file of <paramref name="kernel"/> in <paramref name="folder"/>.</summary>
    public static string PathOf(string folder, KernelSpec kernel) => Path.Combine(folder, kernel.TypeName + ".cs");
}
