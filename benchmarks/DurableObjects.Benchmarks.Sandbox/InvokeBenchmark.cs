using System.Diagnostics;
using DurableObjects.Sandbox.Compiling;
using DurableObjects.Sandbox.Runners;

namespace DurableObjects.Benchmarks.Sandbox;

/// <summary>
/// Invocations through <see cref="RunnerClient"/> into a real runner process at a fixed number of concurrent callers:
/// throughput and latency percentiles. This is the runner's share of the HTTP invoke path.
/// </summary>
internal static class InvokeBenchmark
{
    public static async Task RunAsync(int[] concurrencies, TimeSpan duration)
    {
        var compiled = new ObjectCompiler().Compile(new Dictionary<string, string> { ["Cart.cs"] = SampleObject.Code });
        var options = new RunnerOptions { IdleTimeout = TimeSpan.Zero };
        await using var client = new RunnerClient(RunnerDeployment.From("cart", compiled), options);

        var watch = Stopwatch.StartNew();
        var start = await client.StartAsync();
        Console.WriteLine($"invoke: runner start + load {watch.Elapsed.TotalMilliseconds:F0} ms ({start.Status}, network isolated: {client.NetworkIsolated})");

        await Measure(client, 64, TimeSpan.FromSeconds(2)); // JIT and tiering warm-up
        foreach (var concurrency in concurrencies)
        {
            var (count, latencies) = await Measure(client, concurrency, duration);
            latencies.Sort();
            Console.WriteLine($"invoke: {concurrency} concurrent callers, {count / duration.TotalSeconds:F0} invocations/s, " +
                              $"p50 {Percentile(latencies, 0.5):F3} ms, p99 {Percentile(latencies, 0.99):F3} ms " +
                              "(targets: >= 5000/s, p50 <= 1 ms)");
        }
    }

    private static async Task<(long Count, List<double> Latencies)> Measure(RunnerClient client, int concurrency,
        TimeSpan duration)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perWorker = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var latencies = new List<double>();
            var i = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                var outcome = await client.InvokeAsync("Add", $$"""{"a":{{worker}},"b":{{i++}}}""");
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!outcome.IsOk)
                {
                    throw new InvalidOperationException($"{outcome.Status}: {outcome.Message}");
                }
            }

            return latencies;
        }));
        var all = perWorker.SelectMany(l => l).ToList();
        return (all.Count, all);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];
}
