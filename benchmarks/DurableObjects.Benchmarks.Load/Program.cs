using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
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

foreach (var name in new[] { "Served", "Written", "Modified" })
{
    var files = name == "Modified" ? LoadObjectCode.CodeWithTests("") : LoadObjectCode.Code("");
    (await http.PostAsJsonAsync("/api/objects", new { name, description = "load", files })).EnsureSuccessStatusCode();
}
(await http.PostAsJsonAsync("/api/objects/Served/deploy", new { })).EnsureSuccessStatusCode();

var outage = new StorageOutage(seconds, outageSeconds);
var state = new LoadState(http, duration, outage);

Console.WriteLine($"Load: {seconds} s, storage outage {outageSeconds} s, {Environment.ProcessorCount} cores, {Environment.OSVersion}");
var workers = new List<Task>
{
    outage.RunAsync(storage, state.Clock), ReadLoop.RunAsync(state), ReadLoop.RunAsync(state),
    WriteLoop.RunAsync(state, 1), WriteLoop.RunAsync(state, 2), RunLoop.RunAsync(state),
};
workers.AddRange(Enumerable.Range(1, 4).Select(worker => InvokeLoop.RunAsync(state, worker)));
await Task.WhenAll(workers);
var elapsed = state.Clock.Elapsed;

var runs = await RunOutcomes.WaitAsync(http, state.RunIds);
var checks = await LoadChecks.RunAsync(state, runs);
LoadReport.Print(state, elapsed, runs, checks);
await app.StopAsync();
return checks.Failures.Count == 0 ? 0 : 1;
