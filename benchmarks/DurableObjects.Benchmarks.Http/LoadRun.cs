using System.Diagnostics;

namespace DurableObjects.Benchmarks.Http;

/// <summary>Closed-loop load: <c>clients</c> callers each send the next request when the last answered, for a fixed time.</summary>
public static class LoadRun
{
    public sealed record Result(string Name, int Clients, long Requests, long Errors, double Seconds, double P50Ms, double P99Ms)
    {
        public double RequestsPerSecond => Requests / Seconds;

        public override string ToString() =>
            $"{Name,-28} clients={Clients,3}  requests/s={RequestsPerSecond,8:F0}  p50={P50Ms,6:F3} ms  p99={P99Ms,7:F3} ms  errors={Errors}";
    }

    public static async Task<Result> RunAsync(string name, HttpClient client, Func<HttpRequestMessage> request, int clients, TimeSpan duration, TimeSpan warmup)
    {
        await DriveAsync(client, request, clients, warmup, null);
        var latencies = new List<double>[clients];
        for (var i = 0; i < clients; i++)
        {
            latencies[i] = new List<double>(100_000);
        }
        var clock = Stopwatch.StartNew();
        var errors = await DriveAsync(client, request, clients, duration, latencies);
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(name, clients, all.Length, errors, seconds, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static async Task<long> DriveAsync(HttpClient client, Func<HttpRequestMessage> request, int clients, TimeSpan duration, List<double>[]? latencies)
    {
        long errors = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request());
                await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
                latencies?[i].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        return errors;
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
