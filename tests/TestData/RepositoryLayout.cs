namespace MlNetSparse.Tests.TestData;

/// <summary>Where the repository's files are, seen from the test assembly's output folder.</summary>
public static class RepositoryLayout
{
    /// <summary>The folder holding MlNetSparse.sln, above the tests' bin folder.</summary>
    public static string Root
    {
        get
        {
            DirectoryInfo folder = new(AppContext.BaseDirectory);
            while (!System.IO.File.Exists(Path.Combine(folder.FullName, "MlNetSparse.sln")))
                folder = folder.Parent ?? throw new InvalidOperationException("MlNetSparse.sln not found above " + AppContext.BaseDirectory);
            return folder.FullName;
        }
    }

    /// <summary>A file of the repository by its path from the root, written with '/'.</summary>
    public static string File(string relativePath) => Path.Combine([Root, .. relativePath.Split('/')]);

    /// <summary>A program's dll, built beside the tests by their project references, in the same configuration and framework.</summary>
    /// <param name="projectFolder">The project's folder from the root, e.g. "examples/QuickStart".</param>
    public static string BuiltDll(string projectFolder)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string project = projectFolder.Split('/')[^1];
        // Each project's own bin/<configuration>/<framework>/, or, built with --artifacts-path (CI's
        // Microsoft.ML 6 pass), <artifacts>/bin/<project>/<configuration>/ for every project.
        bool artifactsLayout = output.Parent!.Name == typeof(RepositoryLayout).Assembly.GetName().Name;
        string dll = artifactsLayout
            ? Path.Combine(output.Parent.Parent!.FullName, project, output.Name, project + ".dll")
            : Path.Combine(File(projectFolder), "bin", output.Parent.Name, output.Name, project + ".dll");
        Assert.True(System.IO.File.Exists(dll), $"{dll} was not built");
        return dll;
    }
}
