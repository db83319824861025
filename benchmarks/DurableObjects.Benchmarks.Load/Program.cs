using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Benchmarks.Load;
using DurableObjects.Functions;
using DurableObjects.Functions.Configuration;
using DurableObjects.Testing;

// Run: dotnet run -c Release --project benchmarks/DurableObjects.Benchmarks.Load -- [seconds=60] [outage-seconds=0]
// Starts a private Azurite and the real host on Kestrel (loopback only), then for `seconds` mixes invocations of a
// deployed object, reads, writes (new versions, each with its own Idempotency-Key, retried with the same key after a
// 503) and manual modification runs (files and a test supplied: no model; one at a time on their object). With outage-seconds > 0, storage is frozen
// (SIGSTOP) for that long in the middle of the run. Afterwards it checks every version number is contiguous and used
// once, every acknowledged write is there exactly once, and every run succeeded. Exit code 1 when a check fails.
var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
var outageSeconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 0;
var duration = TimeSpan.FromSeconds(seconds);

await using var storage = await AzuriteInstance.StartAsync();
// A fresh node process can take seconds to answer its first request on a loaded machine: wait for it with the SDK's
// default (long) timeouts, so the host, whose storage tries are bounded at 2 s, starts against a warm emulator.
await new Azure.Data.Tables.TableClient(storage.ConnectionString, "warmup").CreateIfNotExistsAsync();
var prefix = "load" + Guid.NewGuid().ToString("N")[..8];
var tokenFile = Path.Combine(Path.GetTempPath(), prefix + ".token");
var port = Azurite.FreePort();
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
builder.AddDurableObjectsConfiguration();
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Storage:ConnectionString"] = storage.ConnectionString,
    ["Storage:TablePrefix"] = prefix,
    ["Bootstrap:AdminTokenFile"] = tokenFile,
    ["Logging:LogLevel:Default"] = "Error",
});
builder.AddDurableObjectsServices();
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
var app = builder.Build();
app.MapDurableObjects();
await app.StartAsync();

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
{
    BaseAddress = new Uri($"http://127.0.0.1:{port}"),
    Timeout = TimeSpan.FromSeconds(60),
};
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await File.ReadAllTextAsync(tokenFile));

static Dictionary<string, string> Code(string body) => new()
{
    ["Counter.cs"] = $$"""
        namespace Load;

        /// <summary>A small object for the load benchmark.</summary>
        public class Counter
        {
            /// <summary>The sum of two numbers.</summary>
            public int Add(int a, int b) => a + b{{body}};
        }
        """,
};

// A run's candidate must ship tests (the tests gate), so the object the runs change carries one. The written object
// does not: kept tests would make every direct write run them too, which is not what the write loop measures.
static Dictionary<string, string> CodeWithTests(string body) => new(Code(body))
{
    ["Tests/CounterTests.cs"] = """
        namespace Load;

        public class CounterTests
        {
            public bool AddsNumbers() => new Counter().Add(2, 3) == 5;
        }
        """,
};

foreach (var name in new[] { "Served", "Written", "Modified" })
{
    var files = name == "Modified" ? CodeWithTests("") : Code("");
    (await http.PostAsJsonAsync("/api/objects", new { name, description = "load", files })).EnsureSuccessStatusCode();
}
(await http.PostAsJsonAsync("/api/objects/Served/deploy", new { })).EnsureSuccessStatusCode();

var stats = Enum.GetValues<LoadKind>().ToDictionary(k => k, _ => new KindStats());
var acknowledged = new ConcurrentBag<(string Summary, int Number)>();
var runIds = new ConcurrentBag<string>();
var writeSuccesses = new ConcurrentBag<double>();
var clock = Stopwatch.StartNew();
var outageStart = outageSeconds > 0 ? TimeSpan.FromSeconds((seconds - outageSeconds) / 2.0) : TimeSpan.MaxValue;
var outageEnd = outageStart + TimeSpan.FromSeconds(outageSeconds);
bool Running() => clock.Elapsed < duration;
bool InOutage(TimeSpan at) => at >= outageStart - TimeSpan.FromSeconds(1) && at <= outageEnd + TimeSpan.FromSeconds(10);

async Task InvokeLoopAsync(int worker)
{
    var i = 0;
    while (Running())
    {
        var started = clock.Elapsed;
        try
        {
            var response = await http.PostAsJsonAsync("/api/objects/Served/invoke/Add", new { a = worker, b = ++i });
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK && body == (worker + i).ToString(CultureInfo.InvariantCulture))
            {
                stats[LoadKind.Invoke].RecordOk(clock.Elapsed - started);
            }
            else
            {
                stats[LoadKind.Invoke].RecordError($"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 200)]}", started);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            stats[LoadKind.Invoke].RecordError(e.GetType().Name, started);
        }
    }
}

async Task ReadLoopAsync()
{
    var i = 0;
    while (Running())
    {
        var started = clock.Elapsed;
        var path = i++ % 2 == 0 ? "/api/objects/Written" : "/api/objects/Written/versions?pageSize=5";
        try
        {
            var response = await http.GetAsync(path);
            await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                stats[LoadKind.Read].RecordOk(clock.Elapsed - started);
            }
            else if (response.StatusCode == HttpStatusCode.ServiceUnavailable && InOutage(started))
            {
                stats[LoadKind.Read].RecordUnavailable(clock.Elapsed - started);
                await Task.Delay(200);
            }
            else
            {
                stats[LoadKind.Read].RecordError($"{(int)response.StatusCode}", started);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            stats[LoadKind.Read].RecordError(e.GetType().Name, started);
        }
    }
}

// One logical create: the same Idempotency-Key until it is answered, as a careful client would.
async Task<HttpResponseMessage?> CreateAsync(LoadKind kind, string path, object body)
{
    var key = Guid.NewGuid().ToString();
    var give = clock.Elapsed + TimeSpan.FromSeconds(90);
    while (clock.Elapsed < give)
    {
        var started = clock.Elapsed;
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            stats[kind].RecordError(e.GetType().Name, started);
            continue;
        }
        if (response.IsSuccessStatusCode)
        {
            stats[kind].RecordOk(clock.Elapsed - started);
            return response;
        }
        if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict && response.Headers.RetryAfter is not null)
        {
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                stats[kind].RecordUnavailable(clock.Elapsed - started);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            continue;
        }
        stats[kind].RecordError($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}", started);
        return null;
    }
    stats[kind].RecordError("gave up after 90 s", clock.Elapsed);
    return null;
}

async Task WriteLoopAsync(int worker)
{
    var i = 0;
    while (Running())
    {
        var summary = $"w{worker}-{++i}";
        var response = await CreateAsync(LoadKind.Write, "/api/objects/Written/versions",
            new { files = Code($" + {worker * 100000 + i} - {worker * 100000 + i}"), summary });
        if (response is not null)
        {
            var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            acknowledged.Add((summary, created["number"]!.GetValue<int>()));
            writeSuccesses.Add(clock.Elapsed.TotalSeconds);
        }
    }
}

// One run at a time on the object, each started when the one before has ended (and at most every 2 s): a run commits
// only on top of the version it was made from, so a second run overlapping the first would be refused by design.
async Task RunLoopAsync()
{
    var i = 0;
    while (Running())
    {
        var next = Task.Delay(TimeSpan.FromSeconds(2));
        var response = await CreateAsync(LoadKind.Run, "/api/objects/Modified/modifications", new
        {
            files = CodeWithTests($" + {++i} - {i}"),
            summary = $"r-{i}",
            requireApproval = false,
            deploy = false,
        });
        if (response is not null)
        {
            var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["runId"]!.GetValue<string>();
            runIds.Add(id);
            await RunEndedAsync(id);
        }
        await next;
    }
}

// Polls the run until it ends (storage may be frozen meanwhile: failed reads are tried again) or three minutes pass.
async Task RunEndedAsync(string id)
{
    var give = Stopwatch.StartNew();
    while (give.Elapsed < TimeSpan.FromMinutes(3))
    {
        try
        {
            var response = await http.GetAsync($"/api/runs/{id}");
            if (response.IsSuccessStatusCode
                && (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>() is not ("running" or "awaiting_approval"))
            {
                return;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Storage frozen or the host busy: look again.
        }
        await Task.Delay(TimeSpan.FromMilliseconds(250));
    }
}

async Task OutageAsync()
{
    if (outageSeconds <= 0)
    {
        return;
    }
    await Task.Delay(outageStart);
    storage.Freeze();
    Console.WriteLine($"[{clock.Elapsed.TotalSeconds:F1}s] storage frozen");
    await Task.Delay(TimeSpan.FromSeconds(outageSeconds));
    storage.Thaw();
    Console.WriteLine($"[{clock.Elapsed.TotalSeconds:F1}s] storage thawed");
}

Console.WriteLine($"Load: {seconds} s, storage outage {outageSeconds} s, {Environment.ProcessorCount} cores, {Environment.OSVersion}");
var workers = new List<Task> { OutageAsync(), ReadLoopAsync(), ReadLoopAsync(), WriteLoopAsync(1), WriteLoopAsync(2), RunLoopAsync() };
workers.AddRange(Enumerable.Range(1, 4).Select(InvokeLoopAsync));
await Task.WhenAll(workers);
var elapsed = clock.Elapsed;

// Every run must reach a final status, and succeed: a durable run waits out a storage outage.
var final = new Dictionary<string, string>();
var reasons = new Dictionary<string, string>();
var runDeadline = Stopwatch.StartNew();
while (final.Count < runIds.Count && runDeadline.Elapsed < TimeSpan.FromMinutes(3))
{
    foreach (var id in runIds.Where(id => !final.ContainsKey(id)))
    {
        var response = await http.GetAsync($"/api/runs/{id}");
        if (!response.IsSuccessStatusCode)
        {
            continue;
        }
        var run = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        if (run["status"]!.GetValue<string>() is var status and not ("running" or "awaiting_approval"))
        {
            final[id] = status;
            reasons[id] = run["reason"]?.GetValue<string>() ?? "";
        }
    }
    await Task.Delay(500);
}

async Task<List<JsonNode>> VersionsAsync(string name)
{
    var all = new List<JsonNode>();
    string? token = null;
    do
    {
        var page = (await http.GetFromJsonAsync<JsonObject>(
            $"/api/objects/{name}/versions?pageSize=200" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token))))!;
        all.AddRange(page["items"]!.AsArray().Select(v => v!));
        token = page["continuationToken"]?.GetValue<string>();
    } while (token is not null);
    return all;
}

var failures = new List<string>();
foreach (var name in new[] { "Written", "Modified" })
{
    var numbers = (await VersionsAsync(name)).Select(v => v["number"]!.GetValue<int>()).Order().ToList();
    if (!numbers.SequenceEqual(Enumerable.Range(1, numbers.Count)))
    {
        failures.Add($"{name}: version numbers are not 1..{numbers.Count} each once: {string.Join(",", numbers)}");
    }
}
var written = await VersionsAsync("Written");
var bySummary = written.GroupBy(v => v["summary"]?.GetValue<string>() ?? "").ToDictionary(g => g.Key, g => g.Count());
var duplicated = bySummary.Where(kv => kv.Key.StartsWith('w') && kv.Value > 1).Select(kv => kv.Key).ToList();
var lost = acknowledged.Where(a => !bySummary.ContainsKey(a.Summary)).Select(a => a.Summary).ToList();
var unacknowledged = bySummary.Keys.Where(s => s.StartsWith('w') && acknowledged.All(a => a.Summary != s)).ToList();
if (duplicated.Count > 0) failures.Add($"writes applied twice: {string.Join(",", duplicated)}");
if (lost.Count > 0) failures.Add($"acknowledged writes missing: {string.Join(",", lost)}");
if (unacknowledged.Count > 0) failures.Add($"writes present but never acknowledged: {string.Join(",", unacknowledged)}");
if (final.Count < runIds.Count) failures.Add($"{runIds.Count - final.Count} of {runIds.Count} runs did not finish");
if (final.FirstOrDefault(f => f.Value != "succeeded") is { Key: not null } notSucceeded)
{
    failures.Add($"{final.Count(f => f.Value != "succeeded")} run(s) did not succeed; {notSucceeded.Key} {notSucceeded.Value}: {reasons[notSucceeded.Key]}");
}
if (stats[LoadKind.Invoke].Errors > 0) failures.Add($"{stats[LoadKind.Invoke].Errors} invocation errors");
if (outageSeconds == 0 && stats.Values.Any(s => s.Errors > 0 || s.Unavailable > 0)) failures.Add("errors without an outage");

var thawAt = outageEnd.TotalSeconds;
var recovery = outageSeconds > 0 && writeSuccesses.Any(t => t >= thawAt) ? writeSuccesses.Where(t => t >= thawAt).Min() - thawAt : double.NaN;
Console.WriteLine();
Console.WriteLine($"| kind | ok | throughput (/s) | p50 (ms) | p99 (ms) | errors | 503 (fast-fail) | 503 p99 (ms) |");
Console.WriteLine($"|---|---:|---:|---:|---:|---:|---:|---:|");
foreach (var (kind, s) in stats)
{
    Console.WriteLine(FormattableString.Invariant(
        $"| {kind} | {s.Ok} | {s.Ok / elapsed.TotalSeconds:F1} | {s.Percentile(50):F0} | {s.Percentile(99):F0} | {s.Errors} | {s.Unavailable} | {(s.Unavailable == 0 ? "—" : s.UnavailablePercentile(99).ToString("F0", CultureInfo.InvariantCulture))} |"));
}
Console.WriteLine();
Console.WriteLine(FormattableString.Invariant(
    $"Versions written: {written.Count - 1} (acknowledged {acknowledged.Count}); runs: {runIds.Count} started, {final.Count} finished ({string.Join(", ", final.Values.GroupBy(v => v).Select(g => $"{g.Key} {g.Count()}"))})"));
if (outageSeconds > 0)
{
    Console.WriteLine(FormattableString.Invariant($"First write acknowledged {recovery:F1} s after storage came back."));
}
foreach (var (kind, s) in stats)
{
    foreach (var (what, (count, first, last)) in s.ErrorKinds.OrderByDescending(e => e.Value.Count))
    {
        Console.WriteLine(FormattableString.Invariant($"  {kind} error, {count}x between {first:F1} s and {last:F1} s: {what}"));
    }
}
Console.WriteLine(failures.Count == 0 ? "Checks: all passed." : "Checks FAILED:\n  " + string.Join("\n  ", failures));
await app.StopAsync();
return failures.Count == 0 ? 0 : 1;
