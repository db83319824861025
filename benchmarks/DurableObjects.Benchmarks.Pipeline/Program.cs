using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.AI.Configuration;
using DurableObjects.Benchmarks.Pipeline;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

// Run: dotnet run -c Release --project benchmarks/DurableObjects.Benchmarks.Pipeline -- [sequential-runs] [concurrent-runs]
// Starts Azurite and the real host (test server) with an instant scripted model, then measures:
//   1. request → new version deployed, one run at a time on one ~100-line object (p50/p95/max), taken from the deploy
//      step's completion on the host's clock; the client polls the run every 50 ms to see it end (the run's event
//      stream polls every 250 ms; at 5 ms the client's own reads were most of Azurite's requests during a run);
//   2. N concurrent runs on N objects: all complete, none lost; runs/s. One client watches them all through the run list
//      (GET /api/runs, one table query) every 250 ms: N clients each reading its run's details every 250 ms were 4N
//      requests a second of a row read and a steps query each, against the one Azurite the engine itself needs —
//      measuring the clients more than the runs.
// Environment: BENCH_SET="key=value;key=value" overrides host settings (e.g. DurableObjects:Pipeline:MaxMutants=0);
// BENCH_TIMELINE=1 prints each sequential run's steps (start offset from the request + duration, ms), and when each kind
// of step started and completed across the concurrent burst (p10/p50/p90 seconds after its first request);
// BENCH_PAUSE_MS=N waits N ms after each sequential run before the next request (default 0: back to back);
// BENCH_WARMUP=N runs N sequential runs before measuring (default 2; the host's tiered JIT settles after ~60).
// Each phase also prints its CPU per run (host, runner processes, Azurite, the rest), how busy the cores were and how
// much of the machine's time the hypervisor gave to other guests (steal; Linux /proc, see CpuMeter).
// BENCH_INFLIGHT=N keeps at most N of the concurrent runs in flight from the client (default: all at once).
// BENCH_HISTORY=N stores N rows of earlier orchestrations' engine history (and their instance rows) before the concurrent
// phase, as a day of earlier runs leaves them (EngineHistory; default 0: the task hub holds only this benchmark's runs).
var sequential = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var concurrent = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
var sequentialPoll = TimeSpan.FromMilliseconds(50);
var concurrentPoll = TimeSpan.FromMilliseconds(250);
var pause = TimeSpan.FromMilliseconds(int.Parse(Environment.GetEnvironmentVariable("BENCH_PAUSE_MS") ?? "0", CultureInfo.InvariantCulture));
var warmups = int.Parse(Environment.GetEnvironmentVariable("BENCH_WARMUP") ?? "2", CultureInfo.InvariantCulture);

using var models = new InstantModels();
var benchSettings = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error" };
foreach (var pair in (Environment.GetEnvironmentVariable("BENCH_SET") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
{
    benchSettings[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
}
await using var host = await TestHost.StartAsync(settings: benchSettings,
    services: s => s.AddSingleton<IChatClientFactory>(models));
var http = host.Admin();

async Task CreateAsync(string name)
{
    var files = new Dictionary<string, string> { ["Ledger.cs"] = LedgerSource.Code(name, 1), ["Tests/LedgerTests.cs"] = LedgerSource.Tests() };
    var created = await http.PostAsJsonAsync("/api/objects", new { name, description = "bench", files });
    created.EnsureSuccessStatusCode();
}

var stepTimes = new Dictionary<string, List<double>>();
var overheads = new List<double>();

// Returns the run's status, request -> deployed (the deploy step's completion, on the host's clock: the host runs in
// this process, so both sides read one clock), and request -> succeeded as this client saw it by polling.
async Task<(string Status, double DeployedMs, double SeenMs)> RunOnceAsync(string name, TimeSpan poll)
{
    var requested = DateTimeOffset.UtcNow;
    var clock = Stopwatch.StartNew();
    var started = await http.PostAsJsonAsync($"/api/objects/{name}/modifications", new { prompt = "Bump the revision." });
    started.EnsureSuccessStatusCode();
    var id = (await started.Content.ReadFromJsonAsync<JsonObject>())!["runId"]!.GetValue<string>();
    while (true)
    {
        var run = (await http.GetFromJsonAsync<JsonObject>($"/api/runs/{id}"))!;
        var status = run["status"]!.GetValue<string>();
        if (status is "succeeded" or "rejected" or "failed" or "cancelled")
        {
            lock (stepTimes)
            {
                foreach (var timing in run["iterations"]!.AsArray().Select(i => i!["gateTimings"]!.AsObject()))
                {
                    foreach (var (key, value) in timing)
                    {
                        (stepTimes.TryGetValue("gates:" + key, out var list) ? list : stepTimes["gates:" + key] = []).Add(value?.GetValue<double>() ?? 0);
                    }
                }
                foreach (var step in run["steps"]!.AsArray())
                {
                    var key = step!["name"]!.GetValue<string>();
                    (stepTimes.TryGetValue(key, out var list) ? list : stepTimes[key] = []).Add(step["durationMs"]!.GetValue<double>());
                }
                // The engine's share: the run's time minus its steps' critical path (parallel gates and judges count
                // once, at their longest), i.e. the queue hops, history reads and writes between activities.
                var critical = run["steps"]!.AsArray()
                    .GroupBy(s => FanGroup(s!["name"]!.GetValue<string>()))
                    .Sum(g => g.Key is null ? g.Sum(s => s!["durationMs"]!.GetValue<double>()) : g.Max(s => s!["durationMs"]!.GetValue<double>()));
                overheads.Add(clock.Elapsed.TotalMilliseconds - critical);
                if (Environment.GetEnvironmentVariable("BENCH_TIMELINE") is { Length: > 0 })
                {
                    var created = run["createdAt"]!.GetValue<DateTimeOffset>();
                    Console.WriteLine($"timeline total {clock.Elapsed.TotalMilliseconds:0}: " + string.Join(" | ", run["steps"]!.AsArray().Select(s =>
                        $"{s!["name"]} {(s["startedAt"]!.GetValue<DateTimeOffset>() - created).TotalMilliseconds:0}+{s["durationMs"]!.GetValue<double>():0}")));
                }
            }
            var deploy = run["steps"]!.AsArray().LastOrDefault(step => step!["name"]!.GetValue<string>() == "deploy");
            var deployedMs = deploy is null ? double.NaN : (deploy["completedAt"]!.GetValue<DateTimeOffset>() - requested).TotalMilliseconds;
            return (status, deployedMs, clock.Elapsed.TotalMilliseconds);
        }
        await Task.Delay(poll);
    }
}

// Steps that run in parallel share a group ("gate-1-", "judge-1-"); every other step is its own (null).
static string? FanGroup(string step) =>
    step.StartsWith("gate-", StringComparison.Ordinal) || step.StartsWith("judge-", StringComparison.Ordinal) ? string.Join('-', step.Split('-').Take(2)) : null;

static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

// 1. Sequential: latency of one run (after the warm-up runs).
await CreateAsync("ledger000");
for (var i = 0; i < warmups; i++)
{
    await RunOnceAsync("ledger000", sequentialPoll);
}
// What the warm-up runs took is not measured.
stepTimes.Clear();
overheads.Clear();
var latencies = new List<double>();
var seen = new List<double>();
var sequentialCpu = CpuMeter.Take();
for (var i = 0; i < sequential; i++)
{
    await Task.Delay(pause);
    var (status, deployedMs, seenMs) = await RunOnceAsync("ledger000", sequentialPoll);
    if (status != "succeeded")
    {
        throw new InvalidOperationException($"A sequential run ended {status}.");
    }
    latencies.Add(deployedMs);
    seen.Add(seenMs);
}
Console.WriteLine("sequential, " + CpuMeter.Describe(sequentialCpu, CpuMeter.Take(), sequential));
latencies.Sort();
seen.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"sequential: {sequential} runs after {warmups} warm-up runs,{(pause > TimeSpan.Zero ? $" each {pause.TotalMilliseconds:0} ms after the last" : " back to back")}, request -> version deployed (deploy step done): p50 {Percentile(latencies, 0.5):0} ms, p95 {Percentile(latencies, 0.95):0} ms, max {latencies[^1]:0} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"sequential: request -> run seen succeeded by the client (polling every {sequentialPoll.TotalMilliseconds:0} ms): p50 {Percentile(seen, 0.5):0} ms, p95 {Percentile(seen, 0.95):0} ms, max {seen[^1]:0} ms"));

Console.WriteLine("sequential, median per step (ms): " + string.Join(", ",
    stepTimes.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value.Order().ElementAt(s.Value.Count / 2):0}"))));
var engine = overheads.Order().ToList();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"sequential, engine overhead (request -> deployed minus the steps' critical path): p50 {Percentile(engine, 0.5):0} ms, p95 {Percentile(engine, 0.95):0} ms"));
stepTimes.Clear();

// 2. Concurrent: N runs on N objects at once.
if (concurrent == 0)
{
    return;
}
if (int.TryParse(Environment.GetEnvironmentVariable("BENCH_HISTORY"), out var historyRows) && historyRows > 0)
{
    var filling = Stopwatch.StartNew();
    await EngineHistory.AddAsync(host.ConnectionString, "dt" + host.Prefix, historyRows);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"concurrent: {historyRows} rows of earlier orchestrations' history stored ({filling.Elapsed.TotalSeconds:0} s)"));
}
var names = Enumerable.Range(1, concurrent).Select(i => $"ledger{i:000}").ToList();
foreach (var name in names)
{
    await CreateAsync(name);
}
var reference = await ReferenceWork.BestMillisecondsAsync();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"concurrent: {concurrent} objects created; the machine's reference work took {reference?.ToString(CultureInfo.InvariantCulture) ?? "?"} ms (ReferenceWork; lower is faster); starting {concurrent} runs"));
var burstCpu = CpuMeter.Take();
var burstStarted = DateTimeOffset.UtcNow;
var wall = Stopwatch.StartNew();
async Task<string> StartRunAsync(string name)
{
    var started = await http.PostAsJsonAsync($"/api/objects/{name}/modifications", new { prompt = "Bump the revision." });
    started.EnsureSuccessStatusCode();
    return (await started.Content.ReadFromJsonAsync<JsonObject>())!["runId"]!.GetValue<string>();
}
var inFlight = int.TryParse(Environment.GetEnvironmentVariable("BENCH_INFLIGHT"), out var limit) && limit > 0 ? limit : concurrent;
var ids = new List<string>(await Task.WhenAll(names.Take(inFlight).Select(StartRunAsync)));
var ended = new Dictionary<string, (string Status, double SeenMs)>(StringComparer.Ordinal);
while (ended.Count < concurrent)
{
    if (ids.Count < concurrent && ids.Count - ended.Count < inFlight)
    {
        ids.AddRange(await Task.WhenAll(names.Skip(ids.Count).Take(inFlight - (ids.Count - ended.Count)).Select(StartRunAsync)));
    }
    await Task.Delay(concurrentPoll);
    var list = (await http.GetFromJsonAsync<JsonObject>("/api/runs?limit=200"))!;
    foreach (var run in list["items"]!.AsArray())
    {
        var (id, status) = (run!["runId"]!.GetValue<string>(), run["status"]!.GetValue<string>());
        if (status is "succeeded" or "rejected" or "failed" or "cancelled" && ids.Contains(id) && !ended.ContainsKey(id))
        {
            ended[id] = (status, wall.Elapsed.TotalMilliseconds);
        }
    }
}
wall.Stop();
var burstCpuText = CpuMeter.Describe(burstCpu, CpuMeter.Take(), concurrent);
var results = ended.Values.ToList();
var succeeded = results.Count(r => r.Status == "succeeded");
var versions = 0;
foreach (var name in names)
{
    var info = (await http.GetFromJsonAsync<JsonObject>($"/api/objects/{name}"))!;
    versions += info["deployments"]?["production"]?["version"]?.GetValue<int>() == 2 ? 1 : 0;
}
var each = results.Select(r => r.SeenMs).Order().ToList();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"concurrent: {concurrent} runs on {concurrent} objects: {succeeded} succeeded, {versions} deployed at v2, {concurrent - succeeded} lost/failed; " +
    $"wall {wall.Elapsed.TotalSeconds:0.0} s = {concurrent / wall.Elapsed.TotalSeconds:0.00} runs/s; per run p50 {Percentile(each, 0.5):0} ms, max {each[^1]:0} ms"));
Console.WriteLine("concurrent, " + burstCpuText);
if (ended.FirstOrDefault(e => e.Value.Status != "succeeded") is { Key: { } failedId })
{
    var failed = (await http.GetFromJsonAsync<JsonObject>($"/api/runs/{failedId}"))!;
    Console.WriteLine($"concurrent: run {failedId} ended {failed["status"]}: {failed["reason"]}");
}
if (Environment.GetEnvironmentVariable("BENCH_TIMELINE") is { Length: > 0 })
{
    // When each kind of step started and completed across the burst (seconds after the first request; p10/p50/p90):
    // shows whether runs move through the pipeline together or one after another, and where the tail goes.
    var offsets = new Dictionary<string, (List<double> Started, List<double> Completed)>(StringComparer.Ordinal);
    foreach (var id in ids)
    {
        var run = (await http.GetFromJsonAsync<JsonObject>($"/api/runs/{id}"))!;
        foreach (var step in run["steps"]!.AsArray())
        {
            var name = step!["name"]!.GetValue<string>();
            var (started, completed) = offsets.TryGetValue(name, out var found) ? found : offsets[name] = ([], []);
            started.Add((step["startedAt"]!.GetValue<DateTimeOffset>() - burstStarted).TotalSeconds);
            completed.Add((step["completedAt"]!.GetValue<DateTimeOffset>() - burstStarted).TotalSeconds);
        }
    }
    foreach (var (started, completed) in offsets.Values)
    {
        started.Sort();
        completed.Sort();
    }
    foreach (var (name, (started, completed)) in offsets.OrderBy(o => Percentile(o.Value.Completed, 0.5)))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"concurrent timeline: {name,-24} started {Percentile(started, 0.1):0.0}/{Percentile(started, 0.5):0.0}/{Percentile(started, 0.9):0.0} s, completed {Percentile(completed, 0.1):0.0}/{Percentile(completed, 0.5):0.0}/{Percentile(completed, 0.9):0.0} s"));
    }
}

