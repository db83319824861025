using System.Text.Json;
using DurableObjects.AI.UnitTests.Sdk;
using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Orchestrations.IntegrationTests.Runs;

/// <summary>The whole run through the real OpenAI SDK client (AI:Provider=OpenAICompatible) against a local Chat Completions stand-in.</summary>
public sealed class RealClientTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Modify_RealOpenAIClientAgainstStandIn_RunSucceedsWithReportedUsage()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync();
        standIn.Reply(JsonSerializer.Serialize(Scripts.Plan(), Web));
        standIn.Reply(JsonSerializer.Serialize(Scripts.Candidate(), Web));
        standIn.Reply(JsonSerializer.Serialize(Scripts.Preference(0.9), Web));
        var settings = new Dictionary<string, string?>
        {
            ["AI:Provider"] = "OpenAICompatible",
            ["AI:Endpoint"] = new Uri(standIn.BaseAddress, "/v1").ToString(),
            ["AI:ApiKey"] = "sk-local",
            ["AI:Model"] = "stand-in-model",
        };
        await using var host = await RunsHelper.StartHostAsync(settings: settings);
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();

        var run = await admin.WaitAsync(await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method." }));

        Assert.Equal("succeeded", run.Status());
        Assert.Equal(3, standIn.Requests.Count);
        Assert.Equal(3 * standIn.PromptTokens, run["usage"]!["inputTokens"]!.GetValue<long>());
        Assert.All(standIn.Requests, r => Assert.Equal("json_schema", r.Json["response_format"]!["type"]!.GetValue<string>()));
        Assert.Equal("stand-in-model", run.Iterations()[0]!["scores"]![0]!["model"]!.GetValue<string>());
    }
}
