using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DurableObjects.AI.UnitTests.Sdk;
using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Orchestrations.IntegrationTests.Runs;

/// <summary>
/// The real host process killed with SIGKILL (no shutdown, no flush, its runners with it) at the worst moments of a
/// run; a new process on the same storage and task hub takes over. The Durable Task engine replays the run there: it
/// completes with exactly one new version, and no model call that had completed is made again (the stand-in counts
/// the replies it delivered; a call cut off by the kill delivered none).
/// </summary>
public sealed class KillTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>A test that keeps the tests gate busy for a second or more (a slow gate).</summary>
    private const string SlowTests = """
        namespace Samples;

        public class CalculatorTests
        {
            public bool AddsNumbers() => new Calculator().Add(2, 3) == 5;

            public bool MultipliesNumbers() => new Calculator().Multiply(4, 5) == 20;

            public bool MultipliesManyNumbers()
            {
                long sum = 0;
                for (long i = 0; i < 1_500_000_000; i++)
                {
                    sum += new Calculator().Multiply((int)(i & 7), 3);
                }
                return sum > 0;
            }
        }
        """;

    [Fact]
    public async Task Run_HostKilledDuringGeneration_AnotherHostCompletesIt_NoCompletedModelCallRepeated()
    {
        await using var model = await ScriptedStandInAsync();
        var generating = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource();
        model.BeforeReply = n => n == 2 && !generating.Task.IsCompleted ? Hold(generating, never.Task) : Task.CompletedTask;
        var prefix = NewPrefix();
        string id;
        await using (var first = await HostProcess.StartAsync(prefix, Settings(model)))
        {
            var admin = first.Admin();
            await admin.CreateCalculatorAsync();
            id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method." });
            await generating.Task.WaitAsync(TimeSpan.FromSeconds(60));
            first.Kill();
        }

        await using var second = await HostProcess.StartAsync(prefix, Settings(model));
        var run = await second.Admin().WaitAsync(id);
        // The killed host's call is released only now: released at once, it could still take the scripted candidate
        // before the stand-in saw its connection drop (a race the loaded CI machine lost), leaving none for this host.
        never.SetResult();

        Assert.True(run.Status() == "succeeded", run.ToJsonString());
        Assert.Equal(3, model.Replied);
        Assert.Equal(2, await second.Admin().VersionCountAsync("Calculator"));
        Assert.Equal(2, run["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Run_HostKilledDuringASlowGate_AnotherHostCompletesIt_ExactlyOneNewVersion()
    {
        await using var model = await ScriptedStandInAsync(tests: SlowTests);
        var prefix = NewPrefix();
        string id;
        await using (var first = await HostProcess.StartAsync(prefix, Settings(model)))
        {
            var admin = first.Admin();
            await admin.CreateCalculatorAsync();
            id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method." });
            await UntilAsync(admin, id, run => run["currentStep"]!.GetValue<string>().StartsWith("gate-1", StringComparison.Ordinal));
            first.Kill();
        }

        await using var second = await HostProcess.StartAsync(prefix, Settings(model));
        var done = await second.Admin().WaitAsync(id);

        Assert.Equal("succeeded", done.Status());
        Assert.Equal(3, model.Replied);
        Assert.Equal(2, await second.Admin().VersionCountAsync("Calculator"));
    }

    [Fact]
    public async Task Run_HostKilledWhileWaitingForApproval_ApprovedOnAnotherHost_Completes()
    {
        await using var model = await ScriptedStandInAsync();
        var prefix = NewPrefix();
        string id;
        await using (var first = await HostProcess.StartAsync(prefix, Settings(model)))
        {
            var admin = first.Admin();
            await admin.CreateCalculatorAsync();
            id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method.", requireApproval = true });
            await admin.WaitAsync(id, "awaiting_approval");
            first.Kill();
        }

        await using var second = await HostProcess.StartAsync(prefix, Settings(model));
        var admin2 = second.Admin();
        var approve = await admin2.PostAsJsonAsync($"/api/runs/{id}/approve", new { comment = "after the crash" });
        await approve.ExpectAsync(HttpStatusCode.Accepted);
        var run = await admin2.WaitAsync(id);

        Assert.True(run.Status() == "succeeded", run.ToJsonString());
        Assert.Equal("after the crash", run["approval"]!["comment"]!.GetValue<string>());
        Assert.Equal(3, model.Replied);
        Assert.Equal(2, await admin2.VersionCountAsync("Calculator"));
    }

    private static async Task<ChatCompletionsStandIn> ScriptedStandInAsync(string tests = Scripts.TestsV2)
    {
        var model = await ChatCompletionsStandIn.StartAsync();
        model.Reply(JsonSerializer.Serialize(Scripts.Plan(), Web));
        model.Reply(JsonSerializer.Serialize(Scripts.Candidate(tests: tests), Web));
        model.Reply(JsonSerializer.Serialize(Scripts.Preference(0.9), Web));
        return model;
    }

    private static Dictionary<string, string?> Settings(ChatCompletionsStandIn model) => new()
    {
        ["AI__Provider"] = "OpenAICompatible",
        ["AI__Endpoint"] = new Uri(model.BaseAddress, "/v1").ToString(),
        ["AI__ApiKey"] = "sk-local",
        ["AI__Model"] = "stand-in-model",
        // One admin both asks and approves here; four eyes are tested elsewhere (ApprovalRulesTests).
        ["DurableObjects__Pipeline__AllowSelfApproval"] = "true",
    };

    private static string NewPrefix() => "k" + Guid.NewGuid().ToString("N")[..12];

    private static async Task Hold(TaskCompletionSource reached, Task release)
    {
        reached.TrySetResult();
        await release;
    }

    private static async Task UntilAsync(HttpClient client, string id, Func<System.Text.Json.Nodes.JsonObject, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var run = await client.GetJsonAsync($"/api/runs/{id}");
            if (condition(run))
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Run {id} never got there: {run.ToJsonString()}");
            await Task.Delay(25);
        }
    }
}
