using System.Collections.Concurrent;

namespace DurableObjects.Benchmarks.Load;

/// <summary>Counts and latencies of one kind of request: answers, errors (unexpected answers) and 503 fast-fails.</summary>
public sealed class KindStats
{
    private readonly ConcurrentBag<double> _latencies = new();
    private readonly ConcurrentBag<double> _unavailableLatencies = new();
    private int _ok;
    private int _errors;
    private int _unavailable;

    public int Ok => _ok;
    public int Errors => _errors;
    public int Unavailable => _unavailable;
    /// <summary>Each distinct error: how often, first and last seen (seconds into the run). Past 50 distinct ones, new
    /// ones are only counted in <see cref="Errors"/>.</summary>
    public ConcurrentDictionary<string, (int Count, double First, double Last)> ErrorKinds { get; } = new(StringComparer.Ordinal);

    public void RecordOk(TimeSpan latency)
    {
        Interlocked.Increment(ref _ok);
        _latencies.Add(latency.TotalMilliseconds);
    }

    public void RecordUnavailable(TimeSpan latency)
    {
        Interlocked.Increment(ref _unavailable);
        _unavailableLatencies.Add(latency.TotalMilliseconds);
    }

    public void RecordError(string what, TimeSpan at)
    {
        Interlocked.Increment(ref _errors);
        var seconds = at.TotalSeconds;
        if (ErrorKinds.Count < 50 || ErrorKinds.ContainsKey(what))
        {
            ErrorKinds.AddOrUpdate(what, (1, seconds, seconds),
                (_, e) => (e.Count + 1, Math.Min(e.First, seconds), Math.Max(e.Last, seconds)));
        }
    }

    public double Percentile(double p) => Percentile(_latencies, p);

    public double UnavailablePercentile(double p) => Percentile(_unavailableLatencies, p);

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
    }
}
