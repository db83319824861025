using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Orchestrations.IntegrationTests.Runs;

/// <summary>The run's server-sent events stream.</summary>
public sealed class RunEventsTests
{
    [Fact]
    public async Task Events_RunToCompletion_StreamsEachStepThenEnds()
    {
        await using var host = await RunsHelper.StartHostAsync(new ScriptedModels().AcceptFirstTry());
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method." });

        using var response = await admin.GetAsync($"/api/runs/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("event: step", text);
        Assert.Contains("\"name\":\"generate-1\"", text);
        Assert.Contains("\"name\":\"deploy\"", text);
        Assert.EndsWith("\n\n", text);
        Assert.Contains("event: end", text);
        Assert.Contains("\"status\":\"succeeded\"", text[text.LastIndexOf("event: end", StringComparison.Ordinal)..]);
    }
}
