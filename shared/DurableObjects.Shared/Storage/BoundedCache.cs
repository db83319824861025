using System.Collections.Concurrent;

namespace DurableObjects.Shared.Storage;

/// <summary>
/// A host's copies of values that never change once stored (version rows, run requests, compiled artifacts), bounded by
/// count: when full it starts over, so the recent entries are read again once. A hit is always right; a miss reads
/// storage, so every host still sees the same data. (Texts bounded by size use <see cref="ImmutableTextCache"/>.)
/// </summary>
public sealed class BoundedCache<TKey, TValue>(int capacity, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new(comparer);

    public bool TryGet(TKey key, out TValue value) => _entries.TryGetValue(key, out value!);

    /// <summary>Keeps <paramref name="value"/> under <paramref name="key"/> (replacing what was kept).</summary>
    public void Set(TKey key, TValue value)
    {
        MakeRoom();
        _entries[key] = value;
    }

    /// <summary>Keeps <paramref name="value"/> unless a value is kept under <paramref name="key"/>; returns the one kept.</summary>
    public TValue GetOrAdd(TKey key, TValue value)
    {
        MakeRoom();
        return _entries.GetOrAdd(key, value);
    }

    private void MakeRoom()
    {
        if (_entries.Count >= capacity)
        {
            // A race here only lets the count pass the bound by the writers at that moment.
            _entries.Clear();
        }
    }
}
