using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.AI.Configuration;
using DurableObjects.Orchestrations.Runs;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Orchestrations.IntegrationTests.Support;

/// <summary>Starting hosts with scripted models and driving runs over the HTTP API.</summary>
public static class RunsHelper
{
    /// <summary>
    /// A host that dies mid-activity hands it over after 20 s (the work-item visibility timeout) instead of a minute.
    /// Only for tests whose activities are all much shorter: a longer one would be delivered twice.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> QuickHandOver = new Dictionary<string, string?>
    {
        ["extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout"] = "00:00:20",
        ["extensions:durableTask:storageProvider:controlQueueVisibilityTimeout"] = "00:00:20",
    };

    public static Task<TestHost> StartHostAsync(
        ScriptedModels? models = null, IRunStepObserver? observer = null, string? prefix = null, IReadOnlyDictionary<string, string?>? settings = null) =>
        TestHost.StartAsync(prefix, settings?.ToDictionary(), services =>
        {
            if (models is not null)
            {
                services.AddSingleton<IChatClientFactory>(models);
            }
            if (observer is not null)
            {
                services.AddSingleton(observer);
            }
        });

    public static async Task CreateCalculatorAsync(this HttpClient client, string name = "Calculator")
    {
        var response = await client.PostAsJsonAsync("/api/objects", new { name, description = "A calculator", files = Scripts.V1Files() });
        await response.ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>Starts a run; asserts 202 with the run's Location; returns the run id.</summary>
    public static async Task<string> StartAsync(this HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        await response.ExpectAsync(HttpStatusCode.Accepted);
        var ticket = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = ticket["runId"]!.GetValue<string>();
        Assert.Equal($"/api/runs/{id}", response.Headers.Location?.ToString());
        return id;
    }

    public static Task<string> ModifyAsync(this HttpClient client, string name, object body) =>
        client.StartAsync($"/api/objects/{name}/modifications", body);

    /// <summary>Polls the run until its status is one of <paramref name="statuses"/> (default: any final status).</summary>
    public static async Task<JsonObject> WaitAsync(this HttpClient client, string runId, params string[] statuses)
    {
        var until = DateTime.UtcNow.AddSeconds(180);
        string[] wanted = statuses.Length > 0 ? statuses : ["succeeded", "rejected", "failed", "cancelled"];
        while (true)
        {
            var run = await client.GetJsonAsync($"/api/runs/{runId}");
            if (wanted.Contains(run["status"]!.GetValue<string>()))
            {
                return run;
            }
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"Run {runId} did not reach {string.Join("/", wanted)}: {run.ToJsonString()}");
            }
            await Task.Delay(100);
        }
    }

    public static async Task<int> VersionCountAsync(this HttpClient client, string name)
    {
        var page = await client.GetJsonAsync($"/api/objects/{name}/versions");
        return page["items"]!.AsArray().Count;
    }

    public static string Status(this JsonObject run) => run["status"]!.GetValue<string>();

    public static JsonArray Iterations(this JsonObject run) => run["iterations"]!.AsArray();

    public static IEnumerable<string> StepNames(this JsonObject run) => run["steps"]!.AsArray().Select(s => s!["name"]!.GetValue<string>());
}
