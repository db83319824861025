using System.Text.Json.Nodes;
using DurableObjects.Orchestrations.IntegrationTests.Support;

namespace DurableObjects.Orchestrations.IntegrationTests.Runs;

/// <summary>The run read model is typed end to end: the OpenAPI document describes what GET /api/runs/{id} answers.</summary>
public sealed class RunSchemaTests
{
    [Fact]
    public async Task OpenApi_RunEndpoints_DescribeTheTypedRunView()
    {
        await using var host = await RunsHelper.StartHostAsync();

        var document = JsonNode.Parse(await host.Anonymous().GetStringAsync("/openapi/v1.json"))!;

        var schemas = document["components"]!["schemas"]!.AsObject();
        var details = schemas["RunDetailsResponse"]!["properties"]!.AsObject();
        Assert.Contains("iterations", details.Select(p => p.Key));
        Assert.Contains("steps", details.Select(p => p.Key));
        Assert.Contains("usage", details.Select(p => p.Key));
        var iteration = schemas["RunIterationResponse"]!["properties"]!.AsObject();
        Assert.Contains("scores", iteration.Select(p => p.Key));
        Assert.Contains("gates", iteration.Select(p => p.Key));
        Assert.Contains("meetsThreshold", schemas["ScoreResponse"]!["properties"]!.AsObject().Select(p => p.Key));
        var get = document["paths"]!["/api/runs/{id}"]!["get"]!["responses"]!["200"]!.ToJsonString();
        Assert.Contains("RunDetailsResponse", get, StringComparison.Ordinal);
        Assert.Contains("RunListResponse", document["paths"]!["/api/runs/"]?.ToJsonString() ?? document["paths"]!["/api/runs"]!.ToJsonString(), StringComparison.Ordinal);
    }
}
