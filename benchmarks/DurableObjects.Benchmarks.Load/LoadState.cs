using System.Collections.Concurrent;
using System.Diagnostics;

namespace DurableObjects.Benchmarks.Load;

/// <summary>What the loops share: the client, the clock (started on construction), the outage, and what they
/// counted and were acknowledged.</summary>
public sealed class LoadState
{
    private readonly TimeSpan _duration;

    public LoadState(HttpClient http, TimeSpan duration, StorageOutage outage)
    {
        Http = http;
        _duration = duration;
        Outage = outage;
        Clock = Stopwatch.StartNew();
    }

    public HttpClient Http { get; }
    public StorageOutage Outage { get; }
    public Dictionary<LoadKind, KindStats> Stats { get; } = Enum.GetValues<LoadKind>().ToDictionary(k => k, _ => new KindStats());
    /// <summary>Each write answered 201: its summary and the version number it was given.</summary>
    public ConcurrentBag<(string Summary, int Number)> Acknowledged { get; } = new();
    public ConcurrentBag<string> RunIds { get; } = new();
    /// <summary>When (seconds into the load) each write was acknowledged.</summary>
    public ConcurrentBag<double> WriteSuccesses { get; } = new();
    public Stopwatch Clock { get; }

    /// <summary>Whether the loops should start another request.</summary>
    public bool Running() => Clock.Elapsed < _duration;
}
