using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableObjects.Functions.Triggers;
using DurableObjects.Orchestrations.Engine;
using DurableObjects.Orchestrations.Monitors;
using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Testing;
using DurableObjects.Testing.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DurableObjects.Functions.IntegrationTests.FunctionsApp;

/// <summary>
/// Function methods called as the Functions host would call them — a request it hands over (here a
/// <see cref="DefaultHttpContext"/>) and a <c>[DurableClient]</c> (here a recording client) — reach the same
/// handlers, authorization and storage as standalone mode, and start orchestrations through the bound client.
/// </summary>
public sealed class FunctionsDirectCallTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private HttpGateway _gateway = null!;
    private RecordingDurableClient _client = null!;

    public async Task InitializeAsync()
    {
        // Standalone's own monitor timer off the test's way (a yearly tick): monitor ticks are claimed once in storage,
        // and the timer function below must claim the tick it names, not find it taken.
        _host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["DurableObjects:Monitors:Schedule"] = "0 0 0 1 1 *",
            [MonitorFunctions.ScheduleSetting] = "*/30 * * * * *",
        });
        _gateway = new HttpGateway(_host.Services);
        _client = RecordingDurableClient.Create();
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _host.DisposeAsync();
    }

    private DefaultHttpContext Request(string method, string path, object? body = null, string? token = null)
    {
        var http = new DefaultHttpContext { RequestServices = _host.Services };
        http.Request.Method = method;
        http.Request.Path = path;
        http.Request.Scheme = "https";
        http.Request.Host = new HostString("durableobjects.azurewebsites.net");
        if (token is not null)
        {
            http.Request.Headers.Authorization = "Bearer " + token;
        }
        if (body is not null)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Api.Json);
            http.Request.ContentType = "application/json";
            http.Request.ContentLength = bytes.Length;
            http.Request.Body = new MemoryStream(bytes);
            // A server says whether a request can carry a body; the Functions host's request does, DefaultHttpContext not.
            http.Features.Set<IHttpRequestBodyDetectionFeature>(new HasBody());
        }
        http.Response.Body = new MemoryStream();
        return http;
    }

    private sealed class HasBody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }

    private static JsonObject Body(HttpContext http)
    {
        http.Response.Body.Position = 0;
        return JsonNode.Parse(new StreamReader(http.Response.Body, Encoding.UTF8).ReadToEnd())!.AsObject();
    }

    [Fact]
    public async Task ObjectsCreate_WithTheAdminToken_CreatesTheObjectStandaloneServes()
    {
        var http = Request("POST", "/api/objects", new { name = "Calculator", files = Api.Files() }, _host.AdminToken);

        await new ObjectsFunctions(_gateway).ObjectsCreate(http.Request, _client);

        var created = Body(http);
        Assert.True(http.Response.StatusCode == StatusCodes.Status201Created, $"{http.Response.StatusCode}: {created.ToJsonString()}");
        Assert.Equal(1, created["currentVersion"]!.GetValue<int>());
        var served = await _host.Admin().GetJsonAsync("/api/objects/Calculator");
        Assert.Equal("admin", served["owner"]!.GetValue<string>());
    }

    [Fact]
    public async Task ObjectsCreate_WithoutAToken_Is401AndCreatesNothing()
    {
        var http = Request("POST", "/api/objects", new { name = "Calculator", files = Api.Files() });

        await new ObjectsFunctions(_gateway).ObjectsCreate(http.Request, _client);

        Assert.Equal(StatusCodes.Status401Unauthorized, http.Response.StatusCode);
        var missing = await _host.Admin().GetAsync("/api/objects/Calculator");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task ObjectsGet_BadName_IsAProblem()
    {
        var http = Request("GET", "/api/objects/no%20such", token: _host.AdminToken);

        await new ObjectsFunctions(_gateway).ObjectsGet(http.Request, _client);

        Assert.True(http.Response.StatusCode is >= 400 and < 500, $"status {http.Response.StatusCode}");
        Assert.StartsWith("application/problem+json", http.Response.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunsModify_StartsTheRunThroughTheBoundDurableClient()
    {
        await _host.Admin().CreateObjectAsync("Calculator", Scripts.V1Files());
        var http = Request("POST", "/api/objects/Calculator/modifications", new { files = Scripts.V2Files(), summary = "Adds Multiply." }, _host.AdminToken);

        await new RunsFunctions(_gateway).RunsModify(http.Request, _client);

        var ticket = Body(http);
        Assert.True(http.Response.StatusCode == StatusCodes.Status202Accepted, $"{http.Response.StatusCode}: {ticket.ToJsonString()}");
        var runId = ticket["runId"]!.GetValue<string>();
        var scheduled = Assert.Single(_client.Scheduled);
        Assert.Equal("ModificationOrchestrator", scheduled.Orchestrator);
        Assert.Equal(runId, scheduled.InstanceId);
        // The run's row is in the shared read model, as standalone mode would have written it.
        var run = await _host.Admin().GetJsonAsync($"/api/runs/{runId}");
        Assert.Equal("Calculator", run["objectName"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunsCancel_RaisesTheCancelEventThroughTheBoundDurableClient()
    {
        await _host.Admin().CreateObjectAsync("Calculator", Scripts.V1Files());
        var start = Request("POST", "/api/objects/Calculator/modifications", new { files = Scripts.V2Files(), summary = "Adds Multiply." }, _host.AdminToken);
        await new RunsFunctions(_gateway).RunsModify(start.Request, _client);
        var runId = Body(start)["runId"]!.GetValue<string>();

        var cancel = Request("POST", $"/api/runs/{runId}/cancel", token: _host.AdminToken);
        await new RunsFunctions(_gateway).RunsCancel(cancel.Request, _client);

        Assert.True(cancel.Response.StatusCode is >= 200 and < 300, $"status {cancel.Response.StatusCode}");
        var raised = Assert.Single(_client.Raised);
        Assert.Equal(runId, raised.InstanceId);
        Assert.Equal("cancel", raised.EventName, ignoreCase: true);
    }

    [Fact]
    public async Task ActivityTriggers_RunTheSameActivityClassesOnTheRunsStorage()
    {
        await _host.Admin().CreateObjectAsync("Calculator", Scripts.V1Files());
        var start = Request("POST", "/api/objects/Calculator/modifications", new { files = Scripts.V2Files(), summary = "Adds Multiply." }, _host.AdminToken);
        await new RunsFunctions(_gateway).RunsModify(start.Request, _client);
        var runId = Body(start)["runId"]!.GetValue<string>();
        var context = new TestFunctionContext(_host.Services, "ResolvePolicyActivity", new Dictionary<string, object?> { ["instanceId"] = runId });

        var policy = await RunFunctions.ResolvePolicy(new RunInput(runId), _client, context);
        var basis = await RunFunctions.LoadContext(new RunInput(runId), _client, context);

        Assert.True(policy.MaxIterations >= 1);
        Assert.Equal(1, basis);
    }

    [Fact]
    public async Task MonitorScanTimer_SchedulesTheTicksScanOnce()
    {
        var functions = new MonitorFunctions(
            _host.Services.GetRequiredService<MonitorScans>(), _host.Services.GetRequiredService<IOptions<MonitorOptions>>(),
            _host.Services.GetRequiredService<IConfiguration>(), TimeProvider.System);

        await functions.Tick(new Microsoft.Azure.Functions.Worker.TimerInfo(), _client, new TestFunctionContext(_host.Services));

        var scheduled = Assert.Single(_client.Scheduled);
        Assert.Equal(nameof(MonitorScanOrchestrator), scheduled.Orchestrator);
        Assert.StartsWith("monitor-scan-", scheduled.InstanceId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EngineHistoryPurgeTimer_PurgesFinishedInstancesPastTheRetention()
    {
        var functions = new EngineFunctions(_host.Services.GetRequiredService<EngineHistoryPurge>());

        await functions.Purge(new Microsoft.Azure.Functions.Worker.TimerInfo(), _client, new TestFunctionContext(_host.Services));

        var filter = Assert.Single(_client.Purged);
        var cutoff = DateTimeOffset.UtcNow - TimeSpan.FromDays(1);
        Assert.InRange(filter.CreatedTo!.Value, cutoff - TimeSpan.FromMinutes(1), cutoff);
        Assert.Equal(
            [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
            filter.Statuses!.Order());
    }

    [Fact]
    public void DueTick_IsTheLatestOccurrenceAtOrBeforeNow()
    {
        var now = new DateTimeOffset(2026, 12, 5, 10, 0, 31, 400, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 12, 5, 10, 0, 30, TimeSpan.Zero), MonitorFunctions.DueTick("*/30 * * * * *", now));
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero), MonitorFunctions.DueTick("0 */5 * * * *", now));
    }
}
