using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using DurableObjects.Benchmarks.Http;
using DurableObjects.Functions;
using DurableObjects.Functions.Configuration;
using DurableObjects.Testing;

// Run: dotnet run -c Release --project benchmarks/DurableObjects.Benchmarks.Http -- [seconds-per-run] [deploys-per-series]
// Starts Azurite and the real host on Kestrel (loopback), deploys an object, then measures, in one run:
//   1. invoke over HTTP (host → cached deployment → this host's runner process) vs a plain minimal-API endpoint doing the same work in-process;
//   2. deploy latency with a cached artifact (deploy request → first invocation answered).
var seconds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10;
var duration = TimeSpan.FromSeconds(seconds);
var warmup = TimeSpan.FromSeconds(2);
var deployCount = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;

var connection = await Azurite.ConnectionStringAsync();
var prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
var tokenFile = Path.Combine(Path.GetTempPath(), prefix + ".token");
var port = Azurite.FreePort();
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
builder.AddDurableObjectsConfiguration();
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Storage:ConnectionString"] = connection,
    ["Storage:TablePrefix"] = prefix,
    ["Bootstrap:AdminTokenFile"] = tokenFile,
    ["Logging:LogLevel:Default"] = "Warning",
});
builder.AddDurableObjectsServices();
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
var app = builder.Build();
app.MapDurableObjects();
// The baseline: the same computation as the object's method, in the host process, behind the same server.
app.MapPost("/baseline/sum-of-squares", (SumRequest request) => Results.Json(Work.SumOfSquares(request.N)));
await app.StartAsync();

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await File.ReadAllTextAsync(tokenFile));

var code = """
    namespace Bench;

    /// <summary>A small computation for the invoke benchmark.</summary>
    public class Squares
    {
        /// <summary>1² + 2² + … + n².</summary>
        public long SumOfSquares(int n)
        {
            long sum = 0;
            for (var i = 1; i <= n; i++) { sum += (long)i * i; }
            return sum;
        }

        public string Tag() => "v1";
    }
    """;
(await http.PostAsJsonAsync("/api/objects", new { name = "Squares", files = new Dictionary<string, string> { ["Squares.cs"] = code } })).EnsureSuccessStatusCode();
(await http.PostAsJsonAsync("/api/objects/Squares/deploy", new { })).EnsureSuccessStatusCode();

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
Console.WriteLine($"load: closed loop, {seconds} s per run after {warmup.TotalSeconds:F0} s warm-up, client in the same process");
var body = "{\"n\":100}";
foreach (var clients in new[] { 1, 64 })
{
    var baseline = await LoadRun.RunAsync("baseline (in-process)", http,
        () => new HttpRequestMessage(HttpMethod.Post, "/baseline/sum-of-squares") { Content = new StringContent(body, Encoding.UTF8, "application/json") },
        clients, duration, warmup);
    var invoke = await LoadRun.RunAsync("invoke (runner process)", http,
        () => new HttpRequestMessage(HttpMethod.Post, "/api/objects/Squares/invoke/SumOfSquares") { Content = new StringContent(body, Encoding.UTF8, "application/json") },
        clients, duration, warmup);
    Console.WriteLine(baseline);
    Console.WriteLine(invoke);
    Console.WriteLine($"ratio invoke/baseline: throughput {invoke.RequestsPerSecond / baseline.RequestsPerSecond:F2}, p50 {invoke.P50Ms / baseline.P50Ms:F2}x");
}

// Deploy latency with a cached artifact: v1 and v2 are compiled when stored; each deploy starts a fresh runner.
(await http.PostAsJsonAsync("/api/objects/Squares/versions", new { files = new Dictionary<string, string> { ["Squares.cs"] = code.Replace("\"v1\"", "\"v2\"", StringComparison.Ordinal) } })).EnsureSuccessStatusCode();
// Two series in the same run: deploys one second apart (the spares have refilled, as between a person's or a
// pipeline's deploys), and back to back (each deploy right after the last one's first answer: faster than spares
// can be started on two cores, so most of these load into a runner still warming or a fresh one).
await DeploySeriesAsync("1 s apart", TimeSpan.FromSeconds(1));
await DeploySeriesAsync("back to back", TimeSpan.Zero);

async Task DeploySeriesAsync(string label, TimeSpan pause)
{
    var deploys = new List<double>();
    var deployOnly = new List<double>();
    for (var i = 0; i < deployCount + 2; i++)
    {
        await Task.Delay(pause);
        var version = i % 2 == 0 ? 2 : 1;
        var started = Stopwatch.GetTimestamp();
        (await http.PostAsJsonAsync("/api/objects/Squares/deploy", new { version })).EnsureSuccessStatusCode();
        var deployed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var answer = await http.PostAsync("/api/objects/Squares/invoke/Tag", new StringContent("{}", Encoding.UTF8, "application/json"));
        answer.EnsureSuccessStatusCode();
        if (i >= 2)
        {
            deploys.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            deployOnly.Add(deployed);
        }
    }
    deploys.Sort();
    deployOnly.Sort();
    Console.WriteLine($"deploy with cached artifact, {label} → first answer: p50={deploys[deploys.Count / 2]:F1} ms  min={deploys[0]:F1} ms  max={deploys[^1]:F1} ms  (n={deploys.Count}); the deploy request alone: p50={deployOnly[deployOnly.Count / 2]:F1} ms");
}

await app.StopAsync();

internal sealed record SumRequest(int N);

internal static class Work
{
    public static long SumOfSquares(int n)
    {
        long sum = 0;
        for (var i = 1; i <= n; i++)
        {
            sum += (long)i * i;
        }
        return sum;
    }
}
