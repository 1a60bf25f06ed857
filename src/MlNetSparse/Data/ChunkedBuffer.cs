using System.Runtime.CompilerServices;
using MlNetSparse.Core.Numerics;

namespace MlNetSparse.Data;

/// <summary>
/// Values appended in order into chunks that are never moved, handed over as one array of exactly the
/// count appended. With the expected count known (the data view's row count), the first chunk is that
/// array, so a read that fills it exactly is one copy, cursor to array, and <see cref="ToArray"/> returns
/// it as it is. Otherwise chunks of an eighth of the data so far (at most 4 MiB) are added, with no copy
/// while reading, and <see cref="ToArray"/> assembles them once, letting each chunk go as it is copied: about
/// twice the data allocated and at the peak, where a doubling list allocates about three times.
/// </summary>
/// <typeparam name="T">An unmanaged element type.</typeparam>
internal sealed class ChunkedBuffer<T> where T : unmanaged
{
    // Each new chunk holds an eighth of the values so far, from 64 KiB up to 4 MiB: the unused tail of the
    // last chunk is at most an eighth of the data (or 4 MiB), and 400 MB take about a hundred chunks.
    private const int SmallestChunkBytes = 64 << 10, LargestChunkBytes = 4 << 20;

    private readonly List<T[]> _chunks = [];
    private readonly List<int> _filled = [];   // values in each chunk before the last (the last: _filledInLast)
    private readonly int _granule, _threads;
    private int _filledInLast;

    /// <summary>A buffer whose first chunk holds <paramref name="expectedCount"/> values (0: unknown).</summary>
    /// <param name="expectedCount">The values expected, or 0 when unknown; more or fewer may come.</param>
    /// <param name="granule">Chunk sizes are multiples of it, so that appends of this length (a row) never straddle two chunks.</param>
    /// <param name="threads">The threads that may prepare a large array's memory (<see cref="FreshArray"/>).</param>
    public ChunkedBuffer(long expectedCount = 0, int granule = 1, int threads = 1)
    {
        _granule = Math.Max(1, granule);
        _threads = threads;
        // Not zeroed: every value is written before it is read (an append writes it; AppendZeros clears its
        // span), and an unfilled tail never leaves the buffer, so the collector need not clear memory that is
        // about to be overwritten (a pass over the whole matrix when the rows are dense).
        if (expectedCount > 0 && expectedCount <= Array.MaxLength)
            _chunks.Add(FreshArray.Allocate<T>((int)expectedCount, threads));
    }

    /// <summary>Values appended so far.</summary>
    public long Count { get; private set; }

    /// <summary>Appends one value.</summary>
    public void Add(T value)
    {
        Reserve(1)[0] = value;
    }

    /// <summary>Appends <paramref name="values"/> (split over chunks only when it is not a whole number of granules).</summary>
    public void Append(ReadOnlySpan<T> values)
    {
        while (!values.IsEmpty)
        {
            Span<T> room = Room(values.Length);
            int taken = Math.Min(room.Length, values.Length);
            values[..taken].CopyTo(room);
            Commit(taken);
            values = values[taken..];
        }
    }

    /// <summary>
    /// Appends <paramref name="length"/> zeros and returns them to be written, in one chunk:
    /// <paramref name="length"/> must be a whole number of granules (a row).
    /// </summary>
    public Span<T> AppendZeros(int length)
    {
        Span<T> span = Reserve(length);
        span.Clear();
        return span;
    }

    /// <summary>The values appended, chunk by chunk in order (each a whole number of granules when every append was).</summary>
    public IEnumerable<ReadOnlyMemory<T>> Segments()
    {
        for (int c = 0; c < _chunks.Count; c++)
            yield return _chunks[c].AsMemory(0, Filled(c));
    }

    /// <summary>
    /// The values as one array of <see cref="Count"/> entries: the first chunk itself when it holds them
    /// exactly, else one copy. The buffer is empty afterwards.
    /// </summary>
    public T[] ToArray()
    {
        T[] result;
        if (_chunks.Count == 1 && _filledInLast == _chunks[0].Length)
        {
            result = _chunks[0];
        }
        else
        {
            result = FreshArray.Allocate<T>((int)Count, _threads);   // every entry is copied in below
            long offset = 0;
            for (int c = 0; c < _chunks.Count; c++)
            {
                int filled = Filled(c);
                _chunks[c].AsSpan(0, filled).CopyTo(result.AsSpan((int)offset));
                offset += filled;
                _chunks[c] = [];   // let the chunk go before the next is copied
            }
        }
        _chunks.Clear();
        _filled.Clear();
        _filledInLast = 0;
        Count = 0;
        return result;
    }

    // length values in the current chunk, or a new one when it has no room for them.
    private Span<T> Reserve(int length)
    {
        Span<T> room = Room(length);
        if (room.Length < length)
        {
            AddChunk(length);
            room = Room(length);
        }
        Commit(length);
        return room[..length];
    }

    // The free part of the last chunk (a new chunk when it is full).
    private Span<T> Room(int wanted)
    {
        if (_chunks.Count == 0 || _filledInLast == _chunks[^1].Length)
            AddChunk(wanted);
        return _chunks[^1].AsSpan(_filledInLast);
    }

    private void AddChunk(int atLeast)
    {
        long bytes = Math.Clamp(Count * Unsafe.SizeOf<T>() / 8, SmallestChunkBytes, LargestChunkBytes);
        int perChunk = (int)Math.Max(1, bytes / Unsafe.SizeOf<T>() / _granule) * _granule;
        int size = Math.Max(perChunk, (atLeast + _granule - 1) / _granule * _granule);
        if (_chunks.Count > 0)
            _filled.Add(_filledInLast);   // a chunk left with room for less than an append keeps its tail unused
        _chunks.Add(GC.AllocateUninitializedArray<T>(size));
        _filledInLast = 0;
    }

    private int Filled(int chunk) => chunk == _chunks.Count - 1 ? _filledInLast : _filled[chunk];

    private void Commit(int count)
    {
        _filledInLast += count;
        Count += count;
    }
}
