namespace DurableObjects.AI.Structured;

/// <summary>
/// Usage of every model call in one run. Thread-safe (judges add to it in parallel). The orchestration creates one
/// per run; after a restart it rebuilds the ledger from the journaled <see cref="StructuredResult{T}.Usage"/> entries
/// with <see cref="AddRange"/>, so replayed steps are not counted twice.
/// </summary>
public sealed class UsageLedger
{
    private readonly Lock _gate = new();
    private readonly List<UsageEntry> _entries = [];

    /// <summary>A snapshot of every entry, in the order recorded.</summary>
    public IReadOnlyList<UsageEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Total input tokens.</summary>
    public long InputTokens => Sum(e => e.InputTokens);

    /// <summary>Total output tokens.</summary>
    public long OutputTokens => Sum(e => e.OutputTokens);

    /// <summary>Total estimated cost.</summary>
    public decimal EstimatedCost
    {
        get
        {
            lock (_gate)
            {
                return _entries.Sum(e => e.EstimatedCost);
            }
        }
    }

    /// <summary>Number of model calls (attempts included).</summary>
    public int Calls
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Records one call.</summary>
    public void Add(UsageEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }

    /// <summary>Records several calls (e.g. from a journaled step).</summary>
    public void AddRange(IEnumerable<UsageEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (_gate)
        {
            _entries.AddRange(entries);
        }
    }

    private long Sum(Func<UsageEntry, long> selector)
    {
        lock (_gate)
        {
            return _entries.Sum(selector);
        }
    }
}
