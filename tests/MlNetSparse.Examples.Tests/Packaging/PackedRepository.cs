using System.IO.Compression;
using System.Xml.Linq;
using MlNetSparse.Tests.TestData;

namespace MlNetSparse.Tests.Packaging;

/// <summary>
/// The repository packed as the README says (<c>dotnet pack -c Release</c> at the root), once for the
/// packaging tests, into a temporary folder that is removed afterwards: the packages in <see cref="Feed"/>,
/// the build in its own folder, so neither the repository's bin/obj nor its nupkg/ is touched.
/// </summary>
public sealed class PackedRepository : IDisposable
{
    public PackedRepository()
    {
        Folder = Directory.CreateTempSubdirectory("mlnetsparse-pack-").FullName;
        Feed = Path.Combine(Folder, "feed");
        // A version no earlier run used: no NuGet cache can hold a stale copy of it.
        Version = "1.0.0-packtest." + Guid.NewGuid().ToString("N")[..12];
        // Against the Microsoft.ML these tests were built with, so a run on 6.0.0 packs for 6.0.0.
        PackOutput = ChildProcess.Dotnet(RepositoryLayout.Root, null, "pack", RepositoryLayout.File("MlNetSparse.sln"), "-c", "Release", "-nologo",
            "--artifacts-path", Path.Combine(Folder, "build"), $"-p:PackageOutputPath={Feed}", $"-p:Version={Version}",
            $"-p:MicrosoftMLVersion={BuildVersions.MicrosoftML}");
    }

    /// <summary>The temporary folder that holds everything of these tests.</summary>
    public string Folder { get; }

    /// <summary>The folder the packages were written to, used as a package source.</summary>
    public string Feed { get; }

    /// <summary>The version every package was packed with.</summary>
    public string Version { get; }

    /// <summary>What <c>dotnet pack</c> printed.</summary>
    public string PackOutput { get; }

    /// <summary>A package of the feed by its id.</summary>
    public string PackagePath(string id, string extension = ".nupkg") => Path.Combine(Feed, $"{id}.{Version}{extension}");

    /// <summary>The package's nuspec (its metadata element's children, namespace dropped from the names).</summary>
    public XElement Metadata(string id)
    {
        using ZipArchive package = ZipFile.OpenRead(PackagePath(id));
        using Stream nuspec = package.GetEntry($"{id}.nuspec")!.Open();
        return XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    /// <summary>
    /// Environment for a restore that sees only this run's packages: its own global packages folder,
    /// so nothing from this run lands in the user's, nor is taken from it.
    /// </summary>
    public Dictionary<string, string> IsolatedNuGet() => new() { ["NUGET_PACKAGES"] = Path.Combine(Folder, "packages") };

    /// <summary>The user's global packages folder: a fallback folder for the isolated restores, so nothing is downloaded twice.</summary>
    public static string UserGlobalPackagesFolder()
    {
        string listed = ChildProcess.Dotnet(RepositoryLayout.Root, null, "nuget", "locals", "global-packages", "--list");
        const string prefix = "global-packages: ";
        string line = listed.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line[prefix.Length..];
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
