using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.AI.Configuration;
using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Orchestrations.IntegrationTests.Runs;

/// <summary>
/// A run's audit events are recorded exactly once however often the work that records them is delivered: an activity
/// delivered again after its event's write failed (its step, or the run's final status, already recorded), a deploy delivered again after its
/// work, an approval whose event was stored with its answer lost.
/// </summary>
public sealed class RunAuditOnceTests
{
    [Fact]
    public async Task RunAccepted_EventWriteFailsAfterTheDecisionIsRecorded_RedeliveryRecordsItOnce()
    {
        var faults = new StorageFaults();
        await using var host = await StartHostAsync(faults);
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        // Both tries of the first delivery's event write fail; the evaluation it decided is recorded by then.
        faults.Refuse(EventWrites.First(2, EventWrites.Of("run.accepted")));

        var id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method." });
        var run = await admin.WaitAsync(id);

        Assert.Equal("succeeded", run.Status());
        Assert.Equal(["1"], (await EventsOfRunAsync(admin, "run.accepted", id)).Select(e => e["data"]!["iteration"]!.GetValue<string>()));
    }

    [Fact]
    public async Task RunSucceeded_EventWriteFailsAfterTheStatusIsRecorded_RedeliveryRecordsItOnce()
    {
        var faults = new StorageFaults();
        await using var host = await StartHostAsync(faults);
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        // Both tries of the first delivery's event write fail; the run's row has its final status by then.
        faults.Refuse(EventWrites.First(2, EventWrites.Of("run.succeeded")));

        var id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method." });
        var run = await admin.WaitAsync(id);

        Assert.Equal("succeeded", run.Status());
        // The row says succeeded from the first delivery on; the event comes with the delivery after it.
        var events = await EventsOfRunAsync(admin, "run.succeeded", id);
        for (var deadline = DateTime.UtcNow.AddSeconds(30); events.Count == 0 && DateTime.UtcNow < deadline; events = await EventsOfRunAsync(admin, "run.succeeded", id))
        {
            await Task.Delay(100);
        }
        await Task.Delay(500);
        Assert.Single(await EventsOfRunAsync(admin, "run.succeeded", id));
    }

    [Fact]
    public async Task RunAwaitingApproval_EventWriteFailsAfterTheWaitIsRecorded_RedeliveryRecordsItOnce()
    {
        var faults = new StorageFaults();
        await using var host = await StartHostAsync(faults);
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        faults.Refuse(EventWrites.First(2, EventWrites.Of("run.awaiting_approval")));

        var id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method.", requireApproval = true });
        await admin.WaitAsync(id, "awaiting_approval");
        var reject = await admin.PostAsJsonAsync($"/api/runs/{id}/reject", new { comment = "not now" });
        await reject.ExpectAsync(HttpStatusCode.Accepted);
        await admin.WaitAsync(id);

        Assert.Single(await EventsOfRunAsync(admin, "run.awaiting_approval", id));
    }

    [Fact]
    public async Task Approve_EventInsertAppliedButItsAnswerLost_AnswersAcceptedWithOneEvent()
    {
        var faults = new StorageFaults();
        await using var host = await StartHostAsync(faults);
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method.", requireApproval = true });
        await admin.WaitAsync(id, "awaiting_approval");
        var reviewer = host.As(await admin.CreateUserAsync("reviewer", "admin"));
        faults.LoseNextAnswer(EventWrites.Of("run.approved"));

        var approve = await reviewer.PostAsJsonAsync($"/api/runs/{id}/approve", new { comment = "looks good" });
        await admin.WaitAsync(id);

        await approve.ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal(1, faults.LostAnswers);
        Assert.Single(await EventsOfRunAsync(admin, "run.approved", id));
    }

    [Fact]
    public async Task Deploy_StepFailsOnceAfterItsWork_RedeliveryRecordsOneDeployEvent()
    {
        var failOnce = new FailOnceAtStep("deploy");
        await using var host = await RunsHelper.StartHostAsync(new ScriptedModels().AcceptFirstTry(), failOnce);
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();

        var run = await admin.WaitAsync(await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method." }));

        Assert.Equal("succeeded", run.Status());
        Assert.Equal(1, failOnce.Failures);
        var deployed = await EventsAsync(admin, "deploy.succeeded");
        Assert.Equal(["2"], deployed.Select(e => e["data"]!["version"]!.GetValue<string>()));
    }

    private static Task<TestHost> StartHostAsync(StorageFaults faults) =>
        faults.StartHostAsync(services: s => s.AddSingleton<IChatClientFactory>(new ScriptedModels().AcceptFirstTry()));

    private static async Task<List<JsonNode>> EventsAsync(HttpClient admin, string type) =>
        [.. (await admin.GetJsonAsync($"/api/events?type={type}&subject=object/calculator"))["items"]!.AsArray().Select(e => e!)];

    private static async Task<List<JsonNode>> EventsOfRunAsync(HttpClient admin, string type, string runId) =>
        [.. (await EventsAsync(admin, type)).Where(e => e["data"]!["run"]?.GetValue<string>() == runId)];
}
