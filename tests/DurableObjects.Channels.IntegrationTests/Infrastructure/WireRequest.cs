using System.Text.Json.Nodes;

namespace DurableObjects.Channels.IntegrationTests.Infrastructure;

/// <summary>One request as a JSON stand-in received it.</summary>
public sealed record WireRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";

    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
}
