using System.Collections.Concurrent;

namespace DurableObjects.Shared.Storage;

/// <summary>
/// A host's copies of values read from storage that can change (an object's row, a token's owner), one per key, so
/// hot callers cost no storage read, and that keep answering from the last successful read while storage does not
/// answer — for a bounded time. The age of a value counts from when its read was sent.
/// <list type="bullet">
/// <item>Younger than <c>fresh</c>: answered as is. From half that age a read starts in the background, so a steadily
/// used key never waits for storage.</item>
/// <item>Older: the caller waits for a read (one per key at a time, shared by concurrent callers) and gets its answer.
/// A change stored elsewhere is therefore answered here within <c>fresh</c> of being stored, while storage answers.</item>
/// <item>A read that has not answered within <c>slowRead</c> is taken for storage not answering: a caller with a value
/// younger than <c>lastKnown</c> gets it then instead of waiting out the storage client's timeouts (seconds); the read
/// goes on, and its answer is kept.</item>
/// <item>A read fails (storage did not answer in time, or failed otherwise): if the last value read is younger than
/// <c>lastKnown</c>, the waiting callers get it instead of the failure, and later callers get it at once, without
/// waiting, while a read is retried in the background (one at a time, from half of <c>fresh</c> after the last
/// failure) until one succeeds. Older than <c>lastKnown</c>, nothing is answered without a successful read: the
/// failure goes to the caller.</item>
/// <item><see cref="Remove"/> drops the value and what it could answer during an outage: for a change this host made
/// and does not know the result of.</item>
/// </list>
/// </summary>
/// <param name="read">Reads the value of a key from storage; shared by the callers waiting for it, so it is not
/// cancelled with any one of them (the storage client's own timeouts bound it).</param>
/// <param name="fresh">How long a value is answered without a read.</param>
/// <param name="lastKnown">How long after its read a value may still be answered when reads fail.</param>
/// <param name="clock">Timestamps for ages (<see cref="TimeProvider.System"/>'s are <see cref="System.Diagnostics.Stopwatch"/>'s).</param>
/// <param name="onRead">Called with each value read successfully and kept (not with values answered from before).</param>
/// <param name="slowRead">How long a caller with a value to fall back on waits for a read (default 1 s; storage
/// answers in milliseconds when it answers at all).</param>
/// <param name="maxEntries">Past this many keys (keys that do not exist included: callers may ask for any key) the
/// values that could not serve in an outage (nothing found, too old) are dropped first, then all.</param>
public sealed class RefreshingCache<TValue>(
    Func<string, Task<TValue>> read,
    TimeSpan fresh,
    TimeSpan lastKnown,
    TimeProvider clock,
    Action<string, TValue>? onRead = null,
    int maxEntries = 10_000,
    TimeSpan? slowRead = null)
{
    private readonly TimeSpan _slowRead = slowRead ?? TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    // FailedAt: when the last read since this value failed (null: none did).
    private sealed record Entry(TValue Value, long ReadAt, long? FailedAt = null);

    private sealed class Slot
    {
        public Entry? Entry;
        public Task<TValue>? Loading;
        public int Generation;
    }

    /// <summary>The value, as read at most <c>fresh</c> ago — or, while reads fail, at most <c>lastKnown</c> ago.</summary>
    public ValueTask<TValue> GetAsync(string key)
    {
        var slot = _slots.GetOrAdd(key, static _ => new Slot());
        if (Volatile.Read(ref slot.Entry) is { } entry)
        {
            var age = clock.GetElapsedTime(entry.ReadAt);
            if (age < fresh || (entry.FailedAt is not null && age < lastKnown))
            {
                if (age >= fresh / 2)
                {
                    RefreshInBackground(key, slot, entry);
                }
                return new(entry.Value);
            }
            if (age < lastKnown)
            {
                return new(WaitBoundedAsync(Load(key, slot), entry.Value));
            }
        }
        return new(Load(key, slot));
    }

    // The read's answer if it comes within slowRead, else the value it would fall back on if it failed.
    private async Task<TValue> WaitBoundedAsync(Task<TValue> reading, TValue known)
    {
        if (reading.IsCompleted)
        {
            return await reading;
        }
        using var patience = new CancellationTokenSource();
        var first = await Task.WhenAny(reading, Task.Delay(_slowRead, clock, patience.Token));
        if (first == reading)
        {
            await patience.CancelAsync();
            return await reading;
        }
        return known;
    }

    /// <summary>
    /// Takes <paramref name="value"/>, which this host has just written, as the value of <paramref name="key"/>, aged from
    /// <paramref name="readAt"/> (a <paramref name="clock"/> timestamp taken before the write was sent). A read already
    /// under way is not kept.
    /// </summary>
    public void Set(string key, TValue value, long readAt)
    {
        var slot = _slots.GetOrAdd(key, static _ => new Slot());
        lock (slot)
        {
            slot.Generation++;
            slot.Entry = new Entry(value, readAt);
            slot.Loading = null;
        }
    }

    /// <summary>Drops the value (the next caller waits for a read, and a failed read fails it); a read already under way
    /// is not kept.</summary>
    public void Remove(string key)
    {
        if (_slots.TryGetValue(key, out var slot))
        {
            lock (slot)
            {
                slot.Generation++;
                slot.Entry = null;
                slot.Loading = null;
            }
        }
    }

    private void RefreshInBackground(string key, Slot slot, Entry entry)
    {
        if (entry.FailedAt is { } failedAt && clock.GetElapsedTime(failedAt) < fresh / 2)
        {
            return;
        }
        // Nobody waits for this read: its failure is kept in the slot, not thrown at anyone.
        _ = Load(key, slot).ContinueWith(static t => { _ = t.Exception; }, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    // One read per key at a time: concurrent callers share it.
    private Task<TValue> Load(string key, Slot slot)
    {
        lock (slot)
        {
            return slot.Loading ??= ReadAsync(key, slot, slot.Generation);
        }
    }

    private async Task<TValue> ReadAsync(string key, Slot slot, int generation)
    {
        await Task.Yield(); // never complete inside the caller's lock
        if (_slots.Count > maxEntries)
        {
            MakeRoom(key, slot);
        }
        var readAt = clock.GetTimestamp();
        TValue value;
        try
        {
            value = await read(key);
        }
        catch
        {
            Entry? known;
            lock (slot)
            {
                if (slot.Generation == generation)
                {
                    slot.Loading = null;
                    if (slot.Entry is { } before)
                    {
                        slot.Entry = before with { FailedAt = clock.GetTimestamp() };
                    }
                }
                // Written or removed meanwhile: what this host knows now.
                known = slot.Entry;
            }
            if (known is not null && clock.GetElapsedTime(known.ReadAt) < lastKnown)
            {
                return known.Value;
            }
            throw;
        }
        var current = false;
        lock (slot)
        {
            if (slot.Generation == generation)
            {
                slot.Entry = new Entry(value, readAt);
                slot.Loading = null;
                current = true;
            }
        }
        if (current)
        {
            onRead?.Invoke(key, value);
        }
        return value;
    }

    // Keeps what could answer in an outage (a value found, young enough) unless even that is too much.
    private void MakeRoom(string key, Slot slot)
    {
        foreach (var (other, otherSlot) in _slots)
        {
            if (Volatile.Read(ref otherSlot.Entry) is not { Value: not null } entry || clock.GetElapsedTime(entry.ReadAt) >= lastKnown)
            {
                _slots.TryRemove(KeyValuePair.Create(other, otherSlot));
            }
        }
        if (_slots.Count > maxEntries)
        {
            _slots.Clear();
        }
        _slots[key] = slot;
    }
}
