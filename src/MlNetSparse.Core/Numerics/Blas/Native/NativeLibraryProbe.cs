using System.Reflection;
using System.Runtime.InteropServices;

namespace MlNetSparse.Core.Numerics.Blas.Native;

/// <summary>A library file that loaded and exports the entry point asked for.</summary>
/// <param name="Handle">The OS handle; kept for the life of the process.</param>
/// <param name="FileName">The name that loaded.</param>
/// <param name="Entry">The address of the export.</param>
internal readonly record struct LoadedLibrary(nint Handle, string FileName, nint Entry)
{
    /// <summary>The address of an optional export of the same library (or of one it depends on), or 0.</summary>
    public nint OptionalExport(string name) =>
        NativeLibrary.TryGetExport(Handle, name, out nint address) ? address : 0;
}

/// <summary>Finds the first of a list of library names that loads and exports a given symbol.</summary>
internal static class NativeLibraryProbe
{
    /// <summary>
    /// Tries each name, first as the runtime resolves a P/Invoke library for this assembly (the
    /// application's and the assembly's folders, then the OS search), then as given to the OS
    /// loader. On failure <paramref name="attempts"/> says what happened to each name.
    /// </summary>
    public static bool TryLoad(IReadOnlyList<string> fileNames, string export, out LoadedLibrary library, out string attempts)
    {
        var notes = new List<string>(fileNames.Count);
        foreach (string name in fileNames)
        {
            if (!TryLoadHandle(name, out nint handle))
            {
                notes.Add($"{name} (not found)");
                continue;
            }
            if (NativeLibrary.TryGetExport(handle, export, out nint entry))
            {
                library = new LoadedLibrary(handle, name, entry);
                attempts = string.Join(", ", notes);
                return true;
            }
            NativeLibrary.Free(handle);
            notes.Add($"{name} (loaded, but no {export})");
        }
        library = default;
        attempts = string.Join(", ", notes);
        return false;
    }

    private static bool TryLoadHandle(string name, out nint handle)
    {
        Assembly assembly = typeof(NativeLibraryProbe).Assembly;
        return NativeLibrary.TryLoad(name, assembly, searchPath: null, out handle)
            || NativeLibrary.TryLoad(name, out handle);
    }
}
