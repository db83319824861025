using System.Collections.Concurrent;

namespace DurableObjects.Shared.Storage;

/// <summary>
/// This host's copies of stored texts that never change once written (content-addressed blobs, insert-only step
/// records): a hit is always right, a miss reads storage, so every host still sees the same data. Bounded by item
/// size, total size and count; when full it starts over (the recent texts are read again once).
/// </summary>
public sealed class ImmutableTextCache(int maxItemChars, long maxTotalChars, int maxCount = int.MaxValue)
{
    private readonly ConcurrentDictionary<string, string> _known = new(StringComparer.Ordinal);
    private long _chars;

    public bool Contains(string key) => _known.ContainsKey(key);

    public bool TryGet(string key, out string text) => _known.TryGetValue(key, out text!);

    /// <summary>Keeps <paramref name="text"/> under <paramref name="key"/> unless it is too large; the first text kept wins.</summary>
    public void Remember(string key, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > maxItemChars)
        {
            return;
        }
        if (Interlocked.Add(ref _chars, text.Length) > maxTotalChars || _known.Count >= maxCount)
        {
            // Full: start over. A race here only misjudges the size a little.
            _known.Clear();
            Interlocked.Exchange(ref _chars, text.Length);
        }
        if (!_known.TryAdd(key, text))
        {
            Interlocked.Add(ref _chars, -text.Length);
        }
    }
}
