using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MlNetSparse.Core.Numerics;

/// <summary>
/// A large array that is about to be written from end to end (the training matrix a read fills), with its
/// memory made ready first: its pages faulted in on several threads, and on Linux as transparent huge pages.
/// </summary>
/// <remarks>
/// A fresh array of hundreds of megabytes has no pages behind it until it is written, and the kernel then
/// stops the one writing thread once per 4 KiB page to find and clear one. On the 2-core virtual machines
/// this project is measured on, that costs more than the copy itself: filling 320 MB row by row took
/// 0.8–1.3 s, against 0.03–0.3 s when the pages were first touched on both cores, 2 MiB at a time
/// (docs/architecture.md#training-call, step 4). Where the memory was already in use (a collector's reused
/// segment) touching it costs one store a page. The values are left as they were: not zeroed, not read.
/// </remarks>
internal static class FreshArray
{
    /// <summary>Arrays below this size are allocated as they are: their page faults cost less than waking threads.</summary>
    public const long PrepareBytes = 16L << 20;

    private const int PageBytes = 4096, HugePageBytes = 2 << 20;
    private const int MadviseHugePage = 14;   // MADV_HUGEPAGE in Linux's mman-common.h

    /// <summary>
    /// An uninitialized array of <paramref name="length"/> elements whose pages are faulted in on up to
    /// <paramref name="maxDegreeOfParallelism"/> threads when it takes <see cref="PrepareBytes"/> or more.
    /// </summary>
    public static T[] Allocate<T>(int length, int maxDegreeOfParallelism) where T : unmanaged
    {
        T[] array = GC.AllocateUninitializedArray<T>(length);
        long byteLength = (long)length * Unsafe.SizeOf<T>();
        if (byteLength >= PrepareBytes)
            Prepare(array, byteLength, maxDegreeOfParallelism);
        return array;
    }

    private static void Prepare<T>(T[] array, long byteLength, int maxDegreeOfParallelism) where T : unmanaged
    {
        AdviseHugePages(array, byteLength);
        int blocks = (int)((byteLength + HugePageBytes - 1) / HugePageBytes);
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism) }, block =>
        {
            ref byte first = ref Unsafe.As<T, byte>(ref MemoryMarshal.GetArrayDataReference(array));
            long end = Math.Min(byteLength, (long)(block + 1) * HugePageBytes);
            // One store a page faults it in (a load first would map the shared zero page and fault again on the
            // store). An uninitialized array's values are unspecified, and every one is written before it is read.
            for (long offset = (long)block * HugePageBytes; offset < end; offset += PageBytes)
                Unsafe.Add(ref first, (nint)offset) = 0;
        });
    }

    // Best effort: the advice marks the whole 2 MiB-aligned pages inside the array as eligible for transparent
    // huge pages, which the kernel honours when its setting is "madvise" or "always" (Debian's default is
    // madvise). Anything else (another OS, an older kernel, the setting "never") leaves ordinary pages.
    private static void AdviseHugePages<T>(T[] array, long byteLength) where T : unmanaged
    {
        if (!OperatingSystem.IsLinux())
            return;
        GCHandle pin = GCHandle.Alloc(array, GCHandleType.Pinned);
        try
        {
            nint start = pin.AddrOfPinnedObject();
            nint first = (start + HugePageBytes - 1) & ~(nint)(HugePageBytes - 1);
            nint last = (start + (nint)byteLength) & ~(nint)(HugePageBytes - 1);
            if (last > first)
                _ = madvise(first, (nuint)(last - first), MadviseHugePage);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // No libc to ask: ordinary pages.
        }
        finally
        {
            pin.Free();
        }
    }

    [DllImport("libc", ExactSpelling = true)]
    private static extern int madvise(nint address, nuint length, int advice);
}
