using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Reliability;

/// <summary>
/// Safety tests for a storage outage: each test runs the real host against its own Azurite and freezes that process
/// (SIGSTOP) — connections still open, nothing answers — then thaws it (SIGCONT).
/// </summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    /// <summary>
    /// Storage:NetworkTimeout 2 s × 2 tries + back-off (about 4.5 s for the call that finds storage frozen), plus
    /// slack for a loaded two-core machine: a CI run with other test classes in parallel once took 8.05 s against an
    /// 8 s bound. Still far below what the SDK's defaults would take (100 s per try).
    /// </summary>
    private static readonly TimeSpan FastAnswer = TimeSpan.FromSeconds(12);

    private AzuriteInstance _storage = null!;
    private TestHost _host = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _storage = await AzuriteInstance.StartAsync();
        _host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = _storage.ConnectionString,
            ["Storage:NetworkTimeout"] = "00:00:02", // the host's default, which the test host raises
        });
        _admin = _host.Admin();
        _admin.Timeout = TimeSpan.FromSeconds(60);
    }

    public async Task DisposeAsync()
    {
        _storage.Thaw();
        await _host.DisposeAsync();
        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task AddVersion_StorageFrozen_Answers503WithRetryAfterFastThenSucceedsAfterThaw()
    {
        await _admin.CreateObjectAsync("Calculator");
        _storage.Freeze();

        var clock = Stopwatch.StartNew();
        var during = await _admin.PostAsJsonAsync("/api/objects/Calculator/versions", new { files = Api.Files(Changed(2)) });
        var elapsed = clock.Elapsed;
        var problem = await during.Content.ReadFromJsonAsync<JsonObject>();
        _storage.Thaw();
        var recovered = await RetryUntilCreatedAsync(() => _admin.PostAsJsonAsync("/api/objects/Calculator/versions", new { files = Api.Files(Changed(3)) }));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.True(elapsed < FastAnswer, $"The 503 took {elapsed}.");
        Assert.True(int.Parse(during.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("application/problem+json", during.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Storage unavailable", problem!["title"]!.GetValue<string>());
        Assert.True(recovered.Elapsed < TimeSpan.FromSeconds(15), $"Writes recovered only after {recovered.Elapsed}.");
    }

    [Fact]
    public async Task Invoke_StorageFrozen_KeepsServing()
    {
        await _admin.CreateObjectAsync("Calculator");
        await (await _admin.PostAsJsonAsync("/api/objects/Calculator/deploy", new { })).ExpectAsync(HttpStatusCode.OK);
        await (await InvokeAsync()).ExpectAsync(HttpStatusCode.OK);
        _storage.Freeze();

        var clock = Stopwatch.StartNew();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add(await InvokeAsync());
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal("42", await answers[^1].Content.ReadAsStringAsync());
        Assert.True(clock.Elapsed < FastAnswer, $"20 invocations took {clock.Elapsed}.");
    }

    [Fact]
    public async Task HealthReady_StorageFrozen_ReportsUnreadyWithinSecondsWhileLiveStaysHealthy()
    {
        var anonymous = _host.Anonymous();
        var readyBefore = await anonymous.GetAsync("/health/ready");
        _storage.Freeze();

        var clock = Stopwatch.StartNew();
        var readyDuring = await anonymous.GetAsync("/health/ready");
        var elapsed = clock.Elapsed;
        var liveDuring = await anonymous.GetAsync("/health/live");
        _storage.Thaw();
        var readyAfter = await anonymous.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, readyBefore.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyDuring.StatusCode);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"Readiness took {elapsed} to report the outage.");
        Assert.Equal(HttpStatusCode.OK, liveDuring.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyAfter.StatusCode);
    }

    private Task<HttpResponseMessage> InvokeAsync() =>
        _admin.PostAsJsonAsync("/api/objects/Calculator/invoke/Add", new { a = 40, b = 2 });

    /// <summary>Retries (as a client following Retry-After would, but faster) until 201.</summary>
    private static async Task<(HttpResponseMessage Response, TimeSpan Elapsed)> RetryUntilCreatedAsync(Func<Task<HttpResponseMessage>> send)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await send();
            if (response.StatusCode == HttpStatusCode.Created || clock.Elapsed > TimeSpan.FromSeconds(90))
            {
                return (response, clock.Elapsed);
            }
            await Task.Delay(250);
        }
    }

    private static string Changed(int n) => Api.CalculatorV1.Replace("a + b", $"a + b + {n} - {n}", StringComparison.Ordinal);
}
