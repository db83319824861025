using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Orchestrations.IntegrationTests.Runs;

/// <summary>
/// Run admission on the real engine (the sidecar over the Azure Storage provider on Azurite): with a bound of one
/// active run, runs started together work one after another and all succeed; a run waiting for a person's approval
/// does not hold up the next.
/// </summary>
public sealed class AdmissionTests
{
    private static readonly IReadOnlyDictionary<string, string?> OneAtATime = new Dictionary<string, string?>
    {
        ["extensions:durableTask:maxActiveRuns"] = "1",
    };

    [Fact]
    public async Task RunsStartedTogether_BeyondTheBound_WorkOneAfterAnother_AndAllSucceed()
    {
        await using var host = await RunsHelper.StartHostAsync(Always(), settings: OneAtATime);
        var admin = host.Admin();
        var names = new[] { "Calculator1", "Calculator2", "Calculator3" };
        foreach (var name in names)
        {
            await admin.CreateCalculatorAsync(name);
        }

        var ids = await Task.WhenAll(names.Select(name => admin.ModifyAsync(name, new { prompt = "Add a Multiply method." })));
        var runs = new List<JsonObject>();
        foreach (var id in ids)
        {
            runs.Add(await admin.WaitAsync(id));
        }

        Assert.All(runs, run => Assert.Equal("succeeded", run.Status()));
        foreach (var name in names)
        {
            Assert.Equal(2, await admin.VersionCountAsync(name));
        }
        // One at a time: each run's first step began after the run before it had done its last.
        var spans = runs.Select(Span).OrderBy(span => span.First).ToList();
        for (var i = 1; i < spans.Count; i++)
        {
            Assert.True(spans[i].First >= spans[i - 1].Last,
                $"Run {i + 1} started {spans[i].First:O}, before run {i} ended {spans[i - 1].Last:O}.");
        }
    }

    [Fact]
    public async Task ARunWaitingForApproval_DoesNotHoldUpTheNext()
    {
        await using var host = await RunsHelper.StartHostAsync(Always(), settings: OneAtATime);
        var admin = host.Admin();
        await admin.CreateCalculatorAsync("Calculator1");
        await admin.CreateCalculatorAsync("Calculator2");

        var waiting = await admin.ModifyAsync("Calculator1", new { prompt = "Add a Multiply method.", requireApproval = true });
        await admin.WaitAsync(waiting, "awaiting_approval");
        var next = await admin.WaitAsync(await admin.ModifyAsync("Calculator2", new { prompt = "Add a Multiply method." }));

        Assert.Equal("succeeded", next.Status());
        Assert.Equal("awaiting_approval", (await admin.GetJsonAsync($"/api/runs/{waiting}")).Status());
        var cancel = await admin.PostAsJsonAsync($"/api/runs/{waiting}/cancel", new { });
        await cancel.ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal("cancelled", (await admin.WaitAsync(waiting)).Status());
    }

    private static ScriptedModels Always()
    {
        var models = new ScriptedModels();
        models.Planner.Always(Scripts.Plan());
        models.Generator.Always(Scripts.Candidate());
        models.Judge.Always(Scripts.Preference(0.9));
        return models;
    }

    private static (DateTimeOffset First, DateTimeOffset Last) Span(JsonObject run)
    {
        var steps = run["steps"]!.AsArray();
        return (steps.Min(step => step!["startedAt"]!.GetValue<DateTimeOffset>()),
            steps.Max(step => step!["completedAt"]!.GetValue<DateTimeOffset>()));
    }
}
