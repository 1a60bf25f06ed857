// Writes the managed GEMM micro-kernels (src/MlNetSparse.Core/Numerics/Blas/Managed/MicroKernel*.cs)
// from KernelSpec.All, or with --check only says which files differ from what it would write.
// Run from anywhere in the repository: dotnet run --project eng/GemmKernelGenerator [-- --check]
using GemmKernelGenerator;

bool check = args is ["--check"];
if (!check && args.Length > 0)
{
    Console.Error.WriteLine("Usage: dotnet run --project eng/GemmKernelGenerator [-- --check]");
    return 2;
}

string folder = KernelFiles.Folder(KernelFiles.RepositoryRoot(Environment.CurrentDirectory));
int stale = 0;
foreach (KernelSpec kernel in KernelSpec.All)
{
    string path = KernelFiles.PathOf(folder, kernel), source = KernelSource.Of(kernel);
    bool current = File.Exists(path) && File.ReadAllText(path) == source;
    if (current)
        continue;
    stale++;
    if (check)
        Console.WriteLine($"{Path.GetRelativePath(Environment.CurrentDirectory, path)} differs from what the generator writes");
    else
    {
        File.WriteAllText(path, source);
        Console.WriteLine($"wrote {Path.GetRelativePath(Environment.CurrentDirectory, path)}");
    }
}
Console.WriteLine(stale == 0 ? $"all {KernelSpec.All.Count} kernels are as generated" : check ? $"{stale} kernel(s) differ" : $"{stale} kernel(s) written");
return check && stale > 0 ? 1 : 0;
