using System.Reflection;
using System.Text.Json.Nodes;
using DurableObjects.Orchestrations;
using DurableObjects.Orchestrations.Engine;
using DurableObjects.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Functions.IntegrationTests.FunctionsApp;

/// <summary>
/// The two modes serve the same app: every route the standalone host maps and every operation of its OpenAPI document
/// has an HTTP function in the generated <c>functions.metadata</c> (and no function answers a route the app lacks),
/// and every orchestrator and activity the standalone engine registers has its trigger function under the same name.
/// </summary>
public sealed class FunctionsParityTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private IReadOnlyList<FunctionEntry> _functions = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync();
        _functions = FunctionsMetadata.Load();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private IEnumerable<FunctionEntry> HttpFunctions => _functions.Where(f => f.Trigger == "httpTrigger");

    private bool HasFunction(string method, string template) =>
        HttpFunctions.Any(f => f.Methods.Contains(method) && RouteTemplates.Answers(f.Route!, template));

    /// <summary>
    /// Standalone-only endpoints: the web front end (its page at <c>/</c> and the navigation fallback). On Azure the
    /// front end is a Static Web App calling the Functions app's API.
    /// </summary>
    private static bool IsWebFrontEnd(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText is "/" or null || endpoint.RoutePattern.RawText!.StartsWith("{*", StringComparison.Ordinal);

    private List<(string Method, string Route)> AppRoutes() =>
        _host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => !IsWebFrontEnd(e))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m.ToUpperInvariant(), "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Distinct()
            .ToList();

    [Fact]
    public void MetadataWasGenerated_WithHttpOrchestrationActivityAndTimerFunctions()
    {
        Assert.Contains(_functions, f => f.Trigger == "httpTrigger");
        Assert.Contains(_functions, f => f.Trigger == "orchestrationTrigger");
        Assert.Contains(_functions, f => f.Trigger == "activityTrigger");
        Assert.Contains(_functions, f => f.Trigger == "timerTrigger" && f.Name == "MonitorScanTimer");
        Assert.Contains(_functions, f => f.Trigger == "timerTrigger" && f.Name == "EngineHistoryPurgeTimer");
        Assert.Equal(_functions.Count, _functions.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void EveryRouteOfTheStandaloneHost_HasAnHttpFunction()
    {
        var routes = AppRoutes();
        Assert.True(routes.Count > 50, $"The standalone host mapped only {routes.Count} routes.");

        var missing = routes.Where(r => !HasFunction(r.Method, r.Route)).Select(r => $"{r.Method} {r.Route}").ToList();

        Assert.True(missing.Count == 0, "Routes without an HTTP function: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryHttpFunction_AnswersARouteTheAppMaps()
    {
        var routes = AppRoutes();

        var orphans = HttpFunctions
            .Where(f => !f.Methods.All(m => routes.Any(r => r.Method == m && RouteTemplates.Samples(f.Route!).Any(s => RouteTemplates.Matches(r.Route, s)))))
            .Select(f => $"{f.Name} ({string.Join(',', f.Methods)} {f.Route})")
            .ToList();

        Assert.True(orphans.Count == 0, "HTTP functions for routes the app does not map: " + string.Join(", ", orphans));
    }

    [Fact]
    public async Task EveryOperationOfTheOpenApiDocument_HasAnHttpFunction()
    {
        var document = JsonNode.Parse(await _host.Anonymous().GetStringAsync("/openapi/v1.json"))!;
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Method: op.Key.ToUpperInvariant(), Route: path.Key)))
            .ToList();
        Assert.True(operations.Count > 40, $"The OpenAPI document has only {operations.Count} operations.");

        var missing = operations.Where(o => !HasFunction(o.Method, o.Route)).Select(o => $"{o.Method} {o.Route}").ToList();

        Assert.True(missing.Count == 0, "OpenAPI operations without an HTTP function: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryOrchestratorAndActivity_HasItsTriggerFunction_AndIsRegisteredStandalone()
    {
        var registered = RegisteredStandalone();
        // The warm-up orchestration exists only to take the in-process engine's partition leases at start; the
        // Functions host's Durable extension manages its own.
        var tasks = typeof(RunsExtensions).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && IsTask(t) && t != typeof(WarmupOrchestrator))
            .Select(t => (Name: t.GetCustomAttribute<DurableTaskAttribute>()?.Name.Name ?? t.Name, Orchestrator: IsOrchestrator(t)))
            .ToList();
        Assert.True(tasks.Count >= 15, $"Only {tasks.Count} orchestrators and activities were found.");

        foreach (var (name, orchestrator) in tasks)
        {
            var trigger = orchestrator ? "orchestrationTrigger" : "activityTrigger";
            Assert.True(_functions.Any(f => f.Name == name && f.Trigger == trigger), $"{name} has no {trigger} function.");
            Assert.Contains(name, registered);
        }
        var triggers = _functions.Where(f => f.Trigger is "orchestrationTrigger" or "activityTrigger").Select(f => f.Name);
        Assert.Empty(triggers.Except(tasks.Select(t => t.Name)));
    }

    private static bool IsTask(Type type) => IsOrchestrator(type) || Derives(type, typeof(TaskActivity<,>));

    private static bool IsOrchestrator(Type type) => Derives(type, typeof(TaskOrchestrator<,>));

    private static bool Derives(Type type, Type generic)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == generic)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The names the standalone worker's registry holds (the same extension methods the host calls).</summary>
    private static HashSet<string> RegisteredStandalone()
    {
        var registry = new DurableTaskRegistry().AddRunTasks().AddMonitorTasks();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in typeof(DurableTaskRegistry).GetProperties(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public))
        {
            if (property.GetValue(registry) is System.Collections.IDictionary map)
            {
                foreach (var key in map.Keys)
                {
                    // Keyed by name, or by name and version (TaskVersionKey) in newer registries.
                    var name = key is TaskName task ? task.Name : key.GetType().GetProperty("Name")?.GetValue(key)?.ToString() ?? key.ToString()!;
                    names.Add(name);
                }
            }
        }
        Assert.NotEmpty(names);
        return names;
    }
}
