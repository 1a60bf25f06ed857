namespace MlNetSparse.Tests.TestData;

/// <summary>Bytes a call allocates, counted so that neither noise nor a first-call cost hides or invents an allocation.</summary>
public static class Allocations
{
    /// <summary>
    /// Bytes per call of <paramref name="call"/>: after one warm-up call (JIT, lazy statics), the least
    /// of three rounds of four calls. A garbage collection, or the test host's own threads, can add to
    /// one round's count, but an allocation in the code under test shows in every round.
    /// </summary>
    /// <param name="call">The code under test.</param>
    /// <param name="allocatedBytes">The counter: by default this thread's bytes; the process's
    /// (<c>() =&gt; GC.GetTotalAllocatedBytes(precise: true)</c>) for code that runs on other threads.</param>
    public static long PerCall(Action call, Func<long>? allocatedBytes = null)
    {
        allocatedBytes ??= GC.GetAllocatedBytesForCurrentThread;
        const int rounds = 3, calls = 4;
        call();
        long least = long.MaxValue;
        for (int round = 0; round < rounds; round++)
        {
            long before = allocatedBytes();
            for (int c = 0; c < calls; c++)
                call();
            least = Math.Min(least, (allocatedBytes() - before) / calls);
        }
        return least;
    }
}
