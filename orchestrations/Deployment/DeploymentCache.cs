using System.Collections.Concurrent;
using System.Diagnostics;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Deployment;

/// <summary>
/// This host's copy of what each object serves (its row: deployments per environment, public-invoke setting), so an
/// invocation costs no storage read. An entry is answered for at most <see cref="ServingOptions.DeploymentCacheBound"/>
/// from the moment its read began, and refreshed in the background from half that age, so a steadily invoked object
/// never waits for storage. A change written on this host drops the entry at once (<see cref="Invalidate"/>), and a
/// deploy or rollback through this host replaces it with the row it wrote (<see cref="Written"/>), so this host serves
/// its own deploys immediately, without reading back what it wrote; other hosts serve them within the bound.
/// </summary>
public sealed class DeploymentCache(ObjectStore objects, ServingRunners serving, IOptions<ServingOptions> options)
{
    // Past this many objects (names that do not exist included: anyone may try to invoke any name) start afresh.
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    private sealed record Entry(ObjectInfo? Info, long ReadAt);

    private sealed class Slot
    {
        public Entry? Entry;
        public Task<ObjectInfo?>? Loading;
        public int Generation;
    }

    /// <summary>The object as read at most the bound ago (null: it did not exist then).</summary>
    public ValueTask<ObjectInfo?> GetAsync(string key)
    {
        var slot = _slots.GetOrAdd(key, static _ => new Slot());
        if (Volatile.Read(ref slot.Entry) is { } entry)
        {
            var age = Stopwatch.GetElapsedTime(entry.ReadAt);
            var bound = options.Value.DeploymentCacheBound;
            if (age < bound)
            {
                if (age >= bound / 2)
                {
                    _ = Load(key, slot);
                }
                return new(entry.Info);
            }
        }
        return new(Load(key, slot));
    }

    /// <summary>
    /// Takes the row this host has just written under its ETag as the entry, aged from <paramref name="writeStarted"/>
    /// (a <see cref="Stopwatch"/> timestamp taken before the write was sent: the row was storage's at least from the
    /// write's completion, so it is never counted younger than it is). A read already under way is not kept.
    /// </summary>
    public void Written(string key, ObjectInfo written, long writeStarted)
    {
        ArgumentNullException.ThrowIfNull(written);
        var slot = _slots.GetOrAdd(key, static _ => new Slot());
        lock (slot)
        {
            slot.Generation++;
            slot.Entry = new Entry(written, writeStarted);
            slot.Loading = null;
        }
        serving.Observe(key, written);
    }

    /// <summary>Drops the entry after a write on this host; a read already under way is not kept.</summary>
    public void Invalidate(string key)
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

    // One read per object at a time: concurrent callers share it.
    private Task<ObjectInfo?> Load(string key, Slot slot)
    {
        lock (slot)
        {
            return slot.Loading ??= ReadAsync(key, slot, slot.Generation);
        }
    }

    private async Task<ObjectInfo?> ReadAsync(string key, Slot slot, int generation)
    {
        await Task.Yield(); // never complete inside the caller's lock
        if (_slots.Count > MaxEntries)
        {
            _slots.Clear();
            _slots[key] = slot;
        }
        var readAt = Stopwatch.GetTimestamp();
        try
        {
            var info = (await objects.GetAsync(key))?.Info;
            var current = false;
            lock (slot)
            {
                if (slot.Generation == generation)
                {
                    slot.Entry = new Entry(info, readAt);
                    slot.Loading = null;
                    current = true;
                }
            }
            if (current)
            {
                serving.Observe(key, info);
            }
            return info;
        }
        catch
        {
            lock (slot)
            {
                if (slot.Generation == generation)
                {
                    slot.Loading = null;
                }
            }
            throw;
        }
    }
}
