using System.Net;
using System.Net.Http.Json;
using DurableObjects.Orchestrations.Engine;
using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Orchestrations.IntegrationTests.Runs;

/// <summary>
/// The engine history purge on the real engine over Azurite: finished orchestrations past the retention lose their
/// engine history, nothing else does — not a run waiting for approval, not any run's view.
/// </summary>
public sealed class HistoryRetentionTests
{
    [Fact]
    public async Task Purge_PastRetention_RemovesFinishedRunsHistoryOnly()
    {
        var settings = new Dictionary<string, string?> { ["DurableObjects:Engine:HistoryRetention"] = "00:00:00.001" };
        await using var host = await RunsHelper.StartHostAsync(new ScriptedModels().AcceptFirstTry().AcceptFirstTry(), settings: settings);
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        await admin.CreateCalculatorAsync("Abacus");
        var finished = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method." });
        Assert.Equal("succeeded", (await admin.WaitAsync(finished)).Status());
        var waiting = await admin.ModifyAsync("Abacus", new { prompt = "Add a Multiply method.", requireApproval = true });
        await admin.WaitAsync(waiting, "awaiting_approval");
        var engine = host.Services.GetRequiredService<EngineClient>().Current;
        // The run's row says succeeded a step before its orchestration has completed: purge only once it has.
        await CompletedAsync(engine, finished);
        var before = await admin.GetJsonAsync($"/api/runs/{finished}");

        var purged = await host.Services.GetRequiredService<EngineHistoryPurge>().PurgeAsync();

        Assert.True(purged >= 1, $"purged {purged}");
        Assert.Null(await engine.GetInstanceAsync(finished));
        Assert.NotNull(await engine.GetInstanceAsync(waiting));
        // The run's view is the app's own record: the same after the purge.
        var after = await admin.GetJsonAsync($"/api/runs/{finished}");
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
        Assert.NotEmpty(after.StepNames());
        var cancel = await admin.PostAsync($"/api/runs/{finished}/cancel", null);
        await cancel.ExpectProblemAsync(HttpStatusCode.Conflict);
        // The run that waits goes on.
        var reviewer = host.As(await admin.CreateUserAsync("reviewer", "admin"));
        var approve = await reviewer.PostAsJsonAsync($"/api/runs/{waiting}/approve", new { });
        await approve.ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal("succeeded", (await admin.WaitAsync(waiting)).Status());
        Assert.Equal(2, await admin.VersionCountAsync("Abacus"));
    }

    [Fact]
    public async Task Purge_WithinDefaultRetention_KeepsFinishedRunsHistory()
    {
        await using var host = await RunsHelper.StartHostAsync(new ScriptedModels().AcceptFirstTry());
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var finished = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method." });
        Assert.Equal("succeeded", (await admin.WaitAsync(finished)).Status());

        var engine = host.Services.GetRequiredService<EngineClient>().Current;
        await CompletedAsync(engine, finished);

        var purged = await host.Services.GetRequiredService<EngineHistoryPurge>().PurgeAsync();

        Assert.Equal(0, purged);
        Assert.NotNull(await engine.GetInstanceAsync(finished));
    }

    private static async Task CompletedAsync(DurableTaskClient engine, string instanceId)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (await engine.GetInstanceAsync(instanceId) is not { IsCompleted: true })
        {
            Assert.True(DateTime.UtcNow < until, $"Orchestration {instanceId} did not complete.");
            await Task.Delay(50);
        }
    }
}
